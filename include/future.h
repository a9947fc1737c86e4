/*
 * future: a value that settles once, on the libev loop.
 *
 * A future is pending until future_resolve gives it an exit status.  Waiters
 * registered with future_await fire exactly once, always from the loop and
 * never inside the call that registered them or resolved the future: a
 * waiter added after the result arrived still gets it, once the callback
 * running now has returned.
 * This is the promise that lets the shell treat processes, timers and whole
 * command lists alike.
 */
#ifndef JOBSH_FUTURE_H
#define JOBSH_FUTURE_H

#include <stdbool.h>

struct ev_loop;
struct future;
struct future_sched;
struct future_waiter;

typedef void future_cb(struct future *, void *arg);

/* The delivery queue of one loop; every future belongs to one. */
struct future_sched	*future_sched_new(struct ev_loop *);
void			 future_sched_free(struct future_sched *);

struct future	*future_new(struct future_sched *);
struct future	*future_ref(struct future *);
void		 future_unref(struct future *);

/* Settles the future; later calls are ignored (the first result wins). */
void		 future_resolve(struct future *, int status);
bool		 future_done(const struct future *);
int		 future_status(const struct future *);

/*
 * Calls cb(future, arg) once the future is done.  The returned handle stays
 * valid until the callback has run or future_cancel_wait is called.
 */
struct future_waiter	*future_await(struct future *, future_cb *, void *);
/*
 * The same, but the callback runs only once the loop has polled (for
 * children, signals and input) since this call, waiting for the next turn
 * if need be, and after what that turn's events settled: for a step that
 * repeats, such as a script's next command, so that the steps cannot
 * starve the loop and see the children that ended meanwhile as done.
 */
struct future_waiter	*future_await_turn(struct future *, future_cb *,
			    void *);
void			 future_cancel_wait(struct future_waiter *);

#endif
