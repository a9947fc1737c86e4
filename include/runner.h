/*
 * runner: the read-parse-run cycle over a source.  It takes one complete
 * command at a time (reading continuation lines as needed), runs it, and
 * reads the next only when it has settled.  The top level of the shell,
 * scripts, -c and the source builtin are all runners.
 */
#ifndef JOBSH_RUNNER_H
#define JOBSH_RUNNER_H

struct context;
struct future;
struct job;
struct source;

/*
 * Runs every command of src (which it takes) in ctx.  With job NULL each
 * foreground command is a job of its own.  The future resolves with the
 * last status; a syntax error ends a non-interactive source with 2.
 */
struct future	*runner_start(struct job *, struct context *,
		    struct source *);

#endif
