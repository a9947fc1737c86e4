/*
 * spawner: posix_spawn on threads of its own.
 *
 * posix_spawn keeps its caller waiting until the child has exec'd.  A
 * script that starts background jobs has better things to do meanwhile:
 * read and start the next line, reap.  Two worker threads take calls
 * from a queue, in order, so several children exec at once
 * (bench/RESULTS.md).
 *
 * The workers touch nothing but their calls, and the caller owns a call
 * until done_cb.  done_cb runs on the loop's thread: from the loop, or
 * from spawner_submit and spawner_settle.
 */
#ifndef JOBSH_SPAWNER_H
#define JOBSH_SPAWNER_H

#include <spawn.h>
#include <stdbool.h>
#include <sys/types.h>

struct ev_loop;

struct spawn_call {
	const char			*path;
	char *const			*argv;
	char *const			*envp;
	const posix_spawn_file_actions_t *actions;
	const posix_spawnattr_t		*attr;
	bool				 holds_fds; /* keeps descriptors open
						       until done */
	pid_t				 pid;	/* out */
	int				 error;	/* out: 0 or an errno value */
	struct spawn_call		*next;	/* the spawner's, while out */
};

/*
 * posix_spawn, on whichever thread calls it.  A file without #! that the
 * kernel will not run (ENOEXEC) is run by jobsh itself, as shells do.
 */
void	spawn_call_run(struct spawn_call *);

typedef void spawner_done_cb(struct spawn_call *, void *arg);

struct spawner	*spawner_new(struct ev_loop *, spawner_done_cb *, void *arg);
/* Waits for the calls out, if any; then ends the threads. */
void		 spawner_free(struct spawner *);

/*
 * Queues call for a worker.  When the queue is full, or the call holds
 * descriptors and no worker is free, the caller first spawns the oldest
 * queued calls itself (or waits for the workers), so calls start in
 * their order.  False if there are no workers (or no longer, after a
 * report): run it inline then, nothing else being out.  While a call is
 * out, the loop stays alive.
 */
bool		 spawner_submit(struct spawner *, struct spawn_call *);

/*
 * Waits for the calls out, if any, and reports them through done_cb;
 * whether there were any.
 */
bool		 spawner_settle(struct spawner *);

/*
 * Ends the threads for good: calls run inline from now on.  A thread
 * counts against the process limit (RLIMIT_NPROC) as a process does.
 * Returns whether there was a thread to end.
 */
bool		 spawner_retire(struct spawner *);

/* In the child of a fork (which has no spawner threads): nothing more
   goes to them.  Settle before forking. */
void		 spawner_forget_threads(struct spawner *);

#endif
