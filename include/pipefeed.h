/*
 * pipefeed: a builtin's output on its way into a pipe.
 *
 * The shell must never block on a pipe: the process that reads it may not
 * even be started yet (`echo $big | (sleep 1; cat)`).  A builtin whose
 * standard output is a pipe therefore writes into memory; the output goes
 * into the pipe at once when it fits, and otherwise from the loop, a
 * bufferful whenever the pipe has room.  The command's future settles
 * once everything is written, so output keeps its order.
 */
#ifndef JOBSH_PIPEFEED_H
#define JOBSH_PIPEFEED_H

struct context;
struct future;

/* Whether fd is a pipe or FIFO, the case for capturing. */
int		 pipefeed_wanted(int fd);

/*
 * Sends len bytes of data_fd (from offset 0) into out_fd, taking both
 * descriptors.  Returns a future with status, or with 1 (after saying
 * "jobsh: NAME: write error: ...") if the reader went away first.  name
 * must outlive the future (a builtin's table entry).
 */
struct future	*pipefeed_start(struct context *, const char *name,
		    int out_fd, int data_fd, long len, int status);

#endif
