/*
 * sleep: a timer future with no process.  It is a leaf of its job, so
 * kill, Ctrl-Z, bg and fg treat it like a child: a stop keeps the time
 * left, a continue restarts the clock, a terminating signal cancels it.
 */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <ev.h>

#include "builtin.h"
#include "context.h"
#include "exec.h"
#include "future.h"
#include "job.h"
#include "shell.h"
#include "signame.h"
#include "xmalloc.h"

struct sleep_timer {
	struct job_leaf	 leaf;		/* first: the leaf is the timer */
	ev_timer	 timer;
	ev_tstamp	 left;		/* while stopped */
	struct future	*done;
};

static void
sleep_end(struct sleep_timer *s, int status)
{
	struct job	*job = s->leaf.job;

	ev_timer_stop(job->shell->loop, &s->timer);
	job_leaf_set_state(&s->leaf, LEAF_DONE);
	future_resolve(s->done, status);
	future_unref(s->done);
	free(s);
	job_unref(job);
}

static void
sleep_timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	sleep_end(w->data, 0);
}

static int
sleep_signal(struct job_leaf *leaf, int sig)
{
	struct sleep_timer	*s = (struct sleep_timer *)leaf;
	struct ev_loop		*loop = leaf->job->shell->loop;

	switch (sig) {
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		if (leaf->state == LEAF_RUNNING) {
			ev_now_update(loop);
			s->left = ev_timer_remaining(loop, &s->timer);
			ev_timer_stop(loop, &s->timer);
			leaf->stop_signal = sig;
			job_leaf_set_state(leaf, LEAF_STOPPED);
		}
		return 0;
	case SIGCONT:
		if (leaf->state == LEAF_STOPPED) {
			ev_timer_set(&s->timer, s->left, 0);
			ev_now_update(loop);
			ev_timer_start(loop, &s->timer);
		}
		return 0;
	default:
		if (signame_terminates(sig)) {
			leaf->job->term_signal = sig;
			sleep_end(s, 128 + sig);
		}
		return 0;
	}
}

static const struct leaf_ops sleep_leaf_ops = { sleep_signal, true, NULL };

/* "1.5", "2m", "1h", "0.5d": seconds, or -1. */
static double
parse_duration(const char *s)
{
	char	*end;
	double	 v;

	if (*s == '\0' || *s == '-' || *s == '+')
		return -1;
	v = strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return -1;
	if (*end != '\0') {
		if (end[1] != '\0')
			return -1;
		switch (*end) {
		case 's':
			break;
		case 'm':
			v *= 60;
			break;
		case 'h':
			v *= 3600;
			break;
		case 'd':
			v *= 86400;
			break;
		default:
			return -1;
		}
	}
	return v;
}

static struct future *
sleep_start(struct builtin_call *call)
{
	struct sleep_timer	*s;
	double			 total = 0, d;
	int			 i;

	if (call->argc < 2) {
		builtin_usage(call, "missing operand");
		return exec_done(call->ctx, 2);
	}
	for (i = 1; i < call->argc; i++) {
		if ((d = parse_duration(call->argv[i])) < 0) {
			builtin_usage(call, "%s: invalid time interval",
			    call->argv[i]);
			return exec_done(call->ctx, 2);
		}
		total += d;
	}
	s = xcalloc(1, sizeof *s);
	s->done = future_new(call->sh->sched);
	ev_timer_init(&s->timer, sleep_timer_cb, total, 0);
	s->timer.data = s;
	/* The loop's clock is that of its last poll, and a line of
	   builtins may have run long since. */
	ev_now_update(call->sh->loop);
	ev_timer_start(call->sh->loop, &s->timer);
	job_leaf_add(job_ref(call->job), &s->leaf, &sleep_leaf_ops);
	return future_ref(s->done);
}

const struct builtin builtin_sleep = {
	"sleep", "sleep DURATION...",
	"Wait for the sum of the durations (fractional; suffixes s m h d).",
	NULL, sleep_start, false, true,
};
