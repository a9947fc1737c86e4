/*
 * fuzz_script: libFuzzer target for jobsh's script mode, in process.
 *
 * Each input is a script run by a fresh shell, as `jobsh FILE` would run
 * it: shell_init with a tiny fixed environment (PATH=/nonexistent,
 * HOME=<sandbox>, IFS left to its default), runner_start(NULL, shell.main,
 * source_new_string(input)), the loop until the runner's future settles;
 * then every job still listed gets SIGKILL, the loop runs until all are
 * done, and shell_destroy must free everything (the leak checker of
 * -fsanitize=fuzzer reports what it does not).
 *
 * Safety.  sandbox.c replaces posix_spawn (EAGAIN: no process is ever
 * created, so every external command fails as if the machine were out
 * of processes), kill (ESRCH: nothing is ever signalled), fork, exec*,
 * and confines open/chdir/stat/glob to a temporary directory (the
 * shell's $HOME and working directory) plus /dev/null.  What an input
 * writes there is removed after it.
 *
 * Time.  The builtins sleep and wait -t are libev timers.  Real timers
 * would make `sleep 1000` cost 1000 s and make results depend on the
 * machine's load, so the timer calls the shell makes (ev_timer_start,
 * ev_timer_stop, ev_timer_again, ev_timer_remaining, ev_now) are
 * replaced below by a virtual clock, bound at link time like the libc
 * replacements.  Nothing takes time: the harness runs the real libev loop
 * (ev_run) until it has no active watcher, i.e. until every future
 * callback (an ev_idle watcher) has run, and only then advances the clock
 * to the earliest timer and calls it, as libev would once that much time
 * had passed.  Runs are therefore deterministic and fast whatever the
 * durations, and the ordering is the one an idle machine gives.  While
 * the script runs, a timer further than ~30 years away never fires (as in
 * reality); after it, during the teardown, every timer may.  The number of
 * timers fired per input is bounded (a script sourcing itself can run for
 * ever); past it, or when nothing can happen any more but the script has
 * not ended (`wait` for a stopped job), the shell is ended the way a
 * SIGKILL of its own would: `exit` in the main context and SIGKILL to
 * the foreground job, then the normal teardown.
 *
 * Findings of the harness itself (fuzz_fail, then abort):
 *   - a job that got SIGKILL (job_signal, as the kill builtin sends it)
 *     and is still not done once the loop has delivered every callback:
 *     it went on to start more work ("a terminating kill: start nothing",
 *     job.h);
 *   - timers or loop watchers still active after the teardown, pending
 *     events after shell_destroy;
 *   - descriptors opened and not closed, or closed, by the input
 *     (sandbox.c).
 * Set JOBSH_FUZZ_KILL_SURVIVORS=1 to tolerate the first kind (and still
 * tear down), e.g. to fuzz on past a known bug.
 *
 * Built by `make fuzz` (see the end of the Makefile).  Run it with
 * -close_fd_mask=3: scripts print a lot.
 */
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ev.h>

#include "context.h"
#include "future.h"
#include "job.h"
#include "jobtab.h"
#include "runner.h"
#include "sandbox.h"
#include "shell.h"
#include "source.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Timers fired per input before the shell is ended by force. */
#define MAX_FIRES	4096
/* The virtual clock at the start of each input, and its horizon. */
#define CLOCK_START	1000.0
#define CLOCK_HORIZON	(CLOCK_START + 1e9)

static char		 home_env[4200];
static char		 path_env[] = "PATH=/nonexistent";
static char		*environment[] = { path_env, home_env, NULL };
static bool		 tolerate_survivors;

/* --- The virtual clock ------------------------------------------------- */

static ev_tstamp	 vnow = CLOCK_START;
static ev_timer		**timers;	/* active, in start order */
static size_t		 n_timers, cap_timers;

static void
timer_remove(size_t i)
{
	memmove(&timers[i], &timers[i + 1],
	    (n_timers - i - 1) * sizeof *timers);
	n_timers--;
}

static void
timer_append(ev_timer *w)
{
	if (n_timers == cap_timers) {
		cap_timers = cap_timers ? cap_timers * 2 : 64;
		timers = realloc(timers, cap_timers * sizeof *timers);
		if (timers == NULL)
			abort();
	}
	timers[n_timers++] = w;
}

static size_t
timer_index(const ev_timer *w)
{
	size_t	i;

	for (i = 0; i < n_timers; i++)
		if (timers[i] == w)
			return i;
	fuzz_fail("an active timer is not in the timer list");
}

/* As libev: while active, at is absolute; while stopped, relative. */
void
ev_timer_start(struct ev_loop *loop, ev_timer *w)
{
	(void)loop;
	if (ev_is_active(w))
		return;
	if (!(w->repeat >= 0.))
		fuzz_fail("ev_timer_start: negative repeat %g", w->repeat);
	w->at += vnow;
	w->active = 1;
	w->pending = 0;
	timer_append(w);
}

void
ev_timer_stop(struct ev_loop *loop, ev_timer *w)
{
	(void)loop;
	w->pending = 0;
	if (!ev_is_active(w))
		return;
	timer_remove(timer_index(w));
	w->active = 0;
	w->at -= vnow;
}

void
ev_timer_again(struct ev_loop *loop, ev_timer *w)
{
	w->pending = 0;
	if (ev_is_active(w)) {
		if (w->repeat > 0.) {
			w->at = vnow + w->repeat;
			return;
		}
		ev_timer_stop(loop, w);
	} else if (w->repeat > 0.) {
		w->at = w->repeat;
		ev_timer_start(loop, w);
	}
}

ev_tstamp
ev_timer_remaining(struct ev_loop *loop, ev_timer *w)
{
	(void)loop;
	return w->at - (ev_is_active(w) ? vnow : 0.);
}

ev_tstamp
ev_now(struct ev_loop *loop)
{
	(void)loop;
	return vnow;
}

/* Advances the clock to the earliest timer and calls it; false if no
   timer is due (before the horizon, unless any_time). */
static bool
fire_next_timer(struct ev_loop *loop, bool any_time)
{
	ev_timer	*w;
	size_t		 i, first = 0;

	if (n_timers == 0)
		return false;
	for (i = 1; i < n_timers; i++)
		if (timers[i]->at < timers[first]->at)
			first = i;
	w = timers[first];
	if (!any_time && !(w->at <= CLOCK_HORIZON))
		return false;
	if (w->at > vnow)
		vnow = w->at;
	timer_remove(first);
	if (w->repeat > 0.) {
		w->at = vnow + w->repeat;
		timer_append(w);
	} else {
		w->active = 0;
		w->at -= vnow;
	}
	ev_invoke(loop, w, EV_TIMER);
	return true;
}

/* --- Driving the loop --------------------------------------------------- */

/*
 * Runs the loop until done settles (done may be NULL) or nothing can
 * happen any more, firing at most *budget timers (past the horizon too
 * when any_time).  Returns false when the budget ran out first.
 */
static bool
drive(struct ev_loop *loop, struct future *done, unsigned *budget,
    bool any_time)
{
	for (;;) {
		/* Only idle watchers (future callbacks) are active with
		   real libev: this returns once they have all run. */
		ev_run(loop, 0);
		if (done != NULL && future_done(done))
			return true;
		if (*budget == 0)
			return n_timers == 0;
		if (!fire_next_timer(loop, any_time))
			return true;
		(*budget)--;
	}
}

struct kill_list {
	struct job	**jobs;
	size_t		  n;
};

/* As `kill -KILL %n` (builtin_kill.c): job_signal marks the job killed
   and ends its leaves. */
static void
kill_job(struct kill_list *killed, struct job *job)
{
	if (job == NULL || job->state == JOB_DONE)
		return;
	killed->jobs = realloc(killed->jobs,
	    (killed->n + 1) * sizeof *killed->jobs);
	if (killed->jobs == NULL)
		abort();
	killed->jobs[killed->n++] = job_ref(job);
	job_signal(job, SIGKILL);
}

/* SIGKILL to every listed job (and the foreground one), then the loop
   until every callback ran: each of them must then be done. */
static void
kill_jobs(struct shell *sh, bool foreground)
{
	struct kill_list	 killed = { NULL, 0 };
	struct job		*job, **listed = NULL;
	size_t			 i, n = 0;

	for (job = jobtab_first(sh->jobs); job != NULL;
	    job = jobtab_next(sh->jobs, job)) {
		listed = realloc(listed, (n + 1) * sizeof *listed);
		if (listed == NULL)
			abort();
		listed[n++] = job_ref(job);
	}
	if (foreground)
		kill_job(&killed, sh->foreground);
	for (i = 0; i < n; i++) {
		kill_job(&killed, listed[i]);
		job_unref(listed[i]);
	}
	free(listed);
	ev_run(sh->loop, 0);
	for (i = 0; i < killed.n; i++) {
		job = killed.jobs[i];
		if (job->state != JOB_DONE && !tolerate_survivors)
			fuzz_fail("job [%d] '%.200s' is still %s after SIGKILL "
			    "once all callbacks ran: it started more work",
			    job->number, job->text, job->state ==
			    JOB_STOPPED ? "stopped" : "running");
		job_unref(job);
	}
	free(killed.jobs);
}

static void
run_script(const uint8_t *data, size_t size)
{
	struct shell	 sh;
	struct future	*done;
	unsigned	 budget = MAX_FIRES, rounds;

	vnow = CLOCK_START;
	shell_init(&sh, environment);
	done = runner_start(NULL, sh.main,
	    source_new_string((const char *)data, size));
	if (!drive(sh.loop, done, &budget, false) || !future_done(done)) {
		/* Runaway or stuck for ever: end it as a SIGKILL to the
		   shell would, but keeping the process to check it. */
		sh.main->exiting = true;
		sh.main->exit_status = 128 + SIGKILL;
		kill_jobs(&sh, true);
		budget = MAX_FIRES;
		drive(sh.loop, done, &budget, false);
		if (!future_done(done))
			fuzz_fail("the script did not end after exit and "
			    "SIGKILL to every job");
	}
	/* The script is over; background jobs may not be.  Those not
	   listed (started inside a job) cannot be killed: they run out, at
	   the end of time if need be. */
	for (rounds = 0; rounds < 8; rounds++) {
		kill_jobs(&sh, false);
		budget = MAX_FIRES;
		if (drive(sh.loop, NULL, &budget, true) && n_timers == 0)
			break;
	}
	if (n_timers > 0)
		fuzz_fail("%zu timers still active after the teardown",
		    n_timers);
	future_unref(done);
	shell_destroy(&sh);
	if (ev_pending_count(sh.loop) != 0)
		fuzz_fail("%u libev events pending after shell_destroy",
		    ev_pending_count(sh.loop));
	if (ev_run(sh.loop, EVRUN_NOWAIT) != 0)
		fuzz_fail("libev watchers still active after shell_destroy");
	if (n_timers > 0)
		fuzz_fail("timers started by shell_destroy");
	ev_loop_destroy(sh.loop);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*tolerate = getenv("JOBSH_FUZZ_KILL_SURVIVORS");

	tolerate_survivors = tolerate != NULL && strcmp(tolerate, "1") == 0;
	fuzz_sandbox_init(argc, argv, false);
	snprintf(home_env, sizeof home_env, "HOME=%s", fuzz_tmpdir);
	/* No default loop: each input's shell makes its own loop, whose
	   descriptors run_script closes with it. */
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_sandbox_enter();
	run_script(data, size);
	fflush(stdout);
	fflush(stderr);
	fuzz_sandbox_leave(true);
	return 0;
}
