/*
 * cd, pwd, exit, export, unset, set: builtins that change the context.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "context.h"
#include "shell.h"
#include "strbuf.h"
#include "vars.h"
#include "xmalloc.h"

/* Joins dir to cwd and folds "." and ".." by name, as cd -L does. */
static char *
logical_path(const char *cwd, const char *dir)
{
	struct strbuf	 out = STRBUF_INIT;
	char		*copy, *part, *save = NULL, *slash;

	copy = dir[0] == '/' ? xstrdup(dir) : xasprintf("%s/%s", cwd, dir);
	for (part = strtok_r(copy, "/", &save); part != NULL;
	    part = strtok_r(NULL, "/", &save)) {
		if (strcmp(part, ".") == 0)
			continue;
		if (strcmp(part, "..") == 0) {
			slash = out.len > 0 ? strrchr(out.data, '/') : NULL;
			if (slash != NULL)
				strbuf_truncate(&out, (size_t)(slash - out.data));
			continue;
		}
		strbuf_addch(&out, '/');
		strbuf_addstr(&out, part);
	}
	free(copy);
	if (out.len == 0)
		strbuf_addch(&out, '/');
	return strbuf_detach(&out);
}

static int
cd_run(struct builtin_call *call)
{
	struct context	*ctx = call->ctx;
	const char	*dir;
	char		*target;
	bool		 print = false;

	if (call->argc > 2)
		return builtin_usage(call, "too many arguments");
	dir = call->argc > 1 ? call->argv[1] : context_get(ctx, "HOME");
	if (dir == NULL) {
		builtin_error(call, "HOME not set");
		return 1;
	}
	if (strcmp(dir, "-") == 0) {
		if ((dir = context_get(ctx, "OLDPWD")) == NULL) {
			builtin_error(call, "OLDPWD not set");
			return 1;
		}
		print = true;
	}
	if (*dir == '\0')
		return 0;
	target = logical_path(ctx->cwd, dir);
	if (chdir(target) == -1) {
		builtin_error(call, "%s: %s", dir, strerror(errno));
		free(target);
		return 1;
	}
	free(call->sh->process_cwd);
	call->sh->process_cwd = xstrdup(target);
	context_set(ctx, "OLDPWD", ctx->cwd);
	free(ctx->cwd);
	ctx->cwd = target;
	context_set(ctx, "PWD", target);
	if (print)
		printf("%s\n", target);
	return 0;
}

const struct builtin builtin_cd = {
	"cd", "cd [dir | -]",
	"Change the working directory (HOME by default; - is OLDPWD).",
	cd_run, NULL, true, false,
};

static int
pwd_run(struct builtin_call *call)
{
	struct optparse	 op = { 0, 0, NULL };
	char		*real;
	int		 c;
	bool		 physical = false;

	while ((c = optparse_next(&op, call, "LP")) != -1) {
		if (c == '?')
			return 2;
		physical = c == 'P';
	}
	if (!physical) {
		printf("%s\n", call->ctx->cwd);
		return 0;
	}
	if (context_enter_cwd(call->ctx) == -1 ||
	    (real = getcwd(NULL, 0)) == NULL) {
		builtin_error(call, "%s", strerror(errno));
		return 1;
	}
	printf("%s\n", real);
	free(real);
	return 0;
}

const struct builtin builtin_pwd = {
	"pwd", "pwd [-L | -P]",
	"Print the working directory (-P: with symbolic links resolved).",
	pwd_run, NULL, false, false,
};

static int
exit_run(struct builtin_call *call)
{
	struct context	*ctx = call->ctx;
	char		*end;
	long		 n;

	if (call->argc > 2) {
		builtin_error(call, "too many arguments");
		return 1;
	}
	ctx->exit_status = ctx->status;
	if (call->argc == 2) {
		errno = 0;
		n = strtol(call->argv[1], &end, 10);
		if (*call->argv[1] == '\0' || *end != '\0' || errno != 0) {
			builtin_error(call, "%s: numeric argument required",
			    call->argv[1]);
			n = 2;
		}
		ctx->exit_status = (int)(n & 0xff);
	}
	if (shell_may_exit(call->sh, ctx)) {
		ctx->exiting = true;
		return ctx->exit_status;
	}
	return 1;
}

const struct builtin builtin_exit = {
	"exit", "exit [n]",
	"Leave the shell (or the subshell) with status n, or the last status.",
	exit_run, NULL, true, true,
};

static void
print_quoted(const char *s)
{
	putchar('\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

static void
print_export(const char *name, const char *value, bool exported, void *arg)
{
	(void)arg;
	if (!exported)
		return;
	printf("export %s", name);
	if (value != NULL) {
		putchar('=');
		print_quoted(value);
	}
	putchar('\n');
}

/*
 * Skips a "--" at argv[i]; any other word starting with '-' is an option
 * the builtin lacks: a usage error (-1).
 */
static int
end_of_options(struct builtin_call *call, int i)
{
	if (i < call->argc && strcmp(call->argv[i], "--") == 0)
		return i + 1;
	if (i < call->argc && call->argv[i][0] == '-' &&
	    call->argv[i][1] != '\0') {
		builtin_usage(call, "%s: invalid option", call->argv[i]);
		return -1;
	}
	return i;
}

static int
export_run(struct builtin_call *call)
{
	struct context	*ctx = call->ctx;
	const char	*arg, *eq;
	char		*name;
	int		 i = 1, status = 0;

	if (call->argc > 1 && strcmp(call->argv[1], "-p") == 0)
		i = 2;
	if ((i = end_of_options(call, i)) < 0)
		return 2;
	if (i >= call->argc) {
		vars_foreach_sorted(ctx->vars, print_export, NULL);
		return 0;
	}
	for (; i < call->argc; i++) {
		arg = call->argv[i];
		eq = strchr(arg, '=');
		name = xstrndup(arg, eq ? (size_t)(eq - arg) : strlen(arg));
		if (!vars_valid_name(name, strlen(name))) {
			builtin_error(call, "`%s': not a valid identifier", arg);
			status = 1;
		} else {
			if (eq != NULL)
				vars_set(&ctx->vars, name, eq + 1);
			vars_export(&ctx->vars, name);
		}
		free(name);
	}
	return status;
}

const struct builtin builtin_export = {
	"export", "export [-p] [NAME[=value]...]",
	"Pass variables to commands' environments; alone, list them.",
	export_run, NULL, true, false,
};

static int
unset_run(struct builtin_call *call)
{
	int	i = 1, status = 0;

	if (call->argc > 1 && strcmp(call->argv[1], "-v") == 0)
		i = 2;
	if ((i = end_of_options(call, i)) < 0)
		return 2;
	for (; i < call->argc; i++) {
		if (!vars_valid_name(call->argv[i], strlen(call->argv[i]))) {
			builtin_error(call, "`%s': not a valid identifier",
			    call->argv[i]);
			status = 1;
			continue;
		}
		vars_unset(&call->ctx->vars, call->argv[i]);
	}
	return status;
}

const struct builtin builtin_unset = {
	"unset", "unset [-v] NAME...",
	"Remove variables.",
	unset_run, NULL, true, true,
};

struct option_name {
	const char	*name;
	char		 letter;
	unsigned	 flag;
};

static const struct option_name option_names[] = {
	{ "errexit", 'e', OPT_ERREXIT },
	{ "monitor", 'm', OPT_MONITOR },
	{ "noglob", 'f', OPT_NOGLOB },
	{ "notify", 'b', OPT_NOTIFY },
	{ "xtrace", 'x', OPT_XTRACE },
};

#define N_OPTION_NAMES	(sizeof option_names / sizeof option_names[0])

static const struct option_name *
option_by_letter(char c)
{
	size_t	i;

	for (i = 0; i < N_OPTION_NAMES; i++)
		if (option_names[i].letter == c)
			return &option_names[i];
	return NULL;
}

static const struct option_name *
option_by_name(const char *name)
{
	size_t	i;

	for (i = 0; i < N_OPTION_NAMES; i++)
		if (strcmp(option_names[i].name, name) == 0)
			return &option_names[i];
	return NULL;
}

static void
print_variable(const char *name, const char *value, bool exported, void *arg)
{
	(void)exported;
	(void)arg;
	if (value == NULL)
		return;
	printf("%s=", name);
	print_quoted(value);
	putchar('\n');
}

static void
print_options(const struct context *ctx)
{
	size_t	i;

	for (i = 0; i < N_OPTION_NAMES; i++)
		printf("%-15s %s\n", option_names[i].name,
		    ctx->options & option_names[i].flag ? "on" : "off");
}

static int
apply_option(struct builtin_call *call, const struct option_name *o,
    bool on, const char *what)
{
	if (o == NULL)
		return builtin_usage(call, "%s: invalid option", what);
	if (on)
		call->ctx->options |= o->flag;
	else
		call->ctx->options &= ~o->flag;
	return 0;
}

static int
set_positional(struct builtin_call *call, int first)
{
	args_unref(call->ctx->args);
	call->ctx->args = args_new((size_t)(call->argc - first),
	    call->argv + first);
	return 0;
}

static int
set_run(struct builtin_call *call)
{
	const char	*arg, *name;
	char		 letter[3] = "-";
	bool		 on;
	int		 i, status;

	if (call->argc == 1) {
		vars_foreach_sorted(call->ctx->vars, print_variable, NULL);
		return 0;
	}
	for (i = 1; i < call->argc; i++) {
		arg = call->argv[i];
		if (strcmp(arg, "--") == 0)
			return set_positional(call, i + 1);
		if ((arg[0] != '-' && arg[0] != '+') || arg[1] == '\0')
			return set_positional(call, i);
		on = arg[0] == '-';
		/* Letters, and o NAME among them (set -eo noglob). */
		for (arg++; *arg != '\0'; arg++) {
			if (*arg == 'o' && i + 1 >= call->argc) {
				print_options(call->ctx);
				return 0;
			}
			if (*arg == 'o') {
				name = call->argv[++i];
				status = apply_option(call,
				    option_by_name(name), on, name);
			} else {
				letter[1] = *arg;
				status = apply_option(call,
				    option_by_letter(*arg), on, letter);
			}
			if (status != 0)
				return status;
		}
	}
	return 0;
}

const struct builtin builtin_set = {
	"set", "set [-efmbx] [+efmbx] [-o option] [+o option] [-- arg...]",
	"Set options (-e errexit, -f noglob, -m monitor, -b notify, -x xtrace; "
	"+ turns off; -o alone lists them) or the positional parameters.",
	set_run, NULL, true, false,
};
