/*
 * proc: spawning children and following them through libev.
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
#include "redir.h"
#include "shell.h"
#include "signame.h"
#include "strbuf.h"
#include "xmalloc.h"

static sigset_t	default_signals;

/*
 * Every signal back to its default in children (spec 6).  Naming them all
 * also spares glibc's posix_spawn a query per signal in the child.
 */
void
proc_init_signals(void)
{
	sigfillset(&default_signals);
	sigdelset(&default_signals, SIGKILL);
	sigdelset(&default_signals, SIGSTOP);
}

static int
proc_signal(struct job_leaf *leaf, int sig)
{
	struct proc	*p = (struct proc *)leaf;
	struct shell	*sh = leaf->job->shell;

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
proc_child_cb(struct ev_loop *loop, ev_child *w, int revents)
{
	struct proc	*p = w->data;
	int		 st = w->rstatus;

	(void)revents;
	if (WIFSTOPPED(st)) {
		p->leaf.stop_signal = WSTOPSIG(st);
		job_leaf_set_state(&p->leaf, LEAF_STOPPED);
	} else if (WIFCONTINUED(st))
		job_leaf_set_state(&p->leaf, LEAF_RUNNING);
	else {
		ev_child_stop(loop, w);
		if (WIFSIGNALED(st))
			p->leaf.job->term_signal = WTERMSIG(st);
		job_leaf_set_state(&p->leaf, LEAF_DONE);
		future_resolve(p->done, status_from_wait(st));
		job_unref(p->leaf.job);
	}
}

static struct proc *
proc_track(struct job *job, pid_t pid, pid_t pgid, char *const *argv)
{
	struct shell	*sh = job->shell;
	struct proc	*p = xcalloc(1, sizeof *p);
	struct strbuf	 text = STRBUF_INIT;
	size_t		 i;

	for (i = 0; argv[i] != NULL; i++) {
		if (i > 0)
			strbuf_addch(&text, ' ');
		strbuf_addstr(&text, argv[i]);
	}
	p->pid = pid;
	p->pgid = pgid;
	p->text = strbuf_detach(&text);
	p->done = future_new(sh->sched);
	ev_child_init(&p->watcher, proc_child_cb, pid, 1);
	p->watcher.data = p;
	ev_child_start(sh->loop, &p->watcher);
	job_leaf_add(job_ref(job), &p->leaf, &proc_leaf_ops);
	job_add_proc(job, p);
	return p;
}

static int
spawn_attributes(posix_spawnattr_t *attr, const struct spawn_request *req)
{
	sigset_t	empty;
	short		flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;

	sigemptyset(&empty);
	posix_spawnattr_init(attr);
	posix_spawnattr_setsigdefault(attr, &default_signals);
	posix_spawnattr_setsigmask(attr, &empty);
	if (req->job_control) {
		flags |= POSIX_SPAWN_SETPGROUP;
		posix_spawnattr_setpgroup(attr, req->pgid);
	}
	return posix_spawnattr_setflags(attr, flags);
}

static int
spawn_errno_status(const char *name, int err)
{
	if (err == ENOENT) {
		sh_error("%s: %s", name, strerror(err));
		return 127;
	}
	sh_error("%s: %s", name, strerror(err));
	return 126;
}

static int
spawn_with_fallback(pid_t *pid, const struct spawn_request *req,
    posix_spawn_file_actions_t *fa, posix_spawnattr_t *attr)
{
	struct strvec	 argv = STRVEC_INIT;
	char		 self[4096];
	ssize_t		 n;
	size_t		 i;
	int		 rc;

	rc = posix_spawn(pid, req->path, fa, attr, req->argv, req->envp);
	if (rc != ENOEXEC)
		return rc;
	/* A script without #!: run it with jobsh, as shells do. */
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return rc;
	self[n] = '\0';
	strvec_push(&argv, self);
	strvec_push(&argv, req->path);
	for (i = 1; req->argv[i] != NULL; i++)
		strvec_push(&argv, req->argv[i]);
	rc = posix_spawn(pid, self, fa, attr, strvec_argv(&argv), req->envp);
	strvec_clear(&argv);
	return rc;
}

/* One attempt: 0 and the process, or an errno value. */
static int
spawn_once(struct job *job, const struct spawn_request *req, pid_t *pgid,
    struct proc **out)
{
	struct shell			*sh = job->shell;
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 attr;
	pid_t				 pid;
	int				 rc;

	posix_spawn_file_actions_init(&fa);
	rc = redir_plan_spawn_actions(req->plan, &fa);
	if (rc == 0 && req->take_tty && sh->tty_fd >= 0)
		rc = posix_spawn_file_actions_addtcsetpgrp_np(&fa, sh->tty_fd);
	if (rc == 0)
		rc = spawn_attributes(&attr, req);
	if (rc == 0) {
		fflush(NULL);
		rc = spawn_with_fallback(&pid, req, &fa, &attr);
		posix_spawnattr_destroy(&attr);
	}
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return rc;
	/* No setpgid here as fork-based shells need: posix_spawn returns
	   once the child has set its group (or has failed to). */
	*pgid = req->job_control ? (req->pgid ? req->pgid : pid) : 0;
	*out = proc_track(job, pid, *pgid, req->argv);
	job->pgid = *pgid;
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
		if (src >= 10 && (src = redir_dup_high(src)) != -1)
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
	else
		future_resolve(r->result, rc == ECANCELED ? r->job->kill_status :
		    spawn_errno_status(r->req.argv[0], rc));
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
spawn_later(struct job *job, struct context *ctx,
    const struct spawn_request *req)
{
	struct spawn_retry	*r = xcalloc(1, sizeof *r);
	char *const		*v;

	r->job = job_ref(job);
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
	r->req.plan = &r->plan;
	r->delay = RETRY_FIRST;
	r->give_up = ev_now(job->shell->loop) + retry_seconds(ctx);
	r->result = future_new(job->shell->sched);
	ev_timer_init(&r->timer, retry_timer_cb, r->delay, 0);
	r->timer.data = r;
	ev_timer_start(job->shell->loop, &r->timer);
	job_leaf_add(job, &r->leaf, &retry_leaf_ops);
	return future_ref(r->result);
}

struct future *
proc_spawn(struct job *job, struct context *ctx,
    const struct spawn_request *req, pid_t *pgid)
{
	struct proc	*p;
	int		 rc;

	rc = spawn_once(job, req, pgid, &p);
	if (rc == EAGAIN)
		return spawn_later(job, ctx, req);
	if (rc != 0)
		return exec_done(ctx, spawn_errno_status(req->argv[0], rc));
	return future_ref(p->done);
}

static bool
is_executable_file(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

char *
proc_find_in_path(struct context *ctx, const char *name)
{
	const char	*path = context_get(ctx, "PATH"), *p, *colon;
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
