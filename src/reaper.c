/*
 * reaper: one child watcher for every child (see reaper.h).
 *
 * libev's SIGCHLD handler reaps one child per call, hands the status to
 * the matching child watchers and calls itself again; libev runs child
 * watchers at its highest priority so that each runs before the next
 * status overwrites its rpid and rstatus.  One watcher for PID 0 (any
 * child) therefore sees every status once.
 */
#include <stdint.h>
#include <stdlib.h>

#include <ev.h>

#include "intmap.h"
#include "reaper.h"
#include "xmalloc.h"

struct reaper {
	struct ev_loop		*loop;
	reaper_status_cb	*status_cb;
	ev_child		 watcher;
	struct intmap		 owners;	/* PID -> owner */
	struct intmap		 kept;		/* PID -> encoded status */
	int			 expected;	/* PIDs still to be told */
};

/* A status as a non-NULL pointer, for the map. */
static void *
encode_status(int wstatus)
{
	return (void *)(((uintptr_t)(unsigned)wstatus << 1) | 1);
}

static int
decode_status(void *v)
{
	return (int)(unsigned)((uintptr_t)v >> 1);
}

static void
child_cb(struct ev_loop *loop, ev_child *w, int revents)
{
	struct reaper	*r = w->data;
	void		*owner;

	(void)loop;
	(void)revents;
	if ((owner = intmap_get(&r->owners, w->rpid)) != NULL)
		r->status_cb(owner, w->rstatus);
	else if (r->expected > 0)
		intmap_put(&r->kept, w->rpid, encode_status(w->rstatus));
}

struct reaper *
reaper_new(struct ev_loop *loop, reaper_status_cb *status_cb)
{
	struct reaper	*r = xcalloc(1, sizeof *r);

	r->loop = loop;
	r->status_cb = status_cb;
	ev_child_init(&r->watcher, child_cb, 0, 1);
	r->watcher.data = r;
	ev_child_start(loop, &r->watcher);
	ev_unref(loop);
	return r;
}

void
reaper_free(struct reaper *r)
{
	if (r == NULL)
		return;
	reaper_forget_all(r);
	ev_ref(r->loop);
	ev_child_stop(r->loop, &r->watcher);
	free(r);
}

void
reaper_track(struct reaper *r, pid_t pid, void *owner)
{
	intmap_put(&r->owners, pid, owner);
	ev_ref(r->loop);
}

void
reaper_untrack(struct reaper *r, pid_t pid)
{
	if (intmap_get(&r->owners, pid) == NULL)
		return;
	intmap_remove(&r->owners, pid);
	ev_unref(r->loop);
}

void
reaper_expect(struct reaper *r, int delta)
{
	r->expected += delta;
	if (r->expected == 0 && r->kept.count > 0)
		intmap_clear(&r->kept);
}

bool
reaper_claim(struct reaper *r, pid_t pid, void *owner, int *wstatus)
{
	void	*kept = intmap_get(&r->kept, pid);

	reaper_track(r, pid, owner);
	if (kept == NULL)
		return false;
	intmap_remove(&r->kept, pid);
	*wstatus = decode_status(kept);
	return true;
}

void
reaper_forget_all(struct reaper *r)
{
	size_t	n = r->owners.count;

	intmap_clear(&r->owners);
	intmap_clear(&r->kept);
	while (n-- > 0)
		ev_unref(r->loop);
}
