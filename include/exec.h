/*
 * exec: evaluation of syntax trees as futures.
 *
 * Every node becomes a future: a simple command is a child process, a
 * builtin (usually already done) or a timer; a pipeline settles when all its
 * members have; an and-or list, a list and a ( list ) are composite futures
 * that start their next part from a callback when the previous one settles.
 * Everything runs in the shell process, on the loop: the shell itself is
 * never forked.
 */
#ifndef JOBSH_EXEC_H
#define JOBSH_EXEC_H

#include <stdbool.h>

struct ast_and_or;
struct ast_list;
struct ast_program;
struct context;
struct future;
struct job;

/*
 * Runs the and-or list as the body of job, in ctx, and finishes the job
 * with its status.  Takes ownership of ctx when owns_ctx is set.  When
 * stdin_fd is not -1 the first command reads it.
 */
void		 exec_job(struct job *, struct context *, int owns_ctx,
		    struct ast_program *, struct ast_and_or *, int stdin_fd);

/*
 * Whether a background and-or list could change the shell's state (cd,
 * assignments, exit, ${x:=y}...) and so needs a copy of the context.
 * Most background jobs — one external command, sleep, a pipeline — do
 * not, and start without the copy.
 */
bool		 exec_needs_own_context(const struct ast_and_or *);

/*
 * Runs a list.  With job NULL (the top level), each foreground item becomes
 * a job of its own, run with run_in_foreground; otherwise the items are
 * part of job.  The future resolves with the last item's status.
 */
struct future	*exec_list(struct job *, struct context *,
		    struct ast_program *, struct ast_list *);

/* A future that is already done with status. */
struct future	*exec_done(struct context *, int status);

#endif
