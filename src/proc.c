/*
 * proc: spawning children and following them through the reaper.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ev.h>

#include "context.h"
#include "exec.h"
#include "future.h"
#include "job.h"
#include "proc.h"
#include "reaper.h"
#include "redir.h"
#include "shell.h"
#include "signame.h"
#include "spawner.h"
#include "strbuf.h"
#include "strvec.h"
#include "vars.h"
#include "xmalloc.h"

static int
proc_signal(struct job_leaf *leaf, int sig)
{
	struct proc	*p = (struct proc *)leaf;
	struct shell	*sh = leaf->job->shell;

	if (p->pid == 0)
		proc_settle(sh);
	if (p->pid == 0 || p->ended)
		return 0;	/* it never started, or ended: that is on its way */
	if (p->pgid > 0 && p->pgid != sh->pgid) {
		if (leaf->job->signalled_pgid == p->pgid)
			return 0;
		leaf->job->signalled_pgid = p->pgid;
		return kill(-p->pgid, sig);
	}
	return kill(p->pid, sig);
}

static const struct leaf_ops proc_leaf_ops = { proc_signal, false, NULL };

static void
proc_end(struct proc *p, int status)
{
	job_leaf_set_state(&p->leaf, LEAF_DONE);
	future_resolve(p->done, status);
	job_unref(p->leaf.job);
}

/*
 * ^C, ^\ and ^Z reach the foreground job's process group, not the shell:
 * the job's in-process tasks (the builtin sleep of `/bin/cat | sleep 9`)
 * get what its processes got, as members of that group would.
 */
static void
pass_terminal_signal(struct job *job, int sig)
{
	struct shell	*sh = job->shell;

	if (!sh->interactive || sh->foreground != job)
		return;
	if (sig == SIGINT || sig == SIGQUIT || sig == SIGTSTP ||
	    sig == SIGTTIN || sig == SIGTTOU)
		job_signal_tasks(job, sig);
}

/* The foreground job's last process ended, its in-process tasks run on
   (`sleep 9 | cat`): the terminal comes back to the shell, whose signal
   watchers pass ^C and ^Z to them; else the keys go to an empty group. */
static void
take_terminal_for_tasks(struct job *job)
{
	struct shell	*sh = job->shell;

	if (sh->tty_fd >= 0 && sh->foreground == job &&
	    job->state != JOB_DONE && !job_has_process(job))
		tcsetpgrp(sh->tty_fd, sh->pgid);
}

/* The reaper's report: a wait status of the process. */
static void
proc_status(void *owner, int st)
{
	struct proc	*p = owner;
	struct job	*job = job_ref(p->leaf.job);

	if (WIFSTOPPED(st)) {
		p->leaf.stop_signal = WSTOPSIG(st);
		job_leaf_set_state(&p->leaf, LEAF_STOPPED);
		pass_terminal_signal(job, WSTOPSIG(st));
	} else if (WIFCONTINUED(st))
		job_leaf_set_state(&p->leaf, LEAF_RUNNING);
	else {
		reaper_untrack(job->shell->reaper, p->pid);
		if (WIFSIGNALED(st))
			job->term_signal = WTERMSIG(st);
		proc_end(p, status_from_wait(st));
		if (WIFSIGNALED(st))
			pass_terminal_signal(job, WTERMSIG(st));
		take_terminal_for_tasks(job);
	}
	job_unref(job);
}

/* A process of job, its PID not known yet. */
static struct proc *
proc_new(struct job *job, pid_t pgid, char *const *argv)
{
	struct proc	*p = xcalloc(1, sizeof *p);
	struct strbuf	 text = STRBUF_INIT;
	size_t		 i;

	for (i = 0; argv[i] != NULL; i++) {
		if (i > 0)
			strbuf_addch(&text, ' ');
		strbuf_addstr(&text, argv[i]);
	}
	p->pgid = pgid;
	p->text = strbuf_detach(&text);
	p->done = future_new(job->shell->sched);
	job_leaf_add(job_ref(job), &p->leaf, &proc_leaf_ops);
	job_add_proc(job, p);
	return p;
}

static void
proc_started(struct proc *p, pid_t pid)
{
	struct shell	*sh = p->leaf.job->shell;

	p->pid = pid;
	reaper_track(sh->reaper, pid, p);
	shell_job_pid_known(sh, p->leaf.job, pid);
}

static int
spawn_attributes(posix_spawnattr_t *attr, const struct spawn_request *req)
{
	sigset_t	empty, defaults;
	short		flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;

	/* Every signal back to its default in children (spec 6).  Naming
	   them all also spares glibc's posix_spawn a query per signal in
	   the child.  sigfillset leaves out the C library's own real-time
	   signals, which its posix_spawn would then leave ignored. */
	memset(&defaults, 0xff, sizeof defaults);
	sigdelset(&defaults, SIGKILL);
	sigdelset(&defaults, SIGSTOP);
	sigemptyset(&empty);
	posix_spawnattr_init(attr);
	posix_spawnattr_setsigdefault(attr, &defaults);
	posix_spawnattr_setsigmask(attr, &empty);
	if (req->job_control) {
		flags |= POSIX_SPAWN_SETPGROUP;
		posix_spawnattr_setpgroup(attr, req->pgid);
	}
	return posix_spawnattr_setflags(attr, flags);
}

/* Says why on the command's own stderr, as its shell's child would. */
static int
spawn_errno_status(const struct spawn_request *req, int err)
{
	sh_error_fd(redir_plan_resolve(req->plan, STDERR_FILENO), "%s: %s",
	    req->argv[0], strerror(err));
	return err == ENOENT ? 127 : 126;
}

/* libev's wake-up descriptor, made now, must land above the user's. */
static void
prepare_reaper(struct shell *sh)
{
	struct fd_hold	held;

	if (reaper_prepared(sh->reaper))
		return;
	shell_hold_user_fds(&held);
	reaper_prepare(sh->reaper);
	shell_release_user_fds(&held);
}

/* Everything the call needs but the process itself. */
static int
spawn_prepare(struct shell *sh, const struct spawn_request *req,
    posix_spawn_file_actions_t *fa, posix_spawnattr_t *attr)
{
	int	rc;

	prepare_reaper(sh);
	posix_spawn_file_actions_init(fa);
	rc = redir_plan_spawn_actions(req->plan, fa);
	if (rc == 0 && req->take_tty && sh->tty_fd >= 0)
		rc = posix_spawn_file_actions_addtcsetpgrp_np(fa, sh->tty_fd);
	if (rc == 0 && (rc = spawn_attributes(attr, req)) != 0)
		posix_spawnattr_destroy(attr);
	if (rc != 0) {
		posix_spawn_file_actions_destroy(fa);
		return rc;
	}
	/* Our buffered output first, then the child's. */
	fflush(NULL);
	return 0;
}

/* One attempt, here and now: 0 and the process, or an errno value. */
static int
spawn_once(struct job *job, const struct spawn_request *req, pid_t *pgid,
    struct proc **out)
{
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 attr;
	struct spawn_call		 call;
	int				 rc;

	if ((rc = spawn_prepare(job->shell, req, &fa, &attr)) != 0)
		return rc;
	memset(&call, 0, sizeof call);
	call.path = req->path;
	call.argv = req->argv;
	call.envp = req->envp;
	call.actions = &fa;
	call.attr = &attr;
	spawn_call_run(&call);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	if (call.error != 0)
		return call.error;
	/* No setpgid here as fork-based shells need: posix_spawn returns
	   once the child has set its group (or has failed to). */
	*pgid = req->job_control ? (req->pgid ? req->pgid : call.pid) : 0;
	*out = proc_new(job, *pgid, req->argv);
	job->pgid = *pgid;
	proc_started(*out, call.pid);
	return 0;
}

/*
 * At the process limit a spawn fails with EAGAIN while our own finished
 * children may be about to free their slots: like bash's fork retry, try
 * again from the loop, waiting longer each time, for a few seconds.  The
 * request is copied, its descriptors duplicated, since the caller's are
 * closed as soon as it returns.
 */
#define RETRY_FIRST	0.002
#define RETRY_LAST	0.25
#define RETRY_FOR	5.0		/* seconds; $JOBSH_SPAWN_RETRY */

struct spawn_retry {
	struct job_leaf		 leaf;		/* first: kill reaches it */
	struct job		*job;
	struct spawn_request	 req;
	char			*path;
	struct strvec		 argv;
	struct strvec		 envp;
	struct redir_plan	 plan;
	ev_timer		 timer;
	double			 delay;
	double			 give_up;
	struct future		*result;
};

static void
copy_plan(struct redir_plan *to, const struct redir_plan *from)
{
	size_t	i;
	int	src;

	memset(to, 0, sizeof *to);
	for (i = 0; i < from->n; i++) {
		src = from->steps[i].src;
		/* The user's descriptors (< 10) stay; ours are copied. */
		if (src >= REDIR_USER_FDS && (src = redir_dup_high(src)) != -1)
			redir_plan_own(to, src);
		redir_plan_add(to, from->steps[i].fd, src);
	}
}

static void
retry_free(struct spawn_retry *r)
{
	job_leaf_set_state(&r->leaf, LEAF_DONE);
	ev_timer_stop(r->job->shell->loop, &r->timer);
	future_unref(r->result);
	job_unref(r->job);
	free(r->path);
	strvec_clear(&r->argv);
	strvec_clear(&r->envp);
	redir_plan_free(&r->plan);
	free(r);
}

static void
forward_status_cb(struct future *f, void *arg)
{
	future_resolve(arg, future_status(f));
	future_unref(arg);
}

static void
retry_timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct spawn_retry	*r = w->data;
	struct proc		*p;
	pid_t			 pgid;
	int			 rc;

	(void)revents;
	/* The group it was to join may be gone by now. */
	if (r->req.pgid > 0 && kill(-r->req.pgid, 0) == -1)
		r->req.pgid = 0;
	r->req.take_tty = r->req.take_tty && r->job == r->job->shell->foreground;
	rc = r->job->killed ? ECANCELED : spawn_once(r->job, &r->req, &pgid, &p);
	if (rc == EAGAIN && ev_now(loop) < r->give_up) {
		r->delay = r->delay * 2 < RETRY_LAST ? r->delay * 2 : RETRY_LAST;
		ev_timer_set(w, r->delay, 0);
		ev_timer_start(loop, w);
		return;
	}
	if (rc == 0)
		future_await(p->done, forward_status_cb, future_ref(r->result));
	else {
		future_resolve(r->result, rc == ECANCELED ? r->job->kill_status :
		    spawn_errno_status(&r->req, rc));
		shell_job_pid_known(r->job->shell, r->job, 0);
	}
	retry_free(r);
}

static double
retry_seconds(struct context *ctx)
{
	const char	*v = context_get(ctx, "JOBSH_SPAWN_RETRY");
	char		*end;
	double		 secs;

	if (v == NULL)
		return RETRY_FOR;
	secs = strtod(v, &end);
	return *v != '\0' && *end == '\0' && secs >= 0 ? secs : RETRY_FOR;
}

/* A terminating signal ends the wait for a process slot: the command
   never starts. */
static int
retry_signal(struct job_leaf *leaf, int sig)
{
	struct spawn_retry	*r = (struct spawn_retry *)leaf;

	if (signame_terminates(sig)) {
		future_resolve(r->result, 128 + sig);
		retry_free(r);
	}
	return 0;
}

static const struct leaf_ops retry_leaf_ops = { retry_signal, true, NULL };

static struct future *
spawn_later(struct job *job, double retry_for, const struct spawn_request *req)
{
	struct spawn_retry	*r = xcalloc(1, sizeof *r);
	char *const		*v;

	r->job = job_ref(job);
	/* Waiting for a process slot is the shell's work: the end of a
	   script carries it on. */
	job->needs_shell = true;
	r->path = xstrdup(req->path);
	for (v = req->argv; *v != NULL; v++)
		strvec_push(&r->argv, *v);
	for (v = req->envp; *v != NULL; v++)
		strvec_push(&r->envp, *v);
	copy_plan(&r->plan, req->plan);
	r->req = *req;
	r->req.path = r->path;
	r->req.argv = strvec_argv(&r->argv);
	r->req.envp = strvec_argv(&r->envp);
	r->req.env = NULL;
	r->req.plan = &r->plan;
	r->req.off_thread = false;
	r->delay = RETRY_FIRST;
	r->give_up = shell_now(job->shell) + retry_for;
	r->result = future_new(job->shell->sched);
	ev_timer_init(&r->timer, retry_timer_cb, r->delay, 0);
	r->timer.data = r;
	ev_timer_start(job->shell->loop, &r->timer);
	job_leaf_add(job, &r->leaf, &retry_leaf_ops);
	return future_ref(r->result);
}

/* At the process limit the threads' task slots may be the ones missing:
   they go to processes from now on.  Whether there was a thread. */
static bool
retire_spawner(struct shell *sh)
{
	return sh->spawner != NULL && spawner_retire(sh->spawner);
}

/*
 * A child spawned on a spawner thread: the call and everything it
 * points to live here until the spawn is over.
 */
struct proc_start {
	struct spawn_call		 call;		/* first */
	struct proc			*proc;
	struct spawn_request		 req;
	char				*path;
	struct strvec			 argv;
	struct vars			*env;
	struct redir_plan		 plan;
	posix_spawn_file_actions_t	 actions;
	posix_spawnattr_t		 attr;
	double				 retry_for;
	int				 failed_status;	/* 126 or 127 */
	uintptr_t			 mark;		/* reaper_mark */
	struct future_waiter		*waiter;	/* start_finish_cb */
	struct proc_start		*prev;		/* the shell's */
	struct proc_start		*next;		/* starts_due */
};

static void
start_free(struct proc_start *s)
{
	free(s->path);
	strvec_clear(&s->argv);
	vars_unref(s->env);
	redir_plan_free(&s->plan);
	free(s);
}

/* No process after all (a retry makes another, or none could start): a
   job that lists none, as when an inline spawn fails. */
static void
proc_drop(struct proc *p)
{
	struct job	*job = p->leaf.job;

	job_remove_proc(job, p);
	job_leaf_set_state(&p->leaf, LEAF_DONE);
	future_unref(p->done);
	free(p->text);
	free(p);
	job_unref(job);
}

static void
start_unlink(struct shell *sh, struct proc_start *s)
{
	if (s->prev != NULL)
		s->prev->next = s->next;
	else
		sh->starts_due = s->next;
	if (s->next != NULL)
		s->next->prev = s->prev;
}

/* From the loop: what the spawn's end could not do where it was seen. */
static void
start_finish_cb(struct future *f, void *arg)
{
	struct proc_start	*s = arg;
	struct proc		*p = s->proc;
	struct job		*job = p->leaf.job;
	struct shell		*sh = job->shell;
	struct future		*retry;
	int			 st;

	(void)f;
	start_unlink(sh, s);
	if (s->call.error == 0) {
		/* Claimed only now, so that a status that came meanwhile
		   replaced the kept one, in order. */
		if (reaper_claim(sh->reaper, p->pid, p, s->mark, &st))
			proc_status(p, st);
		reaper_expect(sh->reaper, -1);
	} else if (s->call.error == EAGAIN) {
		retry = spawn_later(job, s->retry_for, &s->req);
		future_await(retry, forward_status_cb, future_ref(p->done));
		future_unref(retry);
		proc_drop(p);
	} else {
		future_resolve(p->done, s->failed_status);
		proc_drop(p);
	}
	start_free(s);
}

static void
start_defer(struct shell *sh, struct proc_start *s)
{
	struct future	*later = future_new(sh->sched);

	future_resolve(later, 0);
	s->waiter = future_await(later, start_finish_cb, s);
	future_unref(later);
	s->prev = NULL;
	s->next = sh->starts_due;
	if (s->next != NULL)
		s->next->prev = s;
	sh->starts_due = s;
}

/*
 * The spawn is over.  This can run inside a settle, from code that walks
 * a job's leaves: the PID becomes known here, and a failure is told, but
 * ending the process (a status that came first, a failure, a retry) waits
 * for the loop.
 */
static void
start_done_cb(struct spawn_call *call, void *arg)
{
	struct proc_start	*s = (struct proc_start *)call;
	struct shell		*sh = arg;
	struct proc		*p = s->proc;
	int			 st;

	if (call->error == EAGAIN && retire_spawner(sh))
		spawn_call_run(call);
	posix_spawnattr_destroy(&s->attr);
	posix_spawn_file_actions_destroy(&s->actions);
	/* posix_spawn sets the PID only when it succeeds. */
	if (call->error != EAGAIN)
		shell_job_pid_known(sh, p->leaf.job,
		    call->error == 0 ? call->pid : 0);
	if (call->error == 0) {
		p->pid = call->pid;
		if (!reaper_kept(sh->reaper, p->pid, s->mark, &st)) {
			reaper_track(sh->reaper, p->pid, p);
			reaper_expect(sh->reaper, -1);
			start_free(s);
			return;
		}
		p->ended = WIFEXITED(st) || WIFSIGNALED(st);
	} else {
		if (call->error != EAGAIN)
			s->failed_status = spawn_errno_status(&s->req,
			    call->error);
		reaper_expect(sh->reaper, -1);
	}
	/* The child has its descriptors, or never will: ours close now,
	   not when the loop turns (a retry needs them). */
	if (call->error != EAGAIN)
		redir_plan_free(&s->plan);
	start_defer(sh, s);
}

static struct future *
spawn_off_thread(struct job *job, struct context *ctx,
    struct spawn_request *req)
{
	struct shell		*sh = job->shell;
	struct proc_start	*s = xcalloc(1, sizeof *s);
	struct proc		*p;
	char *const		*v;
	int			 rc;

	/* The descriptors the child gets stay open until it has them. */
	s->plan = *req->plan;
	memset(req->plan, 0, sizeof *req->plan);
	s->path = xstrdup(req->path);
	for (v = req->argv; *v != NULL; v++)
		strvec_push(&s->argv, *v);
	s->env = vars_share(req->env);
	s->req = *req;
	s->req.path = s->path;
	s->req.argv = strvec_argv(&s->argv);
	s->req.plan = &s->plan;
	s->retry_for = retry_seconds(ctx);
	if ((rc = spawn_prepare(sh, &s->req, &s->actions, &s->attr)) != 0) {
		rc = spawn_errno_status(&s->req, rc);
		start_free(s);
		return exec_done(ctx, rc);
	}
	s->call.path = s->path;
	s->call.argv = s->req.argv;
	s->call.envp = s->req.envp;
	s->call.actions = &s->actions;
	s->call.attr = &s->attr;
	s->call.holds_fds = s->plan.n_owned > 0;
	s->proc = p = proc_new(job, 0, s->req.argv);
	job->pgid = 0;
	reaper_expect(sh->reaper, 1);
	s->mark = reaper_mark(sh->reaper);
	if (sh->spawner == NULL)
		sh->spawner = spawner_new(sh->loop, start_done_cb, sh);
	if (!spawner_submit(sh->spawner, &s->call)) {
		spawn_call_run(&s->call);
		start_done_cb(&s->call, sh);
	}
	return future_ref(p->done);
}

struct future *
proc_spawn(struct job *job, struct context *ctx,
    struct spawn_request *req, pid_t *pgid)
{
	struct proc	*p;
	int		 rc;

	if (req->off_thread) {
		*pgid = 0;
		return spawn_off_thread(job, ctx, req);
	}
	/* The commands of earlier lines exist before this one starts. */
	proc_settle(job->shell);
	rc = spawn_once(job, req, pgid, &p);
	if (rc == EAGAIN && retire_spawner(job->shell))
		rc = spawn_once(job, req, pgid, &p);
	if (rc == EAGAIN)
		return spawn_later(job, retry_seconds(ctx), req);
	if (rc != 0)
		return exec_done(ctx, spawn_errno_status(req, rc));
	return future_ref(p->done);
}

bool
proc_settle(struct shell *sh)
{
	return sh->spawner != NULL && spawner_settle(sh->spawner);
}

bool
proc_freed_descriptors(struct shell *sh)
{
	return (errno == EMFILE || errno == ENFILE) && proc_settle(sh);
}

/* The spawner is made with the first spawn that may use it. */
void
proc_shell_init(struct shell *sh)
{
	sh->reaper = reaper_new(sh->loop, proc_status);
}

void
proc_shell_free(struct shell *sh)
{
	struct proc_start	*s;

	spawner_free(sh->spawner);
	/* The loop will not turn again: their processes stay as they are. */
	while ((s = sh->starts_due) != NULL) {
		start_unlink(sh, s);
		future_cancel_wait(s->waiter);
		start_free(s);
	}
	reaper_free(sh->reaper);
}

void
proc_shell_forked(struct shell *sh)
{
	if (sh->spawner != NULL)
		spawner_forget_threads(sh->spawner);
	reaper_forget_all(sh->reaper);
}

static bool
is_executable_file(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

char *
proc_find_in_path(const char *path, const char *name)
{
	const char	*p, *colon;
	struct strbuf	 sb = STRBUF_INIT;

	if (path == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = colon + 1) {
		colon = strchr(p, ':');
		strbuf_truncate(&sb, 0);
		if (colon == p || *p == '\0')
			strbuf_addstr(&sb, ".");
		else
			strbuf_add(&sb, p, colon ? (size_t)(colon - p) :
			    strlen(p));
		strbuf_addch(&sb, '/');
		strbuf_addstr(&sb, name);
		if (is_executable_file(sb.data))
			return strbuf_detach(&sb);
		if (colon == NULL)
			break;
	}
	strbuf_free(&sb);
	return NULL;
}
