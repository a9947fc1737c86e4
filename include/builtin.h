/*
 * builtin: commands the shell runs itself.  Each is a const table entry
 * (name, usage, summary, function); the usage lines are what `help` prints
 * and what the man page documents.  Builtins parse their arguments and
 * leave the work to the job, context and future modules.
 */
#ifndef JOBSH_BUILTIN_H
#define JOBSH_BUILTIN_H

#include <stdbool.h>
#include <stddef.h>

struct context;
struct future;
struct job;
struct shell;

struct builtin_call {
	struct shell	*sh;
	struct context	*ctx;
	struct job	*job;		/* the job it runs in */
	const struct builtin *self;
	int		 argc;
	char		**argv;
};

struct builtin {
	const char	*name;
	const char	*usage;		/* "wait [-n] [-t SECS] ..." */
	const char	*summary;
	/* Exactly one is set: run finishes at once with a status, start
	   returns a future (sleep, wait, fg). */
	int		 (*run)(struct builtin_call *);
	struct future	*(*start)(struct builtin_call *);
	/* It may change variables, cwd, options or the job table's view
	   of the context: in the background it needs its own context. */
	bool		 changes_context;
	/* It neither reads stdin nor writes stdout (sleep, wait, true):
	   redirections of 0 and 1 are opened but not applied to it. */
	bool		 quiet;
};

const struct builtin	*builtin_find(const char *name);
/* Whether its usage line shows options ("[-"): those parse "--"
   themselves; for the others the caller drops a leading "--". */
bool	builtin_has_options(const struct builtin *);
/* The i-th builtin in name order, NULL past the end. */
const struct builtin	*builtin_at(size_t i);

/* "jobsh: NAME: message" and the usage line on stderr; returns 2. */
int	builtin_usage(const struct builtin_call *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Resolves a job spec, saying "SPEC: no such job" or "SPEC: ambiguous job
   spec" when it cannot: then NULL. */
struct job	*builtin_job(const struct builtin_call *, const char *spec,
		    bool bare_numbers);

/* As `wait %n` for one job in the call's job (fg in a background job):
   settles with the job's status; ^C and kill to the call's job end it. */
struct future	*builtin_await_job(const struct builtin_call *, struct job *);

/* The job's end has been reported (report_done_with), unless the call
   runs in a subshell or background job: as in bash, what they see of the
   table leaves the shell's own listing as it was. */
void	builtin_done_with(const struct builtin_call *, struct job *);
/* Whether a builtin in ctx, in job (or NULL), runs as in a subshell: a
   ( list ) or a background job. */
bool	builtin_in_subshell(const struct context *, const struct job *);

/* "jobsh: NAME: message" on stderr. */
void	builtin_error(const struct builtin_call *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* After writing to stdout failed (errno): the status, as
   sh_write_failed gives it.  Clears stdout's error. */
int	builtin_write_failed(const struct builtin_call *);

/*
 * A small reentrant option parser.  Returns the option letter, '?' after
 * printing a usage error, or -1 at the first operand or after "--".
 * Letters followed by ':' in spec take an argument (in arg).
 */
struct optparse {
	int		 index;		/* next argv element */
	int		 pos;		/* position inside a cluster */
	const char	*arg;
};

int	optparse_next(struct optparse *, const struct builtin_call *,
	    const char *spec);

/* Entries defined in the builtin_*.c files. */
extern const struct builtin builtin_sleep, builtin_wait, builtin_fg,
    builtin_bg, builtin_jobs, builtin_kill, builtin_disown, builtin_cd,
    builtin_pwd, builtin_exit, builtin_export, builtin_unset, builtin_set,
    builtin_echo, builtin_true, builtin_false, builtin_source, builtin_dot,
    builtin_help, builtin_history, builtin_colon;

#endif
