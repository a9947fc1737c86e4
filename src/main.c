/*
 * main: options, then a runner over the chosen source on the loop.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ev.h>

#include "charset.h"
#include "context.h"
#include "editor.h"
#include "future.h"
#include "plainsource.h"
#include "runner.h"
#include "shell.h"
#include "signals.h"
#include "source.h"
#include "tty.h"
#include "xmalloc.h"

#define JOBSH_VERSION	"0.1.0"

extern char **environ;

struct invocation {
	unsigned	 options;
	bool		 interactive_forced;
	bool		 norc;
	bool		 command_flag;	/* -c: the first operand is it */
	const char	*command;
	int		 first_operand;
};

static struct shell	shell;

static void
usage(FILE *out)
{
	fputs("usage: jobsh [-iex] [--norc] [-c STRING [NAME [ARG...]] | "
	    "FILE [ARG...]]\n"
	    "       jobsh --help | --version\n", out);
}

/* Returns the index of the first operand, or exits. */
static int
parse_options(int argc, char **argv, struct invocation *inv)
{
	const char	*p;
	int		 i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0';
	    i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			exit(0);
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("jobsh %s\n", JOBSH_VERSION);
			exit(0);
		}
		if (strcmp(argv[i], "--norc") == 0) {
			inv->norc = true;
			continue;
		}
		if (argv[i][1] == '-') {
			fprintf(stderr, "jobsh: %s: invalid option\n", argv[i]);
			usage(stderr);
			exit(2);
		}
		for (p = argv[i] + 1; *p != '\0'; p++) {
			switch (*p) {
			case 'i':
				inv->interactive_forced = true;
				break;
			case 'e':
				inv->options |= OPT_ERREXIT;
				break;
			case 'x':
				inv->options |= OPT_XTRACE;
				break;
			case 'c':
				inv->command_flag = true;
				break;
			default:
				fprintf(stderr, "jobsh: -%c: invalid option\n",
				    *p);
				usage(stderr);
				exit(2);
			}
		}
	}
	/* POSIX: a first operand "-" is ignored (jobsh - reads stdin). */
	if (i < argc && strcmp(argv[i], "-") == 0)
		i++;
	return i;
}

static void
set_arguments(struct context *ctx, const char *arg0, int argc, char **argv)
{
	free(ctx->arg0);
	ctx->arg0 = xstrdup(arg0);
	args_unref(ctx->args);
	ctx->args = args_new((size_t)argc, argv);
}

static struct source *
choose_source(struct invocation *inv, int argc, char **argv)
{
	struct source	*src;
	int		 i = inv->first_operand;

	if (inv->command != NULL) {
		if (i < argc)
			set_arguments(shell.main, argv[i], argc - i - 1,
			    argv + i + 1);
		return source_new_string(inv->command, strlen(inv->command));
	}
	if (i < argc) {
		if ((src = source_new_file(argv[i])) == NULL) {
			fprintf(stderr, "jobsh: %s: %s\n", argv[i],
			    strerror(errno));
			exit(errno == ENOENT ? 127 : 126);
		}
		set_arguments(shell.main, argv[i], argc - i - 1, argv + i + 1);
		return src;
	}
	shell.stdin_source = source_new_fd(shell.loop, STDIN_FILENO);
	return shell.stdin_source;
}

static void
finished_cb(struct future *f, void *arg)
{
	struct shell	*sh = arg;

	sh->exiting = true;
	if (sh->interactive)
		shell_leave(sh, future_status(f));
	shell_finish_script(sh, future_status(f));
}

static void
start_main_runner(struct invocation *inv, int argc, char **argv)
{
	struct future	*done;
	struct source	*src;

	if (shell.editor != NULL && inv->command == NULL &&
	    inv->first_operand >= argc)
		src = editor_source(shell.editor);
	else {
		src = choose_source(inv, argc, argv);
		/* Interactive without libedit, or -i without a terminal. */
		if (shell.interactive && src == shell.stdin_source)
			src = shell.plain = plain_source_new(&shell, src,
			    STDIN_FILENO);
	}
	done = runner_start(NULL, shell.main, src);
	future_await(done, finished_cb, &shell);
	future_unref(done);
}

struct startup {
	struct invocation	*inv;
	int			 argc;
	char			**argv;
};

static void
rc_done_cb(struct future *f, void *arg)
{
	struct startup	*st = arg;

	(void)f;
	if (shell.main->exiting)
		shell_leave(&shell, shell.main->exit_status);
	start_main_runner(st->inv, st->argc, st->argv);
}

/* $JOBSHRC or ~/.jobshrc, when it can be read. */
static struct source *
rc_source(void)
{
	const char	*rc = context_get(shell.main, "JOBSHRC");
	const char	*home = context_get(shell.main, "HOME");
	struct source	*src;
	char		*path;

	if (rc != NULL)
		path = xstrdup(rc);
	else if (home != NULL)
		path = xasprintf("%s/.jobshrc", home);
	else
		return NULL;
	src = source_new_file(path);
	free(path);
	return src;
}

/* Job control, the editor and the signals of an interactive shell. */
static void
start_interactive(void)
{
	struct fd_hold	held;

	shell.interactive = true;
	shell.main->options |= OPT_INTERACTIVE | OPT_NOTIFY;
	if (!tty_take(&shell, STDIN_FILENO) || !isatty(STDERR_FILENO))
		return;
	shell.main->options |= OPT_MONITOR;
	shell_hold_user_fds(&held);
	signals_interactive(&shell);
	shell_release_user_fds(&held);
	shell.editor = editor_new(&shell, STDIN_FILENO);
}

int
main(int argc, char **argv)
{
	struct invocation	 inv;
	struct startup		 st;
	struct source		*rc = NULL;
	struct future		*done;
	int			 status;
	bool			 interactive;
	int			 held[3];

	memset(&inv, 0, sizeof inv);
	inv.first_operand = parse_options(argc, argv, &inv);
	if (inv.command_flag) {
		if (inv.first_operand >= argc) {
			fputs("jobsh: -c: option requires an argument\n", stderr);
			usage(stderr);
			return 2;
		}
		inv.command = argv[inv.first_operand++];
	}
	interactive = inv.interactive_forced || (inv.command == NULL &&
	    inv.first_operand >= argc && isatty(STDIN_FILENO) &&
	    isatty(STDERR_FILENO));
	charset_init(interactive);
	shell_hold_standard_fds(held);
	shell_init(&shell, environ);
	shell_release_standard_fds(held);
	shell.main->options |= inv.options;
	if (interactive) {
		start_interactive();
		if (!inv.norc)
			rc = rc_source();
	}
	if (rc != NULL) {
		st.inv = &inv;
		st.argc = argc;
		st.argv = argv;
		done = runner_start(NULL, shell.main, rc);
		future_await(done, rc_done_cb, &st);
		future_unref(done);
	} else
		start_main_runner(&inv, argc, argv);
	ev_run(shell.loop, 0);
	status = shell.exit_status;
	if (!shell.exiting) {
		/* Nothing left that could ever fire, yet the script is not
		   done: it waits for jobs that wait for it (through fg). */
		fflush(stdout);
		sh_error("deadlock: the jobs waited for wait for this one");
		status = 1;
	}
	shell_destroy(&shell);
	ev_loop_destroy(shell.loop);
	return status;
}
