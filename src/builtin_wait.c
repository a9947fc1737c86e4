/*
 * wait: await jobs — all of them, the first of several (-n), for at most
 * a given time (-t).  A finished job's kept result is returned at once.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ev.h>

#include "builtin.h"
#include "context.h"
#include "exec.h"
#include "future.h"
#include "job.h"
#include "jobtab.h"
#include "report.h"
#include "shell.h"
#include "signame.h"
#include "vars.h"
#include "xmalloc.h"

#define WAIT_TIMED_OUT	124

struct wait_slot {
	struct wait_task	*task;
	struct job		*job;
	struct future_waiter	*waiter;	/* NULL once it fired */
	int			 status;	/* 127: not a job */
};

struct wait_task {
	struct job_leaf		 leaf;		/* first: ^C reaches the wait */
	struct job		*job;		/* the leaf's, while waiting */
	struct job		*owner;		/* the job it runs in, or NULL */
	struct shell		*sh;
	struct context		*ctx;
	struct future		*result;
	struct wait_slot	*slots;
	size_t			 n;
	size_t			 pending;
	bool			 any;		/* -n */
	struct wait_slot	*winner;	/* -n: the slot that ended it */
	bool			 operands;	/* status of the last */
	int			 cursor;	/* plain wait: next number */
	size_t			 own_next;	/* plain wait: next of the
						   subshell's own jobs */
	char			*pvar;		/* -p */
	ev_timer		 timeout;
};

static void
wait_task_free(struct wait_task *t)
{
	size_t	i;

	ev_timer_stop(t->sh->loop, &t->timeout);
	for (i = 0; i < t->n; i++) {
		if (t->slots[i].waiter != NULL)
			future_cancel_wait(t->slots[i].waiter);
		job_unref(t->slots[i].job);
	}
	free(t->slots);
	free(t->pvar);
	future_unref(t->result);
	free(t);
}

/* After a plain wait, as in bash, no finished job is listed any more. */
static void
forget_finished(struct shell *sh)
{
	struct job	*job, *next;

	for (job = jobtab_first(sh->jobs); job != NULL; job = next) {
		next = jobtab_next(sh->jobs, job);
		report_done_with(sh->jobs, job);
	}
}

static void
wait_finish(struct wait_task *t, int status)
{
	struct job	*job = t->job;
	size_t		 i;
	bool		 in_subshell;

	if (job != NULL) {
		t->job = NULL;
		job_leaf_set_state(&t->leaf, LEAF_DONE);
		job_unref(job);
	}
	/* What it collected is reported (with -n, only the job that
	   ended it); a subshell's wait leaves the shell's table alone. */
	in_subshell = builtin_in_subshell(t->ctx, t->owner);
	for (i = 0; i < t->n && !in_subshell; i++) {
		if (t->slots[i].job != NULL && t->slots[i].waiter == NULL &&
		    (!t->any || &t->slots[i] == t->winner))
			report_done_with(t->sh->jobs, t->slots[i].job);
	}
	if (t->cursor > 0 && status == 0 && !in_subshell)
		forget_finished(t->sh);
	/* As bash: no job ended it (none left, a time-out, ^C), so -p
	   names none. */
	if (t->pvar != NULL && t->winner == NULL)
		vars_unset(&t->ctx->vars, t->pvar);
	future_resolve(t->result, status);
	wait_task_free(t);
}

static void	wait_slot_cb(struct future *, void *);

/* Whether waiting for job would never end: it is the job this wait runs
   in, or waits for it. */
static bool
would_deadlock(const struct wait_task *t, struct job *job)
{
	return t->owner != NULL && job_awaits(job, t->owner);
}

static bool
waitable(const struct wait_task *t, struct job *job)
{
	return job->state == JOB_RUNNING && !would_deadlock(t, job);
}

/* The next running job the subshell started itself, or NULL. */
static struct job *
next_own_job(struct wait_task *t)
{
	struct context	*ctx = t->ctx;
	struct job	*job;

	while (t->own_next < ctx->n_own_jobs) {
		job = ctx->own_jobs[t->own_next++];
		if (waitable(t, job))
			return job;
	}
	return NULL;
}

/*
 * Plain `wait`: the running jobs one after another (first those a
 * subshell started itself, then the table's in number order), so that
 * 100000 jobs cost one waiter at a time, not one each.
 */
/* Returns false when there was nothing left to wait for (t is gone). */
static bool
wait_next_running(struct wait_task *t)
{
	struct job	*job;

	if ((job = next_own_job(t)) == NULL) {
		for (job = jobtab_from(t->sh->jobs, t->cursor); job != NULL;
		    job = jobtab_next(t->sh->jobs, job))
			if (waitable(t, job))
				break;
		if (job == NULL) {
			wait_finish(t, 0);
			return false;
		}
		t->cursor = job->number;
	}
	t->slots[0].job = job_ref(job);
	t->slots[0].waiter = future_await(job->result, wait_slot_cb,
	    &t->slots[0]);
	return true;
}

static void
wait_slot_cb(struct future *f, void *arg)
{
	struct wait_slot	*slot = arg;
	struct wait_task	*t = slot->task;
	char			 spec[24];

	slot->waiter = NULL;
	slot->status = future_status(f);
	if (t->cursor > 0) {
		if (slot->job->number > 0)
			t->cursor = slot->job->number + 1;
		job_unref(slot->job);
		slot->job = NULL;
		wait_next_running(t);
		return;
	}
	if (t->any) {
		t->winner = slot;
		if (t->pvar != NULL) {
			snprintf(spec, sizeof spec, "%%%d", slot->job->number);
			context_set(t->ctx, t->pvar, spec);
		}
		wait_finish(t, slot->status);
		return;
	}
	if (--t->pending == 0)
		wait_finish(t, t->operands ? t->slots[t->n - 1].status : 0);
}

/* A terminating signal to the job running `wait` (^C) ends the wait. */
static int
wait_signal(struct job_leaf *leaf, int sig)
{
	if (signame_terminates(sig)) {
		leaf->job->term_signal = sig;
		wait_finish((struct wait_task *)leaf, 128 + sig);
	}
	return 0;
}

/* The jobs it is waiting for: the ones whose waiter has not fired. */
static struct job *
wait_awaited(struct job_leaf *leaf, size_t i)
{
	struct wait_task	*t = (struct wait_task *)leaf;
	size_t			 k;

	for (k = 0; k < t->n; k++)
		if (t->slots[k].waiter != NULL && i-- == 0)
			return t->slots[k].job;
	return NULL;
}

static const struct leaf_ops wait_leaf_ops = {
	wait_signal, true, wait_awaited
};

static void
wait_timeout_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	wait_finish(w->data, WAIT_TIMED_OUT);
}

static void
add_slot(struct wait_task *t, struct job *job, int status)
{
	struct wait_slot	*slot;

	t->slots = xreallocarray(t->slots, t->n + 1, sizeof *t->slots);
	slot = &t->slots[t->n++];
	memset(slot, 0, sizeof *slot);
	slot->task = t;
	slot->status = status;
	if (job != NULL)
		slot->job = job_ref(job);
}

/* A job a subshell started, by the PID $! gave for it. */
static struct job *
own_job_by_pid(const struct context *ctx, long pid)
{
	size_t	i;

	for (i = ctx->n_own_jobs; i-- > 0;)
		if (ctx->own_jobs[i]->pid == pid)
			return ctx->own_jobs[i];
	return NULL;
}

/* A spec or a PID; an unknown one is reported and counts as 127. */
static struct job *
operand_job(struct builtin_call *call, const char *word)
{
	struct job	*job = NULL;
	char		*end;
	long		 pid;

	if (word[0] == '%')
		return builtin_job(call, word, false);
	errno = 0;
	pid = strtol(word, &end, 10);
	if (*word == '\0' || *end != '\0' || errno != 0 || pid <= 0) {
		builtin_error(call, "`%s': not a pid or valid job spec", word);
		return NULL;
	}
	if ((job = jobtab_by_pid(call->sh->jobs, pid)) == NULL &&
	    (job = own_job_by_pid(call->ctx, pid)) == NULL)
		builtin_error(call, "pid %ld is not a child of this shell",
		    pid);
	return job;
}

static void
add_all_running(struct wait_task *t)
{
	struct job	*job;

	while ((job = next_own_job(t)) != NULL)
		add_slot(t, job, 0);
	for (job = jobtab_first(t->sh->jobs); job != NULL;
	    job = jobtab_next(t->sh->jobs, job)) {
		if (job->state != JOB_STOPPED && !would_deadlock(t, job))
			add_slot(t, job, 0);
	}
}

static int
parse_timeout(struct builtin_call *call, const char *arg, double *secs)
{
	char	*end;

	errno = 0;
	*secs = strtod(arg, &end);
	if (*arg == '\0' || *end != '\0' || errno != 0 || !isfinite(*secs) ||
	    *secs < 0)
		return builtin_usage(call, "-t: invalid number");
	return 0;
}

/* While waiting: the time-out, and a leaf in the job so ^C reaches us. */
static void
wait_arm(struct wait_task *t, struct job *job, double secs)
{
	if (secs >= 0) {
		ev_timer_set(&t->timeout, secs, 0);
		ev_now_update(t->sh->loop);	/* as sleep: the clock may lag */
		ev_timer_start(t->sh->loop, &t->timeout);
	}
	if (job != NULL) {
		t->job = job_ref(job);
		job_leaf_add(job, &t->leaf, &wait_leaf_ops);
	}
}

/* Settles at once when the results are already there. */
static struct future *
wait_begin(struct wait_task *t, struct job *job, double secs)
{
	struct future	*result = future_ref(t->result);
	struct wait_slot *slot;
	size_t		 i;

	if (t->any && t->n == 0) {
		wait_finish(t, 127);
		return result;
	}
	for (i = 0; i < t->n; i++) {
		slot = &t->slots[i];
		if (slot->job == NULL)
			continue;
		if (future_done(slot->job->result)) {
			if (t->any) {
				wait_slot_cb(slot->job->result, slot);
				return result;
			}
			slot->status = future_status(slot->job->result);
			continue;
		}
		t->pending++;
		slot->waiter = future_await(slot->job->result, wait_slot_cb,
		    slot);
	}
	if (t->pending == 0) {
		wait_finish(t, t->operands ? t->slots[t->n - 1].status : 0);
		return result;
	}
	wait_arm(t, job, secs);
	return result;
}

static struct future *
wait_all(struct wait_task *t, struct job *job, double secs)
{
	struct future	*result = future_ref(t->result);

	t->cursor = 1;
	add_slot(t, NULL, 0);
	if (wait_next_running(t))
		wait_arm(t, job, secs);
	return result;
}

static struct wait_task *
wait_task_new(const struct builtin_call *call)
{
	struct wait_task	*t = xcalloc(1, sizeof *t);

	t->sh = call->sh;
	t->ctx = call->ctx;
	t->owner = call->job;
	t->result = future_new(call->sh->sched);
	ev_timer_init(&t->timeout, wait_timeout_cb, 0, 0);
	t->timeout.data = t;
	return t;
}

struct future *
builtin_await_job(const struct builtin_call *call, struct job *job)
{
	struct wait_task	*t = wait_task_new(call);

	t->operands = true;
	add_slot(t, job, 0);
	return wait_begin(t, call->job, -1);
}

static struct future *
wait_start(struct builtin_call *call)
{
	struct optparse		 op = { 0, 0, NULL };
	struct wait_task	*t = wait_task_new(call);
	struct job		*job;
	double			 secs = -1;
	int			 c;

	while ((c = optparse_next(&op, call, "nt:p:")) != -1) {
		if (c == 'n')
			t->any = true;
		else if (c == 't' && parse_timeout(call, op.arg, &secs) == 0)
			continue;
		else if (c == 'p' && !vars_valid_name(op.arg, strlen(op.arg))) {
			builtin_error(call, "`%s': not a valid identifier",
			    op.arg);
			wait_task_free(t);
			return exec_done(call->ctx, 1);
		} else if (c == 'p') {
			free(t->pvar);
			t->pvar = xstrdup(op.arg);
		} else {
			wait_task_free(t);
			return exec_done(call->ctx, 2);
		}
	}
	t->operands = op.index < call->argc;
	if (!t->operands && !t->any)
		return wait_all(t, call->job, secs);
	if (!t->operands)
		add_all_running(t);
	for (; op.index < call->argc; op.index++) {
		job = operand_job(call, call->argv[op.index]);
		if (job != NULL && would_deadlock(t, job)) {
			builtin_error(call, "%s: %s", call->argv[op.index],
			    job == t->owner ? "is the job this wait runs in" :
			    "waits for the job this wait runs in");
			job = NULL;
		}
		/* Under job control, as bash: a stopped job would never
		   end by itself. */
		if (job != NULL && job->state == JOB_STOPPED &&
		    (call->ctx->options & OPT_MONITOR)) {
			builtin_error(call, "%s: job is stopped",
			    call->argv[op.index]);
			add_slot(t, NULL, 128 + job->stop_signal);
			continue;
		}
		add_slot(t, job, job == NULL ? 127 : 0);
	}
	return wait_begin(t, call->job, secs);
}

const struct builtin builtin_wait = {
	"wait", "wait [-n] [-t SECS] [-p VAR] [spec|PID...]",
	"Wait for jobs: all of them, or the first to finish (-n, -p VAR sets "
	"VAR to its %n), for at most SECS (-t; status 124 on time-out).",
	NULL, wait_start, true, true,
};
