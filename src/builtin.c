/*
 * builtin: the table of builtins, lookup, usage errors and option parsing.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "context.h"
#include "job.h"
#include "jobspec.h"
#include "report.h"
#include "shell.h"

/* Sorted by name for bsearch. */
static const struct builtin *const table[] = {
	&builtin_dot,
	&builtin_colon,
	&builtin_bg,
	&builtin_cd,
	&builtin_disown,
	&builtin_echo,
	&builtin_exit,
	&builtin_export,
	&builtin_false,
	&builtin_fg,
	&builtin_help,
	&builtin_history,
	&builtin_jobs,
	&builtin_kill,
	&builtin_pwd,
	&builtin_set,
	&builtin_sleep,
	&builtin_source,
	&builtin_true,
	&builtin_unset,
	&builtin_wait,
};

#define TABLE_SIZE	(sizeof table / sizeof table[0])

static int
compare_name(const void *key, const void *entry)
{
	const struct builtin	*b = *(const struct builtin *const *)entry;

	return strcmp(key, b->name);
}

const struct builtin *
builtin_find(const char *name)
{
	const struct builtin *const	*found;

	found = bsearch(name, table, TABLE_SIZE, sizeof table[0],
	    compare_name);
	return found != NULL ? *found : NULL;
}

const struct builtin *
builtin_at(size_t i)
{
	return i < TABLE_SIZE ? table[i] : NULL;
}

static void
vmessage(const struct builtin_call *call, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "jobsh: %s: ", call->self->name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

bool
builtin_has_options(const struct builtin *b)
{
	return strstr(b->usage, "[-") != NULL;
}

bool
builtin_in_subshell(const struct context *ctx, const struct job *job)
{
	return ctx->subshell || (job != NULL && job->background);
}

void
builtin_done_with(const struct builtin_call *call, struct job *job)
{
	if (!builtin_in_subshell(call->ctx, call->job))
		report_done_with(call->sh->jobs, job);
}

void
builtin_error(const struct builtin_call *call, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vmessage(call, fmt, ap);
	va_end(ap);
	fflush(stderr);
}

int
builtin_write_failed(const struct builtin_call *call)
{
	int	err = errno;

	clearerr(stdout);
	return sh_write_failed(call->self->name, err);
}

int
builtin_usage(const struct builtin_call *call, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vmessage(call, fmt, ap);
	va_end(ap);
	fprintf(stderr, "usage: %s\n", call->self->usage);
	fflush(stderr);
	return 2;
}

int
optparse_next(struct optparse *op, const struct builtin_call *call,
    const char *spec)
{
	const char	*arg, *letter;
	char		 c;

	if (op->index == 0)
		op->index = 1;
	op->arg = NULL;
	if (op->pos == 0) {
		if (op->index >= call->argc)
			return -1;
		arg = call->argv[op->index];
		if (arg[0] != '-' || arg[1] == '\0')
			return -1;
		if (strcmp(arg, "--") == 0) {
			op->index++;
			return -1;
		}
		op->pos = 1;
	}
	arg = call->argv[op->index];
	c = arg[op->pos++];
	letter = c != ':' ? strchr(spec, c) : NULL;
	if (arg[op->pos] == '\0') {
		op->index++;
		op->pos = 0;
	}
	if (letter == NULL) {
		builtin_usage(call, "-%c: invalid option", c);
		return '?';
	}
	if (letter[1] != ':')
		return c;
	if (op->pos != 0) {
		op->arg = arg + op->pos;
		op->index++;
		op->pos = 0;
	} else if (op->index < call->argc)
		op->arg = call->argv[op->index++];
	else {
		builtin_usage(call, "-%c: option requires an argument", c);
		return '?';
	}
	return c;
}

struct job *
builtin_job(const struct builtin_call *call, const char *spec,
    bool bare_numbers)
{
	struct job	*job = NULL;

	switch (jobspec_resolve(call->sh->jobs, spec, bare_numbers, &job)) {
	case JOBSPEC_OK:
		return job;
	case JOBSPEC_AMBIGUOUS:
		builtin_error(call, "%s: ambiguous job spec", spec);
		return NULL;
	default:
		builtin_error(call, "%s: no such job", spec);
		return NULL;
	}
}
