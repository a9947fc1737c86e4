/*
 * echo, true, false, :, source (.), help.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "context.h"
#include "exec.h"
#include "future.h"
#include "runner.h"
#include "shell.h"
#include "source.h"
#include "strbuf.h"
#include "xmalloc.h"

/* echo -e escapes; returns false at \c (stop all output). */
static bool
echo_escaped(const char *s, struct strbuf *out)
{
	static const char	 from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";
	const char		*p;
	int			 i, v;

	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			strbuf_addch(out, *s);
			continue;
		}
		s++;
		if (*s == 'c')
			return false;
		if ((p = strchr(from, *s)) != NULL) {
			strbuf_addch(out, to[p - from]);
			continue;
		}
		if (*s == '0') {
			for (i = 0, v = 0; i < 3 && s[1] >= '0' && s[1] <= '7';
			    i++)
				v = v * 8 + (*++s - '0');
			strbuf_addch(out, (char)v);
			continue;
		}
		strbuf_addch(out, '\\');
		strbuf_addch(out, *s);
	}
	return true;
}

/* Leading words made only of n, e, E after '-' are options, as in bash. */
static int
echo_options(struct builtin_call *call, bool *newline, bool *escapes)
{
	const char	*p;
	int		 i;

	for (i = 1; i < call->argc; i++) {
		p = call->argv[i];
		if (p[0] != '-' || p[1] == '\0' ||
		    p[strspn(p + 1, "neE") + 1] != '\0')
			break;
		for (p++; *p != '\0'; p++) {
			if (*p == 'n')
				*newline = false;
			else
				*escapes = *p == 'e';
		}
	}
	return i;
}

static int
echo_run(struct builtin_call *call)
{
	struct strbuf	 out = STRBUF_INIT;
	bool		 newline = true, escapes = false, go_on = true;
	int		 i;

	for (i = echo_options(call, &newline, &escapes); i < call->argc &&
	    go_on; i++) {
		if (escapes)
			go_on = echo_escaped(call->argv[i], &out);
		else
			strbuf_addstr(&out, call->argv[i]);
		if (go_on && i + 1 < call->argc)
			strbuf_addch(&out, ' ');
	}
	if (newline && go_on)
		strbuf_addch(&out, '\n');
	/* A write error is told when the output is flushed (exec.c). */
	fwrite(strbuf_str(&out), 1, out.len, stdout);
	strbuf_free(&out);
	return 0;
}

const struct builtin builtin_echo = {
	"echo", "echo [-neE] [arg...]",
	"Print the arguments (-n: no newline, -e: backslash escapes).",
	echo_run, NULL, false, false,
};

static int
true_run(struct builtin_call *call)
{
	(void)call;
	return 0;
}

static int
false_run(struct builtin_call *call)
{
	(void)call;
	return 1;
}

const struct builtin builtin_true = {
	"true", "true", "Succeed.", true_run, NULL, false, true,
};

const struct builtin builtin_colon = {
	":", ": [arg...]", "Succeed, ignoring the arguments.", true_run, NULL,
	false, true,
};

const struct builtin builtin_false = {
	"false", "false", "Fail (status 1).", false_run, NULL, false, true,
};

/* Files sourcing files run on the C stack until something waits: a file
   that sources itself must end in an error, not a stack overflow. */
#define SOURCE_DEPTH_MAX	100

struct source_task {
	struct shell	*sh;
	struct context	*ctx;
	struct args	*saved_args;
	struct future	*result;
};

static void
source_done_cb(struct future *f, void *arg)
{
	struct source_task	*t = arg;

	t->sh->source_depth--;
	if (t->saved_args != NULL) {
		args_unref(t->ctx->args);
		t->ctx->args = t->saved_args;
	}
	future_resolve(t->result, future_status(f));
	future_unref(t->result);
	free(t);
}

/* As bash: a name without '/' is looked up in $PATH (readable files),
   then in the current directory. */
static char *
find_sourced(struct builtin_call *call, const char *name)
{
	const char	*path = context_get(call->ctx, "PATH"), *p, *colon;
	struct strbuf	 sb = STRBUF_INIT;

	if (strchr(name, '/') != NULL || path == NULL)
		return xstrdup(name);
	for (p = path;; p = colon + 1) {
		colon = strchr(p, ':');
		strbuf_truncate(&sb, 0);
		strbuf_add(&sb, p, colon ? (size_t)(colon - p) : strlen(p));
		if (sb.len == 0)
			strbuf_addch(&sb, '.');
		strbuf_addf(&sb, "/%s", name);
		if (access(sb.data, R_OK) == 0)
			return strbuf_detach(&sb);
		if (colon == NULL)
			break;
	}
	strbuf_free(&sb);
	return xstrdup(name);
}

static struct future *
source_start(struct builtin_call *call)
{
	struct source_task	*t;
	struct source		*src;
	struct future		*body;
	char			*path;

	if (call->argc < 2)
		return exec_done(call->ctx, builtin_usage(call,
		    "filename argument required"));
	if (call->sh->source_depth >= SOURCE_DEPTH_MAX) {
		builtin_error(call, "%s: sourced files nested too deeply",
		    call->argv[1]);
		return exec_done(call->ctx, 1);
	}
	if (context_enter_cwd(call->ctx) == -1)
		return exec_done(call->ctx, 1);
	path = find_sourced(call, call->argv[1]);
	if (path == NULL || (src = source_new_file(path)) == NULL) {
		builtin_error(call, "%s: %s", call->argv[1],
		    strerror(path == NULL ? ENOENT : errno));
		free(path);
		return exec_done(call->ctx, 1);
	}
	free(path);
	t = xcalloc(1, sizeof *t);
	t->sh = call->sh;
	t->sh->source_depth++;
	t->ctx = call->ctx;
	t->result = future_new(call->sh->sched);
	if (call->argc > 2) {
		t->saved_args = call->ctx->args;
		call->ctx->args = args_new((size_t)(call->argc - 2),
		    call->argv + 2);
	}
	body = runner_start(call->job, call->ctx, src);
	future_await(body, source_done_cb, t);
	future_unref(body);
	return future_ref(t->result);
}

const struct builtin builtin_source = {
	"source", "source FILE [arg...]",
	"Run the commands of FILE in this shell.",
	NULL, source_start, true, false,
};

const struct builtin builtin_dot = {
	".", ". FILE [arg...]",
	"Run the commands of FILE in this shell (same as source).",
	NULL, source_start, true, false,
};

static int
help_run(struct builtin_call *call)
{
	const struct builtin	*b;
	size_t			 i;
	int			 status = 0, k;

	if (call->argc == 1) {
		printf("jobsh builtins (help NAME for one):\n");
		for (i = 0; (b = builtin_at(i)) != NULL; i++)
			printf("  %s\n", b->usage);
		return 0;
	}
	for (k = 1; k < call->argc; k++) {
		if ((b = builtin_find(call->argv[k])) == NULL) {
			builtin_error(call, "no help topics match `%s'",
			    call->argv[k]);
			status = 1;
			continue;
		}
		printf("%s\n    %s\n", b->usage, b->summary);
	}
	return status;
}

const struct builtin builtin_help = {
	"help", "help [builtin...]",
	"List the builtins with their usage, or describe the named ones.",
	help_run, NULL, false, false,
};
