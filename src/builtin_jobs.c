/*
 * jobs, fg, bg, disown: thin option parsers over the job table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "context.h"
#include "exec.h"
#include "future.h"
#include "job.h"
#include "jobtab.h"
#include "report.h"
#include "shell.h"
#include "xmalloc.h"

/*
 * Resolves spec (or the current job when spec is NULL), printing bash's
 * messages.  Returns NULL on error.
 */
static struct job *
lookup_job(const struct builtin_call *call, const char *spec,
    bool bare_numbers)
{
	struct job	*job = NULL;

	if (spec == NULL) {
		if ((job = jobtab_current(call->sh->jobs)) == NULL)
			builtin_error(call, "current: no such job");
		return job;
	}
	return builtin_job(call, spec, bare_numbers);
}

struct jobs_filter {
	enum report_format	 format;
	bool			 running;
	bool			 stopped;
	bool			 changed;
	bool			 all;
};

static bool
filter_accepts(const struct jobs_filter *f, const struct job *job)
{
	if (f->running && job->state != JOB_RUNNING)
		return false;
	if (f->stopped && job->state != JOB_STOPPED)
		return false;
	if (f->changed && !job->changed)
		return false;
	return true;
}

static void
list_job(struct builtin_call *call, const struct jobs_filter *f,
    struct job *job)
{
	if (!filter_accepts(f, job))
		return;
	report_job(stdout, call->sh->jobs, job, f->format);
	if (f->format != REPORT_PIDS)
		builtin_done_with(call, job);
}

static void
list_all(struct builtin_call *call, const struct jobs_filter *f)
{
	struct jobtab	*t = call->sh->jobs;
	struct job	*job, **done = NULL;
	size_t		 i, n_done = 0;

	if (f->all) {
		for (job = jobtab_retired_first(t); job != NULL;
		    job = job->retired_next)
			if (filter_accepts(f, job))
				report_job(stdout, t, job, REPORT_DURATION);
	}
	/* The marks are the whole listing's, as in bash: the finished
	   jobs listed leave the table only after it. */
	for (job = jobtab_first(t); job != NULL; job = jobtab_next(t, job)) {
		if (!filter_accepts(f, job))
			continue;
		report_job(stdout, t, job, f->format);
		if (f->format != REPORT_PIDS && job->state == JOB_DONE) {
			done = xreallocarray(done, n_done + 1, sizeof *done);
			done[n_done++] = job;
		}
	}
	for (i = 0; i < n_done; i++)
		builtin_done_with(call, done[i]);
	free(done);
}

static int
jobs_run(struct builtin_call *call)
{
	struct optparse		 op = { 0, 0, NULL };
	struct jobs_filter	 f;
	struct job		*job;
	int			 c, status = 0;

	memset(&f, 0, sizeof f);
	f.format = REPORT_NORMAL;
	while ((c = optparse_next(&op, call, "lprsna")) != -1) {
		switch (c) {
		case 'l':
			f.format = REPORT_LONG;
			break;
		case 'p':
			f.format = REPORT_PIDS;
			break;
		case 'r':
			f.running = true;
			break;
		case 's':
			f.stopped = true;
			break;
		case 'n':
			f.changed = true;
			break;
		case 'a':
			f.all = true;
			f.format = REPORT_DURATION;
			break;
		default:
			return 2;
		}
	}
	if (op.index >= call->argc) {
		list_all(call, &f);
		return 0;
	}
	for (; op.index < call->argc; op.index++) {
		if ((job = lookup_job(call, call->argv[op.index], false)) ==
		    NULL)
			status = 1;
		else
			list_job(call, &f, job);
	}
	return status;
}

const struct builtin builtin_jobs = {
	"jobs", "jobs [-lprsna] [spec...]",
	"List jobs: -l with PIDs, -p PIDs only, -r running, -s stopped, "
	"-n changed since the last report, -a with finished jobs remembered.",
	jobs_run, NULL, false, false,
};

struct fg_wait {
	struct future	*result;
};

static void
fg_settled_cb(struct job *job, int status, void *arg)
{
	struct fg_wait	*w = arg;

	(void)job;
	future_resolve(w->result, status);
	future_unref(w->result);
	free(w);
}

/* fg and bg take no options: "-x" is no job spec but a usage error. */
static int
refuse_options(struct builtin_call *call)
{
	int	i;

	for (i = 1; i < call->argc; i++)
		if (call->argv[i][0] == '-' && call->argv[i][1] != '\0')
			return builtin_usage(call, "%s: invalid option",
			    call->argv[i]);
	return 0;
}

static struct future *
fg_start(struct builtin_call *call)
{
	struct fg_wait	*w;
	struct job	*job;
	int		 status;
	bool		 detached;

	if ((status = refuse_options(call)) != 0)
		return exec_done(call->ctx, status);
	if (call->argc > 2)
		return exec_done(call->ctx, builtin_usage(call,
		    "too many arguments"));
	if ((job = lookup_job(call, call->argc > 1 ? call->argv[1] : NULL,
	    true)) == NULL)
		return exec_done(call->ctx, 1);
	/* A background job cannot hand the terminal over (bash and zsh
	   refuse): its fg continues the job and awaits it. */
	detached = call->job != NULL && call->job->background;
	if (!detached && job->settle_cb != NULL) {
		builtin_error(call, "%%%d: already in the foreground",
		    job->number);
		return exec_done(call->ctx, 1);
	}
	if (call->job != NULL && job_awaits(job, call->job)) {
		builtin_error(call, "%%%d: %s", job->number, job == call->job ?
		    "is the job fg runs in" : "waits for the job fg runs in");
		return exec_done(call->ctx, 1);
	}
	printf("%s\n", job->text);
	fflush(stdout);
	if (job->state == JOB_DONE) {
		status = future_status(job->result);
		builtin_done_with(call, job);
		return exec_done(call->ctx, status);
	}
	if (detached) {
		job_continue(job);
		return builtin_await_job(call, job);
	}
	w = xcalloc(1, sizeof *w);
	w->result = future_new(call->sh->sched);
	run_in_foreground(call->sh, job, fg_settled_cb, w);
	job_continue(job);
	return future_ref(w->result);
}

const struct builtin builtin_fg = {
	"fg", "fg [spec]",
	"Continue a job in the foreground and wait for it; on a finished job, "
	"return its status.",
	NULL, fg_start, true, false,
};

static int
bg_one(struct builtin_call *call, const char *spec)
{
	struct job	*job = lookup_job(call, spec, true);

	if (job == NULL)
		return 1;
	if (job->state == JOB_DONE) {
		builtin_error(call, "job %d has terminated", job->number);
		return 1;
	}
	if (job->state == JOB_RUNNING && job->background) {
		builtin_error(call, "job %d already in background",
		    job->number);
		return 0;
	}
	job->background = true;
	job_continue(job);
	jobtab_touch(call->sh->jobs, job);
	if (call->sh->interactive || call->ctx->options & OPT_MONITOR)
		printf("[%d]%c %s &\n", job->number,
		    report_mark(call->sh->jobs, job), job->text);
	return 0;
}

static int
bg_run(struct builtin_call *call)
{
	int	i, status;

	if ((status = refuse_options(call)) != 0)
		return status;
	if (call->argc == 1)
		return bg_one(call, NULL);
	for (i = 1; i < call->argc; i++)
		if (bg_one(call, call->argv[i]) != 0)
			status = 1;
	return status;
}

const struct builtin builtin_bg = {
	"bg", "bg [spec...]",
	"Continue stopped jobs in the background.",
	bg_run, NULL, true, false,
};

/*
 * Nobody could continue a stopped job once it is forgotten (its timers
 * least of all): it is continued, with a word, where bash would leave it
 * stopped for good.
 */
static void
disown_job(struct builtin_call *call, struct job *job, bool keep)
{
	if (keep) {
		job->disowned = true;
		return;
	}
	if (job->state == JOB_STOPPED) {
		builtin_error(call, "warning: %%%d was stopped: continued",
		    job->number);
		job->background = true;
		job_continue(job);
	}
	jobtab_remove(call->sh->jobs, job);
}

static int
disown_run(struct builtin_call *call)
{
	struct optparse	 op = { 0, 0, NULL };
	struct job	*job, *next;
	bool		 all = false, running = false, keep = false;
	int		 c, status = 0;

	while ((c = optparse_next(&op, call, "arh")) != -1) {
		if (c == 'a')
			all = true;
		else if (c == 'r')
			running = true;
		else if (c == 'h')
			keep = true;
		else
			return 2;
	}
	if (all || (running && op.index >= call->argc)) {
		for (job = jobtab_first(call->sh->jobs); job; job = next) {
			next = jobtab_next(call->sh->jobs, job);
			if (!running || job->state == JOB_RUNNING)
				disown_job(call, job, keep);
		}
		return 0;
	}
	if (op.index >= call->argc) {
		if ((job = lookup_job(call, NULL, true)) == NULL)
			return 1;
		disown_job(call, job, keep);
		return 0;
	}
	for (; op.index < call->argc; op.index++) {
		if ((job = lookup_job(call, call->argv[op.index], true)) ==
		    NULL)
			status = 1;
		else if (!running || job->state == JOB_RUNNING)
			disown_job(call, job, keep);
	}
	return status;
}

const struct builtin builtin_disown = {
	"disown", "disown [-a] [-r] [-h] [spec...]",
	"Forget jobs (-a all, -r running only); with -h keep them listed but "
	"do not hang them up when the shell exits.",
	disown_run, NULL, true, false,
};
