/*
 * future: fire-once results delivered from the loop.
 *
 * Each waiter sits on its future's list while the future is pending and on
 * the scheduler's ready list once its callback is due; both lists are
 * doubly linked so a waiter can be cancelled in constant time wherever it
 * is.  An ev_idle watcher drains the ready list, so a callback never runs
 * inside future_resolve or future_await, and a thousand futures settling in
 * one loop iteration cost one pass; what those callbacks make ready waits
 * for the next iteration.
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
	unsigned		 generation;	/* of the drain it is due in */
	future_cb		*cb;
	void			*arg;
	struct waiter_list	*list;		/* the list it is on */
	struct future_waiter	*prev;
	struct future_waiter	*next;
};

struct future_sched {
	struct ev_loop		*loop;
	ev_idle			 idle;
	struct waiter_list	 ready;
	unsigned		 generation;	/* drains so far */
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

static void
make_ready(struct future_sched *sched, struct future_waiter *w)
{
	w->generation = sched->generation;
	list_append(&sched->ready, w);
	if (!ev_is_active(&sched->idle))
		ev_idle_start(sched->loop, &sched->idle);
}

static void
future_sched_idle_cb(struct ev_loop *loop, ev_idle *idle, int revents)
{
	struct future_sched	*sched = idle->data;
	struct future_waiter	*w;
	unsigned		 due = sched->generation++;

	(void)revents;
	/* Only what was due when the drain began: callbacks that make more
	   futures ready (a script's next command) wait for the next turn,
	   so children are reaped and signals seen in between. */
	while ((w = sched->ready.head) != NULL && w->generation == due) {
		list_remove(w);
		w->cb(w->future, w->arg);
		future_unref(w->future);
		free(w);
	}
	if (sched->ready.head == NULL)
		ev_idle_stop(loop, idle);
}

struct future_sched *
future_sched_new(struct ev_loop *loop)
{
	struct future_sched	*sched = xcalloc(1, sizeof *sched);

	sched->loop = loop;
	ev_idle_init(&sched->idle, future_sched_idle_cb);
	sched->idle.data = sched;
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
	ev_idle_stop(sched->loop, &sched->idle);
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

struct future_waiter *
future_await(struct future *f, future_cb *cb, void *arg)
{
	struct future_waiter	*w = xcalloc(1, sizeof *w);

	w->future = future_ref(f);
	w->cb = cb;
	w->arg = arg;
	if (f->done)
		make_ready(f->sched, w);
	else
		list_append(&f->waiters, w);
	return w;
}

void
future_cancel_wait(struct future_waiter *w)
{
	struct future	*f = w->future;

	list_remove(w);
	free(w);
	future_unref(f);
}
