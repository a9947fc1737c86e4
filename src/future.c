/*
 * future: fire-once results delivered from the loop.
 *
 * Each waiter sits on its future's list while the future is pending and on
 * one of the scheduler's lists once its callback is due; all lists are
 * doubly linked so a waiter can be cancelled in constant time wherever it
 * is.  An ev_idle watcher drains what is due, so a callback never runs
 * inside future_resolve or future_await, and a thousand futures settling in
 * one loop iteration cost one pass.  What a callback makes ready runs in the
 * same drain, after it: a chain of futures (a process, its job, its list,
 * the script) settles in one turn.  A waiter added with future_await_turn
 * waits for the next turn unless the loop has polled since it was added,
 * and comes after the other waiters of its turn.
 */
#include <stdlib.h>

#include <ev.h>

#include "future.h"
#include "xmalloc.h"

struct waiter_list {
	struct future_waiter	*head;
	struct future_waiter	*tail;
};

struct future_waiter {
	struct future		*future;	/* holds a reference */
	bool			 after_poll;	/* only after a poll since await */
	unsigned		 iteration;	/* of the loop, at await */
	future_cb		*cb;
	void			*arg;
	struct waiter_list	*list;		/* the list it is on */
	struct future_waiter	*prev;
	struct future_waiter	*next;
};

struct future_sched {
	struct ev_loop		*loop;
	ev_idle			 idle;		/* keeps the poll from blocking */
	ev_check		 check;		/* drains after the turn's events */
	struct waiter_list	 ready;		/* due at the next drain */
	struct waiter_list	 draining;	/* due in the drain under way */
	struct waiter_list	 turns;		/* future_await_turn ones, due
						   once draining is empty */
	unsigned		 drains;	/* drains under way */
};

struct future {
	struct future_sched	*sched;
	unsigned		 refs;
	bool			 done;
	int			 status;
	struct waiter_list	 waiters;
};

static void
list_append(struct waiter_list *l, struct future_waiter *w)
{
	w->list = l;
	w->next = NULL;
	w->prev = l->tail;
	if (l->tail != NULL)
		l->tail->next = w;
	else
		l->head = w;
	l->tail = w;
}

static void
list_remove(struct future_waiter *w)
{
	struct waiter_list	*l = w->list;

	if (w->prev != NULL)
		w->prev->next = w->next;
	else
		l->head = w->next;
	if (w->next != NULL)
		w->next->prev = w->prev;
	else
		l->tail = w->prev;
	w->list = NULL;
}

/* A future_await_turn waiter added since the loop last polled. */
static bool
waits_for_poll(const struct future_sched *sched,
    const struct future_waiter *w)
{
	return w->after_poll && w->iteration == ev_iteration(sched->loop);
}

/* The list of the drain under way a due waiter joins. */
static struct waiter_list *
drain_list(struct future_sched *sched, const struct future_waiter *w)
{
	return w->after_poll ? &sched->turns : &sched->draining;
}

/* Where a waiter whose callback is due goes, given the drain state. */
static void
make_ready(struct future_sched *sched, struct future_waiter *w)
{
	if (sched->drains > 0 && !waits_for_poll(sched, w)) {
		list_append(drain_list(sched, w), w);
		return;
	}
	list_append(&sched->ready, w);
	if (!ev_is_active(&sched->idle))
		ev_idle_start(sched->loop, &sched->idle);
}

static void
take_ready(struct future_sched *sched)
{
	struct future_waiter	*w, *next;

	for (w = sched->ready.head; w != NULL; w = next) {
		next = w->next;
		if (waits_for_poll(sched, w))
			continue;
		list_remove(w);
		list_append(drain_list(sched, w), w);
	}
}

static void
run_waiter(struct future_waiter *w)
{
	list_remove(w);
	w->cb(w->future, w->arg);
	future_unref(w->future);
	free(w);
}

/*
 * Everything the turn's events settled, and everything that makes ready
 * in turn (a reaped child's process, its pipeline, its job), comes before
 * each repeating step (a script's next command), which then sees it done.
 */
static void
drain(struct future_sched *sched)
{
	struct future_waiter	*w;

	take_ready(sched);
	sched->drains++;
	for (;;) {
		while ((w = sched->draining.head) != NULL)
			run_waiter(w);
		if ((w = sched->turns.head) == NULL)
			break;
		run_waiter(w);
	}
	sched->drains--;
	if (sched->ready.head == NULL)
		ev_idle_stop(sched->loop, &sched->idle);
}

static void
future_sched_idle_cb(struct ev_loop *loop, ev_idle *idle, int revents)
{
	(void)loop;
	(void)revents;
	drain(idle->data);
}

/* An idle watcher runs only when the turn brought no other events, so a
   future settled by one (a reaped child) would wait a turn for it: the
   check watcher, last of the turn, drains it in the same turn. */
static void
future_sched_check_cb(struct ev_loop *loop, ev_check *check, int revents)
{
	struct future_sched	*sched = check->data;

	(void)loop;
	(void)revents;
	if (sched->ready.head != NULL || sched->draining.head != NULL ||
	    sched->turns.head != NULL)
		drain(sched);
}

struct future_sched *
future_sched_new(struct ev_loop *loop)
{
	struct future_sched	*sched = xcalloc(1, sizeof *sched);

	sched->loop = loop;
	ev_idle_init(&sched->idle, future_sched_idle_cb);
	sched->idle.data = sched;
	ev_check_init(&sched->check, future_sched_check_cb);
	ev_set_priority(&sched->check, EV_MINPRI);
	sched->check.data = sched;
	ev_check_start(loop, &sched->check);
	/* It runs every turn but is no reason for the loop to go on. */
	ev_unref(loop);
	return sched;
}

void
future_sched_free(struct future_sched *sched)
{
	struct future_waiter	*w;

	if (sched == NULL)
		return;
	while ((w = sched->ready.head) != NULL)
		future_cancel_wait(w);
	while ((w = sched->draining.head) != NULL)
		future_cancel_wait(w);
	while ((w = sched->turns.head) != NULL)
		future_cancel_wait(w);
	ev_idle_stop(sched->loop, &sched->idle);
	ev_ref(sched->loop);
	ev_check_stop(sched->loop, &sched->check);
	free(sched);
}

struct future *
future_new(struct future_sched *sched)
{
	struct future	*f = xcalloc(1, sizeof *f);

	f->sched = sched;
	f->refs = 1;
	return f;
}

struct future *
future_ref(struct future *f)
{
	f->refs++;
	return f;
}

void
future_unref(struct future *f)
{
	/* Pending waiters hold references, so none are left here. */
	if (f == NULL || --f->refs > 0)
		return;
	free(f);
}

void
future_resolve(struct future *f, int status)
{
	struct future_waiter	*w;

	if (f->done)
		return;
	f->done = true;
	f->status = status;
	while ((w = f->waiters.head) != NULL) {
		list_remove(w);
		make_ready(f->sched, w);
	}
}

bool
future_done(const struct future *f)
{
	return f->done;
}

int
future_status(const struct future *f)
{
	return f->status;
}

static struct future_waiter *
add_waiter(struct future *f, future_cb *cb, void *arg, bool after_poll)
{
	struct future_waiter	*w = xcalloc(1, sizeof *w);

	w->future = future_ref(f);
	w->cb = cb;
	w->arg = arg;
	w->after_poll = after_poll;
	w->iteration = ev_iteration(f->sched->loop);
	if (f->done)
		make_ready(f->sched, w);
	else
		list_append(&f->waiters, w);
	return w;
}

struct future_waiter *
future_await(struct future *f, future_cb *cb, void *arg)
{
	return add_waiter(f, cb, arg, false);
}

struct future_waiter *
future_await_turn(struct future *f, future_cb *cb, void *arg)
{
	return add_waiter(f, cb, arg, true);
}

void
future_cancel_wait(struct future_waiter *w)
{
	struct future	*f = w->future;

	list_remove(w);
	free(w);
	future_unref(f);
}
