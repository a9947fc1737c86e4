/*
 * job: jobs as futures, their leaves and their derived state.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "future.h"
#include "job.h"
#include "jobtab.h"
#include "shell.h"
#include "xmalloc.h"
#include "signame.h"
#include "xmalloc.h"

static void	job_result_cb(struct future *, void *);

struct job *
job_new(struct shell *sh, const char *text)
{
	struct job	*job = xcalloc(1, sizeof *job);

	job->shell = sh;
	job->refs = 1;
	job->text = xstrdup(text);
	job->result = future_new(sh->sched);
	job->state = JOB_RUNNING;
	job->started = shell_now(sh);
	job->live_next = sh->live;
	if (sh->live != NULL)
		sh->live->live_prev = job;
	sh->live = job;
	return job;
}

struct job *
job_ref(struct job *job)
{
	job->refs++;
	return job;
}

static void
free_procs(struct job *job, bool only_done)
{
	struct proc	**pp = &job->procs, *p;

	job->procs_tail = NULL;
	while ((p = *pp) != NULL) {
		if (only_done && p->leaf.state != LEAF_DONE) {
			job->procs_tail = p;
			pp = &p->next;
			continue;
		}
		*pp = p->next;
		future_unref(p->done);
		free(p->text);
		free(p);
	}
}

void
job_unref(struct job *job)
{
	if (job == NULL || --job->refs > 0)
		return;
	free_procs(job, false);
	free(job->tty_modes);
	future_unref(job->result);
	free(job->text);
	free(job);
}

void
job_finish(struct job *job, int status)
{
	if (future_done(job->result))
		return;
	future_resolve(job->result, status);
	if (job->live_prev != NULL)
		job->live_prev->live_next = job->live_next;
	else
		job->shell->live = job->live_next;
	if (job->live_next != NULL)
		job->live_next->live_prev = job->live_prev;
	job->live_prev = job->live_next = NULL;
	job->state = JOB_DONE;
	job->changed = true;
	job->ended = shell_now(job->shell);
	shell_job_changed(job->shell, job);
}

static void
fire_settle(struct job *job)
{
	job_settle_cb	*cb = job->settle_cb;
	void		*arg = job->settle_arg;

	if (cb == NULL)
		return;
	job_cancel_settle(job);
	cb(job, arg);
}

static void
job_result_cb(struct future *f, void *arg)
{
	struct job	*job = arg;

	(void)f;
	job->settle_wait = NULL;
	fire_settle(job);
	job_unref(job);
}

static void
update_state(struct job *job, int stop_signal)
{
	if (job->state == JOB_DONE)
		return;
	if (job->n_running == 0 && job->n_stopped > 0) {
		if (job->state == JOB_STOPPED)
			return;
		job->state = JOB_STOPPED;
		job->stop_signal = stop_signal;
		job->changed = true;
		shell_job_changed(job->shell, job);
		fire_settle(job);
	} else if (job->state == JOB_STOPPED && job->n_running > 0) {
		job->state = JOB_RUNNING;
		job->changed = true;
		shell_job_changed(job->shell, job);
	}
}

static void
count_leaf(struct job *job, enum leaf_state state, int delta)
{
	if (state == LEAF_RUNNING)
		job->n_running += (unsigned)delta;
	else if (state == LEAF_STOPPED)
		job->n_stopped += (unsigned)delta;
}

void
job_leaf_add(struct job *job, struct job_leaf *leaf,
    const struct leaf_ops *ops)
{
	leaf->ops = ops;
	leaf->job = job;
	leaf->state = LEAF_RUNNING;
	leaf->prev = NULL;
	leaf->next = job->leaves;
	if (job->leaves != NULL)
		job->leaves->prev = leaf;
	job->leaves = leaf;
	count_leaf(job, LEAF_RUNNING, 1);
	update_state(job, 0);
}

static bool
waits_for_jobs(const struct job *job)
{
	const struct job_leaf	*leaf;

	for (leaf = job->leaves; leaf != NULL; leaf = leaf->next)
		if (leaf->ops->awaited != NULL)
			return true;
	return false;
}

/* Depth first over the wait leaves, with an explicit stack: a chain of
   jobs each waiting for the next can be as long as the job table. */
bool
job_awaits(struct job *from, struct job *target)
{
	static unsigned	  mark;
	struct job	**stack, *job, *next;
	struct job_leaf	 *leaf;
	size_t		  n = 0, cap = 16, i;
	bool		  found = false;

	if (from == target || !waits_for_jobs(from))
		return from == target;	/* the usual case: no search */
	stack = xreallocarray(NULL, cap, sizeof *stack);
	from->await_mark = ++mark;
	stack[n++] = from;
	while (n > 0 && !found) {
		job = stack[--n];
		found = job == target;
		for (leaf = job->leaves; leaf != NULL && !found;
		    leaf = leaf->next) {
			for (i = 0; leaf->ops->awaited != NULL &&
			    (next = leaf->ops->awaited(leaf, i)) != NULL; i++) {
				if (next->await_mark == mark)
					continue;
				next->await_mark = mark;
				if (n == cap) {
					cap *= 2;
					stack = xreallocarray(stack, cap,
					    sizeof *stack);
				}
				stack[n++] = next;
			}
		}
	}
	free(stack);
	return found;
}

void
job_leaf_set_state(struct job_leaf *leaf, enum leaf_state state)
{
	struct job	*job = leaf->job;

	if (leaf->state == state || leaf->state == LEAF_DONE)
		return;
	count_leaf(job, leaf->state, -1);
	leaf->state = state;
	count_leaf(job, state, 1);
	if (state == LEAF_DONE) {
		if (leaf->prev != NULL)
			leaf->prev->next = leaf->next;
		else
			job->leaves = leaf->next;
		if (leaf->next != NULL)
			leaf->next->prev = leaf->prev;
		leaf->prev = leaf->next = NULL;
	}
	update_state(job, leaf->stop_signal);
}

void
job_begin_pipeline(struct job *job)
{
	free_procs(job, true);
}

void
job_add_proc(struct job *job, struct proc *p)
{
	p->next = NULL;
	if (job->procs_tail != NULL)
		job->procs_tail->next = p;
	else
		job->procs = p;
	job->procs_tail = p;
}

int
job_signal(struct job *job, int sig)
{
	struct job_leaf	*leaf, *next;
	int		 rc = 0, saved = 0;

	/* The job dies as a whole: what it has not started yet never will
	   (a subshell of a process, the rest of an and-or list). */
	if (sig != 0 && signame_terminates(sig) && job->leaves != NULL) {
		job->killed = true;
		job->kill_status = 128 + sig;
	}
	job->signalled_pgid = 0;
	for (leaf = job->leaves; leaf != NULL; leaf = next) {
		next = leaf->next;
		if (leaf->ops->signal(leaf, sig) == -1) {
			rc = -1;
			saved = errno;
		} else if (sig == SIGCONT)
			job_leaf_set_state(leaf, LEAF_RUNNING);
	}
	errno = saved;
	return rc;
}

void
job_signal_tasks(struct job *job, int sig)
{
	struct job_leaf	*leaf, *next;

	for (leaf = job->leaves; leaf != NULL; leaf = next) {
		next = leaf->next;
		if (leaf->ops->in_process)
			leaf->ops->signal(leaf, sig);
	}
}

bool
job_interrupted(const struct job *job)
{
	return job->term_signal == SIGINT && job->shell->interactive;
}

void
job_continue(struct job *job)
{
	if (job->state == JOB_STOPPED)
		job_signal(job, SIGCONT);
}

/* The result waiter exists only while someone observes the job, so a
   background job nobody waits for costs no waiter.  The observer hears
   of the job's end only once the loop has polled since it began to
   observe: a line of builtins still reaps children and sees signals
   between its commands. */
void
job_on_settle(struct job *job, job_settle_cb *cb, void *arg)
{
	job->settle_cb = cb;
	job->settle_arg = arg;
	if (job->settle_wait == NULL)
		job->settle_wait = future_await_turn(job->result, job_result_cb,
		    job_ref(job));
}

void
job_cancel_settle(struct job *job)
{
	job->settle_cb = NULL;
	job->settle_arg = NULL;
	if (job->settle_wait != NULL) {
		future_cancel_wait(job->settle_wait);
		job->settle_wait = NULL;
		job_unref(job);
	}
}

const char *
job_state_text(const struct job *job, char *buf, size_t len)
{
	int	st, sig;

	if (job->state == JOB_RUNNING)
		return "Running";
	if (job->state == JOB_STOPPED) {
		switch (job->stop_signal) {
		case SIGTTIN:
			return "Stopped (tty input)";
		case SIGTTOU:
			return "Stopped (tty output)";
		case SIGSTOP:
			return "Stopped (signal)";
		default:
			return "Stopped";
		}
	}
	st = future_status(job->result);
	if (st == 0)
		return "Done";
	/* A signal's name only if one really ended it: exit 134 is not
	   "Aborted". */
	if (st > 128 && st < 128 + SIGNAL_LIMIT &&
	    (job->term_signal == st - 128 ||
	    (job->killed && job->kill_status == st))) {
		sig = st - 128;
		if (sig == SIGTERM)
			return "Terminated";
		if (sig == SIGKILL)
			return "Killed";
		if (sig == SIGINT)
			return "Interrupt";
		if (sig == SIGHUP)
			return "Hangup";
		if (sig == SIGPIPE)
			return "Broken pipe";
		if (sig == SIGQUIT)
			return "Quit";
		if (sig == SIGABRT)
			return "Aborted";
		if (sig == SIGSEGV)
			return "Segmentation fault";
	}
	snprintf(buf, len, "Exit %d", st);
	return buf;
}

int
status_from_wait(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return 128 + WSTOPSIG(wstatus);
}

void
job_remove_proc(struct job *job, struct proc *p)
{
	struct proc	**pp = &job->procs, *prev = NULL;

	while (*pp != NULL && *pp != p) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	if (*pp == NULL)
		return;
	*pp = p->next;
	if (job->procs_tail == p)
		job->procs_tail = prev;
}

bool
job_has_process(const struct job *job)
{
	const struct proc	*p;

	for (p = job->procs; p != NULL; p = p->next)
		if (p->leaf.state != LEAF_DONE)
			return true;
	return false;
}
