/*
 * shell: start-up, the job life cycle around the foreground and the
 * background, and reports.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ev.h>

#include "ast.h"
#include "context.h"
#include "editor.h"
#include "exec.h"
#include "future.h"
#include "job.h"
#include "jobtab.h"
#include "proc.h"
#include "redir.h"
#include "report.h"
#include "shell.h"
#include "source.h"
#include "tty.h"
#include "xmalloc.h"

/* Linux PIDs never exceed 2^22 (PID_MAX_LIMIT): above it, no clash. */
#define VIRTUAL_PID_BASE	4194304L

/* "jobsh: MESSAGE\n" in one write, so that other writers do not tear it;
   after what stdio holds, so that it comes in order. */
static void
sh_verror(int fd, const char *fmt, va_list ap)
{
	static const char	prefix[] = "jobsh: ";
	char			small[512], *line = small;
	va_list			again;
	size_t			len, cap = sizeof small;
	int			n;

	fflush(stdout);
	fflush(stderr);
	va_copy(again, ap);
	n = vsnprintf(small + sizeof prefix - 1, cap - sizeof prefix, fmt, ap);
	if (n < 0)
		n = 0;
	len = sizeof prefix - 1 + (size_t)n;
	if (len + 1 >= cap) {
		cap = len + 2;
		line = xmalloc(cap);
		vsnprintf(line + sizeof prefix - 1, cap - sizeof prefix + 1,
		    fmt, again);
	}
	va_end(again);
	memcpy(line, prefix, sizeof prefix - 1);
	line[len++] = '\n';
	if (write(fd, line, len) == -1)
		len = 0;	/* nowhere left to say it */
	if (line != small)
		free(line);
}

void
sh_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	sh_verror(STDERR_FILENO, fmt, ap);
	va_end(ap);
}

int
sh_write_failed(const char *name, int err)
{
	if (err == EPIPE)
		return 128 + SIGPIPE;
	sh_error("%s: write error: %s", name, strerror(err));
	return 1;
}

void
sh_error_fd(int fd, const char *fmt, ...)
{
	va_list	ap;

	if (fd == -1)
		return;
	va_start(ap, fmt);
	sh_verror(fd, fmt, ap);
	va_end(ap);
}

void
shell_init(struct shell *sh, char *const *envp)
{
	memset(sh, 0, sizeof *sh);
	/* poll(2), not epoll: a shell watches few descriptors at a time, and
	   epoll costs every start an epoll_create1, an epoll_ctl and a uname
	   (libev choosing its backend), a script read from a pipe three
	   epoll_ctl a line.  Not the default loop: that one would set up
	   SIGCHLD handling at every start; the reaper does it before the
	   first child. */
	sh->loop = ev_loop_new(EVBACKEND_POLL | EVFLAG_NOENV);
	if (sh->loop == NULL) {
		fputs("jobsh: cannot start the event loop\n", stderr);
		exit(1);
	}
	signal(SIGPIPE, SIG_IGN);
	sh->sched = future_sched_new(sh->loop);
	proc_shell_init(sh);
	sh->jobs = jobtab_new();
	sh->pid = getpid();
	sh->tty_fd = -1;
	sh->next_virtual_pid = VIRTUAL_PID_BASE;
	sh->devnull_fd = -1;
	sh->main = context_new(sh, envp);
	sh->main->subshell = false;
}

void
shell_destroy(struct shell *sh)
{
	size_t	i;

	proc_shell_free(sh);
	for (i = 0; i < sh->n_reports; i++)
		job_unref(sh->reports[i]);
	free(sh->reports);
	jobtab_free(sh->jobs);
	context_free(sh->main);
	future_sched_free(sh->sched);
	free(sh->process_cwd);
	if (sh->devnull_fd != -1)
		close(sh->devnull_fd);
}

/*
 * While the loop and the shell's own descriptors are created, closed
 * standard descriptors are held by /dev/null, so that none of ours lands
 * on 0, 1 or 2 (where a command would then write into it).  They are
 * closed again afterwards: `jobsh >&-` still sees its stdout closed.
 */
void
shell_hold_standard_fds(int held[3])
{
	struct pollfd	std[3];
	int		fd;

	for (fd = 0; fd < 3; fd++) {
		std[fd].fd = fd;
		std[fd].events = 0;
		held[fd] = -1;
	}
	if (poll(std, 3, 0) <= 0)	/* one call tells which are closed */
		return;
	for (fd = 0; fd < 3; fd++)
		if (std[fd].revents & POLLNVAL)
			held[fd] = open("/dev/null", O_RDWR);
}

void
shell_release_standard_fds(const int held[3])
{
	int	fd;

	for (fd = 0; fd < 3; fd++)
		if (held[fd] != -1)
			close(held[fd]);
}

void
shell_hold_user_fds(struct fd_hold *h)
{
	int	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	h->n = 0;
	while (fd != -1 && fd < REDIR_USER_FDS) {
		h->fds[h->n++] = fd;
		fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	}
	if (fd != -1)
		close(fd);
	else	/* nothing free above: libev may take one of these */
		shell_release_user_fds(h);
}

void
shell_release_user_fds(struct fd_hold *h)
{
	while (h->n > 0)
		close(h->fds[--h->n]);
}

double
shell_now(struct shell *sh)
{
	ev_now_update(sh->loop);
	return ev_now(sh->loop);
}

/* Opened on first use: a script that starts no background job has no
   need for it.  Kept above the descriptors a user can name. */
int
shell_devnull(struct shell *sh)
{
	int	fd;

	if (sh->devnull_fd != -1)
		return sh->devnull_fd;
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd != -1 && fd < REDIR_USER_FDS) {
		sh->devnull_fd = redir_dup_high(fd);
		close(fd);
	} else
		sh->devnull_fd = fd;
	return sh->devnull_fd;
}

void
shell_detach_stdin(struct shell *sh, struct context *bg)
{
	if (!(bg->options & OPT_MONITOR) && shell_devnull(sh) != -1)
		context_add_fd(bg, 0, sh->devnull_fd, false);
}

void
shell_reclaim_terminal(struct shell *sh, struct job *job)
{
	if (sh->tty_fd >= 0 && job != NULL && job == sh->foreground)
		tcsetpgrp(sh->tty_fd, sh->pgid);
}

void
shell_sync_stdin(struct shell *sh)
{
	if (sh->stdin_source != NULL)
		source_sync(sh->stdin_source);
}

long
shell_virtual_pid(struct shell *sh)
{
	return ++sh->next_virtual_pid;
}

bool
shell_job_is_plain_pipeline(const struct job *job,
    const struct ast_and_or *node)
{
	struct proc	*p;
	size_t		 n = 0, i;

	for (p = job->procs; p != NULL; p = p->next)
		n++;
	if (node->n_pipelines != 1 || job->procs_tail == NULL)
		return false;
	for (i = 0; i < node->pipelines[0].n_commands; i++)
		if (node->pipelines[0].commands[i].kind != AST_SIMPLE)
			return false;
	return n == node->pipelines[0].n_commands;
}

void
shell_job_pid_known(struct shell *sh, struct job *job, pid_t pid)
{
	if (!job->pid_pending)
		return;
	/* A process that could not start: a PID that names no process. */
	job->pid = pid != 0 ? pid : shell_virtual_pid(sh);
	job->pid_pending = false;
	jobtab_index_pid(sh->jobs, job);
}

long
shell_known_pid(struct shell *sh, struct job *job)
{
	if (job->pid_pending)
		proc_settle(sh);
	/* Still waiting for a process slot (EAGAIN): $! cannot wait. */
	shell_job_pid_known(sh, job, 0);
	return job->pid;
}

/* The last process's PID (0 while it is on a spawner thread). */
long
shell_job_pid(struct shell *sh, struct job *job, const struct ast_and_or *node)
{
	if (shell_job_is_plain_pipeline(job, node))
		return job->procs_tail->pid;
	return shell_virtual_pid(sh);
}

struct job *
run_in_background(struct shell *sh, struct context *ctx,
    struct ast_program *prog, struct ast_and_or *node)
{
	struct context	*bg;
	struct job	*job = job_new(sh, node->text);

	job->background = true;
	job->changed = true;
	if (exec_needs_own_context(node)) {
		bg = context_fork(ctx);
		shell_detach_stdin(sh, bg);
		exec_job(job, bg, 1, prog, node, -1);
	} else
		exec_job(job, ctx, 0, prog, node, ctx->options & OPT_MONITOR ?
		    -1 : shell_devnull(sh));
	job->pid = shell_job_pid(sh, job, node);
	job->pid_pending = job->pid == 0;
	job->needs_shell = !shell_job_is_plain_pipeline(job, node);
	jobtab_add(sh->jobs, job);
	context_set_last_bg(ctx, job);
	if (sh->interactive)
		fprintf(stderr, "[%d] %ld\n", job->number, job->pid);
	/* A builtin may have ended before the job had a number. */
	if (job->state != JOB_RUNNING)
		shell_job_changed(sh, job);
	job_unref(job);
	return job;
}

struct foreground {
	struct shell		*sh;
	struct job		*previous;
	shell_settled_cb	*cb;
	void			*arg;
};

static void
take_terminal_back(struct shell *sh, struct job *job, int status)
{
	if (sh->tty_fd < 0)
		return;
	if (job->state == JOB_STOPPED) {
		if (job->tty_modes == NULL)
			job->tty_modes = xmalloc(sizeof *job->tty_modes);
		if (tcgetattr(sh->tty_fd, job->tty_modes) == -1) {
			free(job->tty_modes);
			job->tty_modes = NULL;
		}
	}
	tcsetpgrp(sh->tty_fd, sh->pgid);
	/* A command that exits normally may change the modes on purpose
	   (stty); one that stopped or was killed may not. */
	if (job->state == JOB_DONE && status < 128)
		sh->tty_modes_saved =
		    tcgetattr(sh->tty_fd, &sh->tty_modes) == 0;
	else if (sh->tty_modes_saved)
		tcsetattr(sh->tty_fd, TCSADRAIN, &sh->tty_modes);
}

/* As bash: a newline after ^C killed the job, a word for other deaths. */
static void
report_death(struct job *job)
{
	const char	*what;

	if (job->term_signal == 0 || job->term_signal == SIGPIPE)
		return;
	if (job->term_signal == SIGINT)
		what = "";
	else if ((what = strsignal(job->term_signal)) == NULL)
		return;
	fprintf(stderr, "%s\n", what);
	fflush(stderr);
}

static void
foreground_settled_cb(struct job *job, void *arg)
{
	struct foreground	*fg = arg;
	struct shell		*sh = fg->sh;
	int			 status;

	if (job->state == JOB_DONE)
		status = future_status(job->result);
	else
		status = 128 + job->stop_signal;
	take_terminal_back(sh, job, status);
	sh->foreground = fg->previous;
	if (sh->interactive && job->state == JOB_DONE)
		report_death(job);
	if (job->state == JOB_STOPPED) {
		/* As in bash, a stopped job is in the background: what
		   becomes of it (kill, kill -CONT) is reported. */
		job->background = true;
		/* A job of builtins gets the virtual PID a background one
		   would have had. */
		if (job->pid == 0 && job->procs == NULL)
			job->pid = shell_virtual_pid(sh);
		if (job->number == 0)
			jobtab_add(sh->jobs, job);
		jobtab_touch(sh->jobs, job);
		if (sh->interactive) {
			fputc('\n', stderr);
			report_job(stderr, sh->jobs, job, REPORT_NORMAL);
		}
	} else if (job->number != 0)
		report_done_with(sh->jobs, job);
	fg->cb(job, status, fg->arg);
	free(fg);
}

void
run_in_foreground(struct shell *sh, struct job *job, shell_settled_cb *cb,
    void *arg)
{
	struct foreground	*fg = xcalloc(1, sizeof *fg);

	fg->sh = sh;
	fg->previous = sh->foreground;
	fg->cb = cb;
	fg->arg = arg;
	sh->foreground = job;
	job->background = false;
	if (sh->tty_fd >= 0 && job->pgid > 0) {
		if (job->tty_modes != NULL)
			tcsetattr(sh->tty_fd, TCSADRAIN, job->tty_modes);
		tcsetpgrp(sh->tty_fd, job->pgid);
	}
	job_on_settle(job, foreground_settled_cb, fg);
}

static void
queue_report(struct shell *sh, struct job *job)
{
	if (sh->n_reports == sh->cap_reports) {
		sh->cap_reports = sh->cap_reports ? sh->cap_reports * 2 : 16;
		sh->reports = xreallocarray(sh->reports, sh->cap_reports,
		    sizeof *sh->reports);
	}
	sh->reports[sh->n_reports++] = job_ref(job);
}

void
shell_job_changed(struct shell *sh, struct job *job)
{
	if (job->number == 0)
		return;
	if (job->state != JOB_DONE)
		jobtab_touch(sh->jobs, job);
	if (sh->interactive && job->background && job->state != JOB_RUNNING) {
		queue_report(sh, job);
		if (sh->editor != NULL)
			editor_reports_pending(sh->editor);
	}
}

void
shell_report_jobs(struct shell *sh)
{
	struct job	*job;
	size_t		 i;

	for (i = 0; i < sh->n_reports; i++) {
		job = sh->reports[i];
		if (job->number != 0 && job->changed &&
		    jobtab_listed(sh->jobs, job->number) == job) {
			report_job(stderr, sh->jobs, job, REPORT_NORMAL);
			report_done_with(sh->jobs, job);
		}
		job_unref(job);
	}
	sh->n_reports = 0;
	fflush(stderr);
}

bool
shell_may_exit(struct shell *sh, struct context *ctx)
{
	struct job	*job;
	bool		 live = false;

	if (ctx != sh->main || !sh->interactive || sh->exit_warned)
		return true;
	for (job = jobtab_first(sh->jobs); job != NULL;
	    job = jobtab_next(sh->jobs, job))
		if (job->state != JOB_DONE && !job->disowned)
			live = true;
	if (!live)
		return true;
	sh->exit_warned = true;
	for (job = jobtab_first(sh->jobs); job != NULL;
	    job = jobtab_next(sh->jobs, job))
		if (job->state != JOB_DONE)
			report_job(stderr, sh->jobs, job, REPORT_NORMAL);
	fputs("jobsh: there are jobs; exit again to hang them up and leave\n",
	    stderr);
	return false;
}

/* What the end of a script waits for. */
enum drain_need {
	DRAIN_NOTHING,
	DRAIN_REAPING,		/* a job's process only we can reap */
	DRAIN_IN_PROCESS,	/* in-process work: a fork carries it on */
};

static enum drain_need	drain_need(struct shell *);
static void		drain_tick_cb(struct ev_loop *, ev_timer *, int);

/* Forks: the parent leaves with the script's status, the child finishes
   the in-process jobs and forgets the processes it cannot reap. */
static void
carry_on_in_child(struct shell *sh)
{
	pid_t	pid;

	proc_settle(sh);
	fflush(NULL);
	if ((pid = fork()) == -1) {
		sh_error("fork: %s", strerror(errno));
		return;
	}
	if (pid > 0)
		_exit(sh->exit_status);
	ev_loop_fork(sh->loop);
	proc_shell_forked(sh);
	sh->exit_status = 0;
	ev_run(sh->loop, 0);
	fflush(NULL);
	_exit(0);
}

static ev_timer	drain_tick;

void
shell_finish_script(struct shell *sh, int status)
{
	proc_settle(sh);
	sh->exit_status = status;
	if (drain_need(sh) == DRAIN_NOTHING) {
		ev_break(sh->loop, EVBREAK_ALL);
		return;
	}
	/* The fork that carries work on happens from the timer, never
	   inside the future callback that got here. */
	ev_timer_init(&drain_tick, drain_tick_cb, 0, 0.01);
	drain_tick.data = sh;
	ev_timer_start(sh->loop, &drain_tick);
}

void
shell_kill_all(struct shell *sh)
{
	struct job	*job, *next;

	proc_settle(sh);
	for (job = sh->live; job != NULL; job = next) {
		next = job->live_next;
		job_signal(job, SIGKILL);
	}
}

void
shell_hangup_jobs(struct shell *sh)
{
	struct job	*job, *next;

	proc_settle(sh);
	/* Every unfinished job, the foreground one included. */
	for (job = sh->live; job != NULL; job = next) {
		next = job->live_next;
		if (job->disowned || (job->number == 0 && job->background))
			continue;
		job_signal(job, SIGHUP);
		if (job->state == JOB_STOPPED)
			job_signal(job, SIGCONT);
	}
}

void
shell_leave(struct shell *sh, int status)
{
	proc_settle(sh);
	if (sh->interactive)
		shell_hangup_jobs(sh);
	editor_free(sh->editor);
	sh->editor = NULL;
	tty_restore(sh);
	fflush(NULL);
	_exit(status);
}

/*
 * The end of a script.  Background jobs are left running (spec 5): plain
 * processes need nothing from us.  Jobs that still need the shell (a
 * timer, the rest of an and-or list) are waited for while one of their
 * processes lives, since only we can reap it; once only in-process work
 * remains, a forked copy of the shell carries it on and this process
 * exits.
 */
static enum drain_need
drain_need(struct shell *sh)
{
	struct job	*job;
	bool		 in_process = false;

	for (job = sh->live; job != NULL; job = job->live_next) {
		if (!job->needs_shell)
			continue;
		if (job_has_process(job))
			return DRAIN_REAPING;
		in_process = true;
	}
	return in_process ? DRAIN_IN_PROCESS : DRAIN_NOTHING;
}

static void
drain_tick_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct shell		*sh = w->data;
	enum drain_need		 need = drain_need(sh);

	(void)revents;
	if (need == DRAIN_REAPING)
		return;
	ev_timer_stop(loop, w);
	if (need == DRAIN_IN_PROCESS)
		carry_on_in_child(sh);
	ev_break(loop, EVBREAK_ALL);
}
