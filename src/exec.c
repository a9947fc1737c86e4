/*
 * exec: syntax trees become futures.
 *
 * Composite nodes are small tasks that hold what they need (job, context,
 * a reference on the parsed program) and step forward from future
 * callbacks.  When a part is already done (a builtin), the task goes on at
 * once instead of waiting a loop turn, so a script of builtins runs without
 * touching the loop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ast.h"
#include "builtin.h"
#include "context.h"
#include "exec.h"
#include "expand.h"
#include "future.h"
#include "job.h"
#include "pipefeed.h"
#include "proc.h"
#include "redir.h"
#include "shell.h"
#include "strbuf.h"
#include "strvec.h"
#include "vars.h"
#include "xmalloc.h"

static bool	command_keeps_context(const struct ast_command *);

/* Where a pipeline member reads and writes; -1 inherits. */
struct member_io {
	int	in;
	int	out;
	bool	isolated;	/* one of several members: own context */
};

struct future *
exec_done(struct context *ctx, int status)
{
	struct future	*f = future_new(ctx->shell->sched);

	future_resolve(f, status);
	return f;
}

/* As bash: in single quotes when the word would not read back as one. */
static void
trace_word(struct strbuf *line, const char *word)
{
	const char	*p;

	if (*word != '\0' && word[strspn(word, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_./:=@%+,-^")] == '\0') {
		strbuf_addstr(line, word);
		return;
	}
	strbuf_addch(line, '\'');
	for (p = word; *p != '\0'; p++) {
		if (*p == '\'')
			strbuf_addstr(line, "'\\''");
		else
			strbuf_addch(line, *p);
	}
	strbuf_addch(line, '\'');
}

static void
trace_words(struct strbuf *line, const struct strvec *words, bool assigns)
{
	const char	*eq;
	size_t		 i;

	for (i = 0; i < words->n; i++) {
		strbuf_addch(line, ' ');
		eq = assigns ? strchr(words->v[i], '=') : NULL;
		if (eq != NULL)
			strbuf_add(line, words->v[i],
			    (size_t)(eq - words->v[i]) + 1);
		if (eq == NULL || eq[1] != '\0')
			trace_word(line, eq != NULL ? eq + 1 : words->v[i]);
	}
}

/* One write a line, as bash: stderr is unbuffered, and a trace line
   must not be cut by a background job's output. */
static void
trace_command(struct context *ctx, const struct strvec *assigns,
    const struct strvec *argv)
{
	struct strbuf	line = STRBUF_INIT;

	if (!(ctx->options & OPT_XTRACE))
		return;
	strbuf_addch(&line, '+');
	trace_words(&line, assigns, true);
	trace_words(&line, argv, false);
	strbuf_addch(&line, '\n');
	fwrite(line.data, 1, line.len, stderr);
	fflush(stderr);
	strbuf_free(&line);
}

/* A command's assignments so far, seen by its later ones (x=1 y=$x cmd,
   as in bash), over the context's variables. */
struct assign_scope {
	struct expand_ops	 inner;
	const struct strvec	*done;
};

static const char *
scope_lookup(void *data, const char *name)
{
	const struct assign_scope	*scope = data;
	size_t				 i, len = strlen(name);

	for (i = scope->done->n; i-- > 0;)
		if (strncmp(scope->done->v[i], name, len) == 0 &&
		    scope->done->v[i][len] == '=')
			return scope->done->v[i] + len + 1;
	return scope->inner.lookup(scope->inner.data, name);
}

static void
scope_assign(void *data, const char *name, const char *value)
{
	const struct assign_scope	*scope = data;

	scope->inner.assign(scope->inner.data, name, value);
}

static size_t
scope_positional(void *data, char *const **argv)
{
	const struct assign_scope	*scope = data;

	return scope->inner.positional(scope->inner.data, argv);
}

static int
expand_assigns(struct context *ctx, const struct ast_command *cmd,
    struct strvec *out)
{
	struct assign_scope	 scope;
	struct expand_ops	 ops;
	char			*value, *error;
	const char		*raw;
	size_t			 i;

	context_expand_ops(ctx, &scope.inner);
	scope.done = out;
	ops = scope.inner;
	ops.lookup = scope_lookup;
	ops.assign = scope_assign;
	ops.positional = scope_positional;
	ops.data = &scope;
	for (i = 0; i < cmd->n_assigns; i++) {
		/* The whole word, so that only tildes after the first '='
		   and after ':' expand. */
		raw = cmd->assigns[i];
		if (expand_word(&ops, raw, true, &value, &error) == -1) {
			sh_error("%s", error);
			free(error);
			return -1;
		}
		strvec_push_owned(out, value);
	}
	return 0;
}

static void
set_assigns(struct context *ctx, const struct strvec *assigns)
{
	char	*eq, *name;
	size_t	 i;

	for (i = 0; i < assigns->n; i++) {
		eq = strchr(assigns->v[i], '=');
		name = xstrndup(assigns->v[i], (size_t)(eq - assigns->v[i]));
		context_set(ctx, name, eq + 1);
		free(name);
	}
}

/*
 * Sets NAME=value assignments for a builtin's duration (HOME=/x cd), and
 * records in old (when not NULL) how to undo them: "NAME=value" to put
 * back, or "NAME" to unset.
 */
static void
swap_assigns(struct context *ctx, const struct strvec *assigns,
    struct strvec *old)
{
	const char	*prev;
	char		*eq, *name;
	size_t		 i;

	for (i = 0; i < assigns->n; i++) {
		if ((eq = strchr(assigns->v[i], '=')) == NULL) {
			vars_unset(&ctx->vars, assigns->v[i]);
			continue;
		}
		name = xstrndup(assigns->v[i], (size_t)(eq - assigns->v[i]));
		if (old != NULL) {
			prev = context_get(ctx, name);
			strvec_push_owned(old, prev != NULL ?
			    xasprintf("%s=%s", name, prev) : xstrdup(name));
		}
		context_set(ctx, name, eq + 1);
		free(name);
	}
}

/* Puts back what swap_assigns changed once the builtin is done (source
   runs its file's commands later, with the assignments still visible). */
struct restore {
	struct context	*ctx;
	struct strvec	 saved;
	struct future	*result;
};

static void
restore_cb(struct future *f, void *arg)
{
	struct restore	*r = arg;

	swap_assigns(r->ctx, &r->saved, NULL);
	strvec_clear(&r->saved);
	future_resolve(r->result, future_status(f));
	future_unref(r->result);
	free(r);
}

static struct future *
restore_assigns_after(struct context *ctx, struct future *f,
    struct strvec *saved)
{
	struct restore	*r;
	struct future	*result;

	if (saved->n == 0 || future_done(f)) {
		swap_assigns(ctx, saved, NULL);
		strvec_clear(saved);
		return f;
	}
	r = xcalloc(1, sizeof *r);
	r->ctx = ctx;
	r->saved = *saved;
	r->result = future_new(ctx->shell->sched);
	result = future_ref(r->result);
	future_await(f, restore_cb, r);
	future_unref(f);
	return result;
}

/* skip_in: a descriptor not worth putting on stdin (/dev/null for a
   builtin, which never reads its standard input). */
static void
plan_member_io(struct redir_plan *plan, const struct member_io *io,
    int skip_in)
{
	if (io->in != -1 && io->in != skip_in)
		redir_plan_add(plan, 0, io->in);
	if (io->out != -1)
		redir_plan_add(plan, 1, io->out);
}

/* Output the builtin could not write (pwd >/dev/full) fails it, as in
   bash. */
static int
flush_output(struct builtin_call *call, int status)
{
	if (fflush(stdout) != EOF && !ferror(stdout))
		return status;
	return status == 0 ? builtin_write_failed(call) : status;
}

/* A builtin that finishes at once; output into a pipe is captured and
   fed to it from the loop (pipefeed.h). */
static struct future *
run_now(struct context *ctx, const struct builtin *b,
    struct builtin_call *call)
{
	int	capture = -1, saved = -1, status;
	long	len;

	/* A quiet builtin writes nothing to capture: no fstat for it. */
	if (!b->quiet && pipefeed_wanted(STDOUT_FILENO) &&
	    (capture = memfd_create("jobsh-output", MFD_CLOEXEC)) != -1 &&
	    (saved = redir_dup_high(STDOUT_FILENO)) != -1)
		dup2(capture, STDOUT_FILENO);
	status = b->run(call);
	if (!b->quiet)
		status = flush_output(call, status);
	if (saved == -1) {
		if (capture != -1)
			close(capture);
		return exec_done(ctx, status);
	}
	dup2(saved, STDOUT_FILENO);
	len = (long)lseek(capture, 0, SEEK_CUR);
	if (len <= 0) {
		close(saved);
		close(capture);
		return exec_done(ctx, status);
	}
	return pipefeed_start(ctx, b->name, saved, capture, len, status);
}

/* What an unfinished builtin that runs commands (source) still writes must
   go where its redirections said: they stay on as a layer of the context,
   whose entries are taken off again when it ends. */
struct layer {
	struct context	*ctx;
	int		*srcs;		/* the descriptors it added */
	size_t		 n;
	struct future	*result;
};

static void
context_drop_fd(struct context *ctx, int src)
{
	size_t	i;

	for (i = 0; i < ctx->n_fds; i++) {
		if (ctx->fds[i].src == src && ctx->fds[i].owned) {
			close(src);
			memmove(&ctx->fds[i], &ctx->fds[i + 1],
			    (ctx->n_fds - i - 1) * sizeof ctx->fds[i]);
			ctx->n_fds--;
			return;
		}
	}
}

static void
layer_done_cb(struct future *f, void *arg)
{
	struct layer	*l = arg;
	size_t		 i;

	for (i = 0; i < l->n; i++)
		context_drop_fd(l->ctx, l->srcs[i]);
	future_resolve(l->result, future_status(f));
	future_unref(l->result);
	free(l->srcs);
	free(l);
}

static struct future *
keep_layer(struct context *ctx, const struct builtin *b,
    const struct redir_plan *plan, struct future *f)
{
	struct layer	*l;
	struct future	*result;
	size_t		 i;
	int		 src;

	if (future_done(f) || plan->n == 0 || !b->changes_context)
		return f;
	l = xcalloc(1, sizeof *l);
	l->ctx = ctx;
	l->srcs = xreallocarray(NULL, plan->n, sizeof *l->srcs);
	l->result = future_new(ctx->shell->sched);
	for (i = 0; i < plan->n; i++) {
		if (plan->steps[i].src == -1)
			continue;
		if ((src = redir_dup_high(plan->steps[i].fd)) == -1)
			continue;
		context_add_fd(ctx, plan->steps[i].fd, src, true);
		l->srcs[l->n++] = src;
	}
	result = future_ref(l->result);
	future_await(f, layer_done_cb, l);
	future_unref(f);
	return result;
}

static struct future *
run_builtin(struct job *job, struct context *ctx, const struct builtin *b,
    struct strvec *argv, struct redir_plan *plan)
{
	struct builtin_call	 call;
	struct future		*f;
	char			*dashes;

	/* A builtin may read PIDs or change what children inherit. */
	proc_settle(ctx->shell);
	if (redir_plan_apply(plan, b->quiet) == -1) {
		redir_plan_undo(plan);
		return exec_done(ctx, 1);
	}
	call.sh = ctx->shell;
	call.ctx = ctx;
	call.job = job;
	call.self = b;
	call.argc = (int)argv->n;
	call.argv = strvec_argv(argv);
	if (call.argc > 1 && strcmp(call.argv[1], "--") == 0 &&
	    !builtin_has_options(b)) {
		/* As bash: "--" before the operands (cd -- "$dir").  The
		   two words swap places, so the strvec still frees both. */
		dashes = call.argv[1];
		call.argv[1] = call.argv[0];
		call.argv[0] = dashes;
		call.argv++;
		call.argc--;
	}
	if (b->start != NULL)
		f = keep_layer(ctx, b, plan, b->start(&call));
	else
		f = run_now(ctx, b, &call);
	/* What it started (`. file >out &`) got the redirected descriptors
	   only if it has them before they are put back. */
	proc_settle(ctx->shell);
	redir_plan_undo(plan);
	return f;
}

/*
 * Looks name up in the PATH the command gets (PATH=dir cmd looks in dir);
 * says why not on the command's own stderr, as its shell's child would.
 */
static char *
resolve_command(const struct vars *env, const char *name,
    const struct redir_plan *plan, int *status)
{
	char	*path;

	if (strchr(name, '/') != NULL)
		return xstrdup(name);
	if (*name != '\0' &&
	    (path = proc_find_in_path(vars_get(env, "PATH"), name)) != NULL)
		return path;
	sh_error_fd(redir_plan_resolve(plan, STDERR_FILENO),
	    "%s: command not found", name);
	*status = 127;
	return NULL;
}

/* On stderr as the redirections before the failing one left it, as bash
   applies them in order (ls 6<&7 2>/dev/null still says so). */
static void
report_bad_source(const struct redir_plan *plan, int bad, size_t step)
{
	sh_error_fd(redir_plan_resolve_before(plan, STDERR_FILENO, step),
	    "%d: %s", bad, strerror(EBADF));
}

static struct future *
run_external(struct job *job, struct context *ctx, struct strvec *argv,
    const struct strvec *assigns, struct redir_plan *plan, bool alone,
    pid_t *pgid)
{
	struct spawn_request	 req;
	struct vars		*env = NULL;
	struct future		*f;
	char			*path, *eq, *name;
	int			 status = 0, bad;
	size_t			 i, step;

	if (assigns->n > 0) {
		env = vars_share(ctx->vars);
		for (i = 0; i < assigns->n; i++) {
			eq = strchr(assigns->v[i], '=');
			name = xstrndup(assigns->v[i],
			    (size_t)(eq - assigns->v[i]));
			vars_set(&env, name, eq + 1);
			vars_export(&env, name);
			free(name);
		}
	}
	memset(&req, 0, sizeof req);
	req.env = env != NULL ? env : ctx->vars;
	if ((path = resolve_command(req.env, argv->v[0], plan, &status)) ==
	    NULL) {
		vars_unref(env);
		return exec_done(ctx, status);
	}
	if ((bad = redir_plan_bad_source(plan, &step)) != -1)
		report_bad_source(plan, bad, step);
	if (bad != -1 || context_enter_cwd(ctx) == -1) {
		vars_unref(env);
		free(path);
		return exec_done(ctx, 1);
	}
	if (!redir_plan_sets(plan, STDIN_FILENO))
		shell_sync_stdin(ctx->shell);
	req.path = path;
	req.argv = strvec_argv(argv);
	req.envp = vars_environ(req.env);
	req.plan = plan;
	req.pgid = *pgid;
	req.job_control = (ctx->options & OPT_MONITOR) != 0;
	req.take_tty = req.job_control && *pgid == 0 &&
	    job == ctx->shell->foreground;
	/* A script's background command on its own: nothing waits for its
	   PID or its descriptors (job control would need the group). */
	req.off_thread = alone && job->background && !req.job_control &&
	    !ctx->shell->interactive;
	f = proc_spawn(job, ctx, &req, pgid);
	vars_unref(env);
	free(path);
	return f;
}

/* A pipeline member's pipe ends, held for a builtin that runs on. */
struct held_io {
	int	fds[2];
};

static void
release_io_cb(struct future *f, void *arg)
{
	struct held_io	*h = arg;

	(void)f;
	if (h->fds[0] >= 0)
		close(h->fds[0]);
	if (h->fds[1] >= 0)
		close(h->fds[1]);
	free(h);
}

/* A builtin that goes on running in a pipeline (sleep 5 | cat) keeps its
   ends of the pipes open until it ends, as a process would: its reader
   sees no end of file, its writer no broken pipe, before then.  With no
   descriptor free above the user's (a limit of 10), it holds none. */
static void
hold_member_io(struct future *f, const struct member_io *io)
{
	struct held_io	*h;

	if (future_done(f) || (io->in < 0 && io->out < 0))
		return;
	h = xmalloc(sizeof *h);
	h->fds[0] = io->in < 0 ? -1 : redir_dup_high(io->in);
	h->fds[1] = io->out < 0 ? -1 : redir_dup_high(io->out);
	future_await(f, release_io_cb, h);
}

/* As in bash, a job spec as a command is fg (%1), or bg (%1 &). */
static void
resume_by_spec(struct strvec *argv, bool background)
{
	struct strvec	with = STRVEC_INIT;
	size_t		i;

	strvec_push(&with, background ? "bg" : "fg");
	for (i = 0; i < argv->n; i++)
		strvec_push(&with, argv->v[i]);
	strvec_clear(argv);
	*argv = with;
}

/* A simple command: expand, set up descriptors, run or spawn. */
static struct future *
exec_simple(struct job *job, struct context *ctx, struct ast_command *cmd,
    const struct member_io *io, pid_t *pgid)
{
	struct strvec		 argv = STRVEC_INIT, assigns = STRVEC_INIT;
	struct redir_plan	 plan;
	struct expand_ops	 ops;
	const struct builtin	*b;
	struct future		*f;
	char			*error;

	memset(&plan, 0, sizeof plan);
	context_enter_cwd_quietly(ctx);
	context_expand_ops(ctx, &ops);
	if (expand_assigns(ctx, cmd, &assigns) == -1 ||
	    expand_fields(&ops, cmd->words, cmd->n_words, &argv, &error) == -1) {
		if (argv.n == 0 && assigns.n == cmd->n_assigns) {
			sh_error("%s", error);
			free(error);
		}
		/* POSIX: an expansion error ends a non-interactive shell (or
		   the subshell it happened in). */
		if (!ctx->shell->interactive) {
			ctx->exiting = true;
			ctx->exit_status = 1;
		}
		f = exec_done(ctx, 1);
		goto out;
	}
	trace_command(ctx, &assigns, &argv);
	if (argv.n > 0 && argv.v[0][0] == '%')
		resume_by_spec(&argv, job->background);
	b = argv.n > 0 ? builtin_find(argv.v[0]) : NULL;
	/* As in bash, exit must come right after its warning (or after
	   jobs) to leave. */
	if (argv.n > 0 && !job->background && (b == NULL ||
	    (strcmp(b->name, "exit") != 0 && strcmp(b->name, "jobs") != 0)))
		ctx->shell->exit_warned = false;
	redir_plan_add_context(&plan, ctx);
	plan_member_io(&plan, io, b != NULL ? ctx->shell->devnull_fd : -1);
	if (redir_plan_add_ast(&plan, ctx, cmd->redirs, cmd->n_redirs) == -1) {
		f = exec_done(ctx, 1);
		goto out;
	}
	if (argv.n == 0) {
		if (!io->isolated)
			set_assigns(ctx, &assigns);
		f = exec_done(ctx, 0);
	} else if (b != NULL) {
		struct strvec	saved = STRVEC_INIT;

		swap_assigns(ctx, &assigns, &saved);
		f = run_builtin(job, ctx, b, &argv, &plan);
		f = restore_assigns_after(ctx, f, &saved);
		hold_member_io(f, io);
	}
	else
		f = run_external(job, ctx, &argv, &assigns, &plan,
		    !io->isolated, pgid);
out:
	redir_plan_free(&plan);
	strvec_clear(&argv);
	strvec_clear(&assigns);
	return f;
}

struct subshell_task {
	struct context		*ctx;
	struct future		*result;
};

static void
subshell_done_cb(struct future *body, void *arg)
{
	struct subshell_task	*t = arg;

	future_resolve(t->result, future_status(body));
	future_unref(t->result);
	context_free(t->ctx);
	free(t);
}

/* Gives the subshell context its own copies of the member's descriptors
   and of its redirections, resolved in order. */
static int
subshell_descriptors(struct context *sub, struct ast_command *cmd,
    const struct member_io *io)
{
	struct redir_plan	plan;
	size_t			i, j;
	int			src, rc = 0;

	memset(&plan, 0, sizeof plan);
	plan_member_io(&plan, io, -1);
	context_enter_cwd_quietly(sub);
	if (redir_plan_add_ast(&plan, sub, cmd->redirs, cmd->n_redirs) == -1)
		rc = -1;
	for (i = 0; rc == 0 && i < plan.n; i++) {
		src = plan.steps[i].src;
		/* A file opened for this redirection moves over as it is. */
		if (src != -1 && redir_plan_disown(&plan, src)) {
			context_add_fd(sub, plan.steps[i].fd, src, true);
			continue;
		}
		for (j = sub->n_fds; src != -1 && j-- > 0;) {
			if (sub->fds[j].fd == src) {
				src = sub->fds[j].src;
				break;
			}
		}
		if (src != -1 && (src = redir_dup_high(src)) == -1) {
			sh_error("%d: %s", plan.steps[i].src, strerror(errno));
			rc = -1;
			break;
		}
		context_add_fd(sub, plan.steps[i].fd, src, true);
	}
	redir_plan_free(&plan);
	return rc;
}

static struct future *
exec_subshell(struct job *job, struct context *ctx, struct ast_program *prog,
    struct ast_command *cmd, const struct member_io *io)
{
	struct subshell_task	*t;
	struct context		*sub = context_fork(ctx);
	struct future		*body;

	if (subshell_descriptors(sub, cmd, io) == -1) {
		context_free(sub);
		return exec_done(ctx, 1);
	}
	body = exec_list(job, sub, prog, cmd->body);
	t = xcalloc(1, sizeof *t);
	t->ctx = sub;
	t->result = future_new(ctx->shell->sched);
	future_await(body, subshell_done_cb, t);
	future_unref(body);
	return future_ref(t->result);
}

struct pipeline_task {
	struct future	*result;
	size_t		 pending;
	int		 last_status;
	bool		 negated;
};

static void
member_done_cb(struct future *member, void *arg)
{
	struct pipeline_task	*t = arg;

	(void)member;
	if (--t->pending > 0)
		return;
	future_resolve(t->result, t->negated ? !t->last_status :
	    t->last_status);
	future_unref(t->result);
	free(t);
}

static void
last_member_cb(struct future *member, void *arg)
{
	struct pipeline_task	*t = arg;

	t->last_status = future_status(member);
	member_done_cb(member, arg);
}

static void
free_context_cb(struct future *f, void *arg)
{
	(void)f;
	context_free(arg);
}

static struct future *
exec_member(struct job *job, struct context *ctx, struct ast_program *prog,
    struct ast_command *cmd, const struct member_io *io, pid_t *pgid)
{
	struct context	*own;
	struct future	*f;

	if (cmd->kind == AST_SUBSHELL)
		return exec_subshell(job, ctx, prog, cmd, io);
	if (!io->isolated || command_keeps_context(cmd))
		return exec_simple(job, ctx, cmd, io, pgid);
	/* Builtins and assignments in a pipeline change nothing outside. */
	own = context_fork(ctx);
	f = exec_simple(job, own, cmd, io, pgid);
	if (future_done(f)) {
		context_free(own);
		return f;
	}
	future_await(f, free_context_cb, own);
	return f;
}

static struct future *
negate(struct context *ctx, struct future *f)
{
	struct pipeline_task	*t;

	if (future_done(f)) {
		int	st = future_status(f);

		future_unref(f);
		return exec_done(ctx, !st);
	}
	t = xcalloc(1, sizeof *t);
	t->result = future_new(ctx->shell->sched);
	t->pending = 1;
	t->negated = true;
	future_await(f, last_member_cb, t);
	future_unref(f);
	return future_ref(t->result);
}

/*
 * A pipe's ends go above the user's descriptors: a redirection such as
 * (a | b) 3>file must not close one under the pipeline.  With no room
 * there (a descriptor limit of 10), 3-9 will do, but never 0-2, where a
 * command would write into it.
 */
static int
keep_off_user_fds(int p[2])
{
	int	i, high;

	for (i = 0; i < 2; i++) {
		if (p[i] >= REDIR_USER_FDS)
			continue;
		if ((high = redir_dup_high(p[i])) == -1 && p[i] > 2)
			continue;
		if (high == -1) {
			close(p[0]);
			close(p[1]);
			return -1;
		}
		close(p[i]);
		p[i] = high;
	}
	return 0;
}

static int
open_pipes(int (*pipes)[2], size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (pipe2(pipes[i], O_CLOEXEC) == -1 ||
		    keep_off_user_fds(pipes[i]) == -1) {
			sh_error("pipe: %s", strerror(errno));
			while (i-- > 0) {
				close(pipes[i][0]);
				close(pipes[i][1]);
			}
			return -1;
		}
	}
	return 0;
}

/* stdin_fd, when not -1, is the first command's standard input. */
static struct future *
exec_pipeline(struct job *job, struct context *ctx, struct ast_program *prog,
    struct ast_pipeline *pl, int stdin_fd)
{
	struct pipeline_task	*t;
	struct member_io	 io;
	struct future		*f;
	int			(*pipes)[2];
	pid_t			 pgid = 0;
	size_t			 i, n = pl->n_commands;

	job_begin_pipeline(job);
	if (n == 1) {
		io.in = stdin_fd;
		io.out = -1;
		io.isolated = false;
		f = exec_member(job, ctx, prog, &pl->commands[0], &io, &pgid);
		return pl->negated ? negate(ctx, f) : f;
	}
	pipes = xreallocarray(NULL, n - 1, sizeof *pipes);
	if (open_pipes(pipes, n - 1) == -1) {
		free(pipes);
		return exec_done(ctx, 1);
	}
	t = xcalloc(1, sizeof *t);
	t->result = future_new(ctx->shell->sched);
	t->pending = n;
	t->negated = pl->negated;
	for (i = 0; i < n; i++) {
		io.in = i > 0 ? pipes[i - 1][0] : stdin_fd;
		io.out = i + 1 < n ? pipes[i][1] : -1;
		io.isolated = true;
		f = exec_member(job, ctx, prog, &pl->commands[i], &io, &pgid);
		if (i > 0)
			close(pipes[i - 1][0]);
		if (i + 1 < n)
			close(pipes[i][1]);
		future_await(f, i + 1 == n ? last_member_cb : member_done_cb,
		    t);
		future_unref(f);
	}
	free(pipes);
	return future_ref(t->result);
}

/* An and-or list: each pipeline starts when the previous one settles. */
struct and_or_task {
	struct job		*job;
	struct context		*ctx;
	struct ast_program	*prog;		/* NULL once the last pipeline
						   started: a long background
						   job does not pin its line */
	struct ast_and_or	*node;
	size_t			 n;
	size_t			 next;
	bool			 ran_negated;
	struct future		*result;
	bool			*errexit_ok;
};

static void	and_or_run(struct and_or_task *);

static void
and_or_record(struct and_or_task *t, int status)
{
	t->ctx->status = status;
	if (t->errexit_ok != NULL)
		*t->errexit_ok = t->next == t->n && !t->ran_negated;
}

static void
and_or_resumed_cb(struct future *f, void *arg)
{
	struct and_or_task	*t = arg;

	shell_reclaim_terminal(t->ctx->shell, t->job);
	and_or_record(t, future_status(f));
	and_or_run(t);
}

static void
and_or_finish(struct and_or_task *t)
{
	if (t->job->killed)
		t->ctx->status = t->job->kill_status;
	future_resolve(t->result, t->ctx->status);
	future_unref(t->result);
	job_unref(t->job);
	ast_program_unref(t->prog);
	free(t);
}

/* Whether the pipeline at t->next runs, given the status so far. */
static bool
and_or_wants_next(const struct and_or_task *t)
{
	if (t->next == 0)
		return true;
	if (t->node->connectors[t->next - 1] == AST_AND)
		return t->ctx->status == 0;
	return t->ctx->status != 0;
}

/* A pipeline where -e may be ignored: so it is in the subshells it
   starts. */
static struct future *
exec_exempt_pipeline(struct job *job, struct context *ctx,
    struct ast_program *prog, struct ast_pipeline *pl, int stdin_fd,
    bool exempt)
{
	struct future	*f;

	ctx->starting_exempt = exempt;
	f = exec_pipeline(job, ctx, prog, pl, stdin_fd);
	ctx->starting_exempt = false;
	return f;
}

static void
and_or_run(struct and_or_task *t)
{
	struct ast_pipeline	*pl;
	struct future		*f;

	while (t->next < t->n) {
		if (t->next > 0 && (t->job->killed || t->ctx->exiting ||
		    job_interrupted(t->job)))
			break;
		if (!and_or_wants_next(t)) {
			t->next++;
			continue;
		}
		pl = &t->node->pipelines[t->next++];
		t->ran_negated = pl->negated;
		f = exec_exempt_pipeline(t->job, t->ctx, t->prog, pl, -1,
		    t->next < t->n || pl->negated);
		if (t->next == t->n) {
			ast_program_unref(t->prog);
			t->prog = NULL;
			t->node = NULL;
		}
		if (!future_done(f)) {
			future_await(f, and_or_resumed_cb, t);
			future_unref(f);
			return;
		}
		and_or_record(t, future_status(f));
		future_unref(f);
	}
	and_or_finish(t);
}

static struct future *
exec_and_or(struct job *job, struct context *ctx, struct ast_program *prog,
    struct ast_and_or *node, bool *errexit_ok)
{
	struct and_or_task	*t = xcalloc(1, sizeof *t);
	struct future		*result;

	t->job = job_ref(job);
	t->ctx = ctx;
	t->prog = ast_program_ref(prog);
	t->node = node;
	t->n = node->n_pipelines;
	t->errexit_ok = errexit_ok;
	t->result = future_new(ctx->shell->sched);
	result = future_ref(t->result);
	and_or_run(t);
	return result;
}

/* The body of a job ended: finish it, free a context it owned. */
static void
job_body_done_cb(struct future *f, void *arg)
{
	struct job	*job = arg;

	job_finish(job, future_status(f));
	context_free(job->owned_ctx);
	job->owned_ctx = NULL;
	job_unref(job);
}

void
exec_job(struct job *job, struct context *ctx, int owns_ctx,
    struct ast_program *prog, struct ast_and_or *node, int stdin_fd)
{
	struct future	*f;

	/* One pipeline needs no and-or task (most background jobs). */
	if (node->n_pipelines == 1) {
		f = exec_exempt_pipeline(job, ctx, prog, &node->pipelines[0],
		    stdin_fd, node->pipelines[0].negated);
		job->errexit_ok = !node->pipelines[0].negated;
	} else
		f = exec_and_or(job, ctx, prog, node, &job->errexit_ok);

	if (future_done(f)) {
		job_finish(job, future_status(f));
		future_unref(f);
		if (owns_ctx)
			context_free(ctx);
		return;
	}
	job->owned_ctx = owns_ctx ? ctx : NULL;
	future_await(f, job_body_done_cb, job_ref(job));
	future_unref(f);
}

/* A list: items one after another; "&" items start and are not awaited. */
struct list_task {
	struct job		*job;		/* NULL at the top level */
	struct context		*ctx;
	struct ast_program	*prog;
	struct ast_list		*list;
	size_t			 next;
	struct future		*result;
	bool			 errexit_ok;
};

static void	list_run(struct list_task *);

/* Applies set -e after a foreground item finished with status. */
static void
list_item_done(struct list_task *t, int status)
{
	t->ctx->status = status;
	if (status != 0 && t->errexit_ok && (t->ctx->options & OPT_ERREXIT) &&
	    !t->ctx->errexit_ignored) {
		t->ctx->exiting = true;
		t->ctx->exit_status = status;
	}
}

static void
list_resumed_cb(struct future *f, void *arg)
{
	struct list_task	*t = arg;

	shell_reclaim_terminal(t->ctx->shell, t->job);
	list_item_done(t, future_status(f));
	list_run(t);
}

static void
list_fg_settled_cb(struct job *job, int status, void *arg)
{
	struct list_task	*t = arg;

	t->errexit_ok = job->errexit_ok;
	list_item_done(t, status);
	if (job_interrupted(job))
		t->next = t->list->n_items;
	job_unref(job);
	list_run(t);
}

static void
start_background(struct list_task *t, struct ast_and_or *item)
{
	struct context	*bg;
	struct job	*job;

	/* The shell's own context (a line, or a file it sources): a job of
	   its table, as in bash. */
	if (!t->ctx->subshell) {
		run_in_background(t->ctx->shell, t->ctx, t->prog, item);
		return;
	}
	/* Inside a subshell: the item runs detached, in its own context,
	   a job only the subshell's wait knows. */
	job = job_new(t->ctx->shell, item->text);
	bg = context_fork(t->ctx);
	shell_detach_stdin(t->ctx->shell, bg);
	exec_job(job, bg, 1, t->prog, item, -1);
	job->pid = shell_job_pid(t->ctx->shell, job, item);
	/* Like the table's jobs: a script's end carries it on. */
	job->needs_shell = !shell_job_is_plain_pipeline(job, item);
	context_set_last_bg(t->ctx, job);
	context_add_own_job(t->ctx, job);
	job_unref(job);
}

static void
list_finish(struct list_task *t)
{
	int	status = t->ctx->exiting ? t->ctx->exit_status : t->ctx->status;

	future_resolve(t->result, status);
	future_unref(t->result);
	job_unref(t->job);
	ast_program_unref(t->prog);
	free(t);
}

static void
list_run(struct list_task *t)
{
	struct ast_and_or	*item;
	struct future		*f;
	struct job		*job;

	while (t->next < t->list->n_items && !t->ctx->exiting &&
	    (t->job == NULL || !t->job->killed)) {
		item = &t->list->items[t->next++];
		if (item->background) {
			start_background(t, item);
			t->ctx->status = 0;
			continue;
		}
		if (t->job == NULL) {
			job = job_new(t->ctx->shell, item->text);
			run_in_foreground(t->ctx->shell, job, list_fg_settled_cb,
			    t);
			exec_job(job, t->ctx, 0, t->prog, item, -1);
			return;
		}
		t->errexit_ok = false;
		f = exec_and_or(t->job, t->ctx, t->prog, item, &t->errexit_ok);
		if (!future_done(f)) {
			future_await(f, list_resumed_cb, t);
			future_unref(f);
			return;
		}
		list_item_done(t, future_status(f));
		future_unref(f);
	}
	list_finish(t);
}

struct future *
exec_list(struct job *job, struct context *ctx, struct ast_program *prog,
    struct ast_list *list)
{
	struct list_task	*t = xcalloc(1, sizeof *t);
	struct future		*result;

	t->job = job != NULL ? job_ref(job) : NULL;
	t->ctx = ctx;
	t->prog = ast_program_ref(prog);
	t->list = list;
	t->result = future_new(ctx->shell->sched);
	result = future_ref(t->result);
	list_run(t);
	return result;
}

static bool
word_may_assign(const char *word)
{
	return strstr(word, "${") != NULL;
}

static bool
command_keeps_context(const struct ast_command *cmd)
{
	const struct builtin	*b;
	size_t			 i;

	if (cmd->kind != AST_SIMPLE || cmd->n_assigns > 0 || cmd->n_words == 0)
		return false;
	if (strpbrk(cmd->words[0], "$`'\"\\*?[~") != NULL)
		return false;
	if ((b = builtin_find(cmd->words[0])) != NULL && b->changes_context)
		return false;
	for (i = 0; i < cmd->n_words; i++)
		if (word_may_assign(cmd->words[i]))
			return false;
	for (i = 0; i < cmd->n_redirs; i++)
		if (word_may_assign(cmd->redirs[i].target))
			return false;
	return true;
}

bool
exec_needs_own_context(const struct ast_and_or *node)
{
	const struct ast_pipeline	*pl = &node->pipelines[0];

	if (node->n_pipelines > 1)
		return true;
	/* Members of a longer pipeline get a context each anyway. */
	return pl->n_commands == 1 && !command_keeps_context(&pl->commands[0]);
}
