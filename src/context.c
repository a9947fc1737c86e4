/*
 * context: execution state and the expand_ops that read it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "context.h"
#include "job.h"
#include "proc.h"
#include "redir.h"
#include "shell.h"
#include "vars.h"
#include "xmalloc.h"

/* $PWD when it names the current directory (keeping the user's symbolic
   links, as shells do), else the physical path; NULL when neither is
   known. */
static char *
initial_cwd(const struct vars *vars)
{
	const char	*pwd = vars_get(vars, "PWD");
	struct stat	 named, dot;

	if (pwd != NULL && pwd[0] == '/' && stat(pwd, &named) == 0 &&
	    stat(".", &dot) == 0 && named.st_dev == dot.st_dev &&
	    named.st_ino == dot.st_ino)
		return xstrdup(pwd);
	return getcwd(NULL, 0);
}

struct context *
context_new(struct shell *sh, char *const *envp)
{
	struct context	*ctx = xcalloc(1, sizeof *ctx);

	ctx->shell = sh;
	ctx->vars = vars_from_environ(envp);
	ctx->cwd = initial_cwd(ctx->vars);
	/* The process is already there: no chdir before the first builtin. */
	if (ctx->cwd != NULL)
		sh->process_cwd = xstrdup(ctx->cwd);
	else
		ctx->cwd = xstrdup("/");
	vars_set(&ctx->vars, "PWD", ctx->cwd);
	vars_export(&ctx->vars, "PWD");
	if (vars_get(ctx->vars, "IFS") == NULL)
		vars_set(&ctx->vars, "IFS", " \t\n");
	ctx->arg0 = xstrdup("jobsh");
	ctx->args = args_new(0, NULL);
	return ctx;
}

struct context *
context_fork(const struct context *parent)
{
	struct context	*ctx = xcalloc(1, sizeof *ctx);
	size_t		 i;

	ctx->shell = parent->shell;
	ctx->vars = vars_share(parent->vars);
	ctx->cwd = xstrdup(parent->cwd);
	ctx->arg0 = xstrdup(parent->arg0);
	ctx->args = parent->args;
	ctx->args->refs++;
	ctx->status = parent->status;
	ctx->last_bg = parent->last_bg != NULL ? job_ref(parent->last_bg) :
	    NULL;
	ctx->options = parent->options;
	ctx->subshell = true;
	ctx->errexit_ignored = parent->errexit_ignored ||
	    parent->starting_exempt;
	for (i = 0; i < parent->n_fds; i++) {
		const struct ctx_fd	*cf = &parent->fds[i];

		if (cf->owned && cf->src != -1)
			context_add_fd(ctx, cf->fd, redir_dup_high(cf->src),
			    true);
		else
			context_add_fd(ctx, cf->fd, cf->src, false);
	}
	return ctx;
}

void
context_free(struct context *ctx)
{
	size_t	i;

	if (ctx == NULL)
		return;
	for (i = 0; i < ctx->n_fds; i++)
		if (ctx->fds[i].owned && ctx->fds[i].src != -1)
			close(ctx->fds[i].src);
	free(ctx->fds);
	vars_unref(ctx->vars);
	job_unref(ctx->last_bg);
	for (i = 0; i < ctx->n_own_jobs; i++)
		job_unref(ctx->own_jobs[i]);
	free(ctx->own_jobs);
	args_unref(ctx->args);
	free(ctx->arg0);
	free(ctx->cwd);
	free(ctx);
}

void
context_add_fd(struct context *ctx, int fd, int src, bool owned)
{
	ctx->fds = xreallocarray(ctx->fds, ctx->n_fds + 1, sizeof *ctx->fds);
	ctx->fds[ctx->n_fds].fd = fd;
	ctx->fds[ctx->n_fds].src = src;
	ctx->fds[ctx->n_fds].owned = owned && src != -1;
	ctx->n_fds++;
}

void
context_set_last_bg(struct context *ctx, struct job *job)
{
	job_ref(job);
	job_unref(ctx->last_bg);
	ctx->last_bg = job;
}

void
context_add_own_job(struct context *ctx, struct job *job)
{
	ctx->own_jobs = xreallocarray(ctx->own_jobs, ctx->n_own_jobs + 1,
	    sizeof *ctx->own_jobs);
	ctx->own_jobs[ctx->n_own_jobs++] = job_ref(job);
}

static int
enter_cwd(struct context *ctx, bool report)
{
	struct shell	*sh = ctx->shell;

	if (sh->process_cwd != NULL && strcmp(sh->process_cwd, ctx->cwd) == 0)
		return 0;
	/* A child being spawned takes the directory it is spawned in. */
	proc_settle(sh);
	if (chdir(ctx->cwd) == -1) {
		if (report)
			sh_error("%s: %s", ctx->cwd, strerror(errno));
		return -1;
	}
	free(sh->process_cwd);
	sh->process_cwd = xstrdup(ctx->cwd);
	return 0;
}

int
context_enter_cwd(struct context *ctx)
{
	return enter_cwd(ctx, true);
}

void
context_enter_cwd_quietly(struct context *ctx)
{
	enter_cwd(ctx, false);
}

struct args *
args_new(size_t n, char *const *v)
{
	struct args	*a = xcalloc(1, sizeof *a);
	size_t		 i;

	a->refs = 1;
	a->n = n;
	a->v = xcalloc(n + 1, sizeof *a->v);
	for (i = 0; i < n; i++)
		a->v[i] = xstrdup(v[i]);
	return a;
}

void
args_unref(struct args *a)
{
	size_t	i;

	if (a == NULL || --a->refs > 0)
		return;
	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	free(a);
}

static const char *
option_letters(const struct context *ctx, char *buf)
{
	char	*p = buf;

	if (ctx->options & OPT_ERREXIT)
		*p++ = 'e';
	if (ctx->options & OPT_NOGLOB)
		*p++ = 'f';
	if (ctx->options & OPT_INTERACTIVE)
		*p++ = 'i';
	if (ctx->options & OPT_MONITOR)
		*p++ = 'm';
	if (ctx->options & OPT_XTRACE)
		*p++ = 'x';
	*p = '\0';
	return buf;
}

static const char *
special_param(struct context *ctx, const char *name)
{
	char	*end;
	long	 n;

	if (strcmp(name, "?") == 0) {
		snprintf(ctx->shell->num_buf, sizeof ctx->shell->num_buf, "%d", ctx->status);
		return ctx->shell->num_buf;
	}
	if (strcmp(name, "$") == 0) {
		snprintf(ctx->shell->pid_buf, sizeof ctx->shell->pid_buf, "%ld",
		    (long)ctx->shell->pid);
		return ctx->shell->pid_buf;
	}
	if (strcmp(name, "!") == 0) {
		if (ctx->last_bg == NULL)
			return NULL;
		snprintf(ctx->shell->pid_buf, sizeof ctx->shell->pid_buf, "%ld",
		    shell_known_pid(ctx->shell, ctx->last_bg));
		return ctx->shell->pid_buf;
	}
	if (strcmp(name, "#") == 0) {
		snprintf(ctx->shell->num_buf, sizeof ctx->shell->num_buf, "%zu", ctx->args->n);
		return ctx->shell->num_buf;
	}
	if (strcmp(name, "-") == 0)
		return option_letters(ctx, ctx->shell->num_buf);
	if (strcmp(name, "0") == 0)
		return ctx->arg0;
	n = strtol(name, &end, 10);
	if (*end == '\0' && n > 0)
		return (size_t)n <= ctx->args->n ? ctx->args->v[n - 1] : NULL;
	return NULL;
}

const char *
context_get(struct context *ctx, const char *name)
{
	if (vars_valid_name(name, strlen(name)))
		return vars_get(ctx->vars, name);
	return special_param(ctx, name);
}

void
context_set(struct context *ctx, const char *name, const char *value)
{
	vars_set(&ctx->vars, name, value);
}

static const char *
ops_lookup(void *data, const char *name)
{
	return context_get(data, name);
}

static void
ops_assign(void *data, const char *name, const char *value)
{
	context_set(data, name, value);
}

static size_t
ops_positional(void *data, char *const **argv)
{
	struct context	*ctx = data;

	*argv = ctx->args->v;
	return ctx->args->n;
}

void
context_expand_ops(struct context *ctx, struct expand_ops *ops)
{
	ops->lookup = ops_lookup;
	ops->assign = ops_assign;
	ops->positional = ops_positional;
	ops->data = ctx;
	ops->noglob = (ctx->options & OPT_NOGLOB) != 0;
}
