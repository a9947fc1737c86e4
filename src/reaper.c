/*
 * reaper: one SIGCHLD watcher and one waitpid loop for every child (see
 * reaper.h).  It is ours rather than libev's child watchers: those need
 * the default loop, which sets up SIGCHLD handling (a descriptor and
 * three system calls) at the start of every shell, children or not, and
 * we need statuses of PIDs nobody has claimed yet, which libev drops.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <ev.h>

#include "intmap.h"
#include "reaper.h"
#include "xmalloc.h"

struct reaper {
	struct ev_loop		*loop;
	reaper_status_cb	*status_cb;
	ev_signal		 sigchld;
	struct intmap		 owners;	/* PID -> owner */
	struct intmap		 kept;		/* PID -> encoded status */
	struct intmap		 kept_at;	/* PID -> encoded mark */
	uintptr_t		 marks;		/* statuses kept so far */
	int			 expected;	/* PIDs still to be told */
	bool			 prepared;
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

static void *
encode_mark(uintptr_t mark)
{
	return (void *)((mark << 1) | 1);
}

static uintptr_t
decode_mark(void *v)
{
	return (uintptr_t)v >> 1;
}

static void
sigchld_cb(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct reaper	*r = w->data;
	void		*owner;
	pid_t		 pid;
	int		 st;

	(void)loop;
	(void)revents;
	for (;;) {
		pid = waitpid(-1, &st, WNOHANG | WUNTRACED | WCONTINUED);
		if (pid == -1 && errno == EINTR)
			continue;
		if (pid <= 0)
			return;
		if ((owner = intmap_get(&r->owners, pid)) != NULL)
			r->status_cb(owner, st);
		else if (r->expected > 0) {
			intmap_put(&r->kept, pid, encode_status(st));
			intmap_put(&r->kept_at, pid, encode_mark(r->marks++));
		}
	}
}

struct reaper *
reaper_new(struct ev_loop *loop, reaper_status_cb *status_cb)
{
	struct reaper	*r = xcalloc(1, sizeof *r);

	r->loop = loop;
	r->status_cb = status_cb;
	ev_signal_init(&r->sigchld, sigchld_cb, SIGCHLD);
	r->sigchld.data = r;
	return r;
}

void
reaper_prepare(struct reaper *r)
{
	if (r->prepared)
		return;
	r->prepared = true;
	ev_signal_start(r->loop, &r->sigchld);
	ev_unref(r->loop);
}

bool
reaper_prepared(const struct reaper *r)
{
	return r->prepared;
}

void
reaper_free(struct reaper *r)
{
	if (r == NULL)
		return;
	reaper_forget_all(r);
	if (r->prepared) {
		ev_ref(r->loop);
		ev_signal_stop(r->loop, &r->sigchld);
	}
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
	if (r->expected == 0 && r->kept.count > 0) {
		intmap_clear(&r->kept);
		intmap_clear(&r->kept_at);
	}
}

uintptr_t
reaper_mark(const struct reaper *r)
{
	return r->marks;
}

static void
drop_kept(struct reaper *r, pid_t pid)
{
	intmap_remove(&r->kept, pid);
	intmap_remove(&r->kept_at, pid);
}

bool
reaper_kept(struct reaper *r, pid_t pid, uintptr_t since, int *wstatus)
{
	void	*kept = intmap_get(&r->kept, pid);

	if (kept == NULL)
		return false;
	if (decode_mark(intmap_get(&r->kept_at, pid)) < since) {
		drop_kept(r, pid);
		return false;
	}
	*wstatus = decode_status(kept);
	return true;
}

bool
reaper_claim(struct reaper *r, pid_t pid, void *owner, uintptr_t since,
    int *wstatus)
{
	reaper_track(r, pid, owner);
	if (!reaper_kept(r, pid, since, wstatus))
		return false;
	drop_kept(r, pid);
	return true;
}

void
reaper_forget_all(struct reaper *r)
{
	size_t	n = r->owners.count;

	intmap_clear(&r->owners);
	intmap_clear(&r->kept);
	intmap_clear(&r->kept_at);
	while (n-- > 0)
		ev_unref(r->loop);
}
