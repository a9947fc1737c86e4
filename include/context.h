/*
 * context: the state a command runs in — variables, working directory,
 * positional parameters, options, $? and $!, and inherited redirections.
 *
 * The shell has one main context; `( list )`, background jobs and pipeline
 * members get a copy (context_fork), cheap because variables are shared
 * copy-on-write.  All contexts live in one process, so the process's real
 * working directory is switched to a context's when it runs a command.
 */
#ifndef JOBSH_CONTEXT_H
#define JOBSH_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "expand.h"

struct shell;

enum {
	OPT_ERREXIT	= 1 << 0,	/* -e */
	OPT_XTRACE	= 1 << 1,	/* -x */
	OPT_NOGLOB	= 1 << 2,	/* -f */
	OPT_MONITOR	= 1 << 3,	/* -m: job control */
	OPT_NOTIFY	= 1 << 4,	/* -b: immediate job reports */
	OPT_INTERACTIVE	= 1 << 5,	/* -i */
};

/* Positional parameters, shared between contexts until changed. */
struct args {
	unsigned	  refs;
	size_t		  n;
	char		**v;
};

/* A descriptor every command of the context sees as fd. */
struct ctx_fd {
	int	 fd;
	int	 src;		/* -1: closed */
	bool	 owned;		/* src is closed with the context */
};

struct context {
	struct shell	*shell;
	struct vars	*vars;
	char		*cwd;		/* logical $PWD */
	char		*arg0;		/* $0 */
	struct args	*args;
	int		 status;	/* $? */
	struct job	*last_bg;	/* $!'s job, NULL when unset */
	struct job	**own_jobs;	/* started in the background by this
					   subshell, outside the job table */
	size_t		 n_own_jobs;
	unsigned	 options;
	struct ctx_fd	*fds;		/* owned descriptors, in order */
	size_t		 n_fds;
	bool		 subshell;	/* exit leaves only this context */
	/* -e does not apply in here: a subshell started where POSIX ignores
	   it (left of && or ||, after !), as bash */
	bool		 errexit_ignored;
	/* Set while such a pipeline starts, for the subshells it forks. */
	bool		 starting_exempt;
	bool		 exiting;	/* `exit` ran: run nothing more */
	int		 exit_status;
};

struct context	*context_new(struct shell *, char *const *envp);
struct context	*context_fork(const struct context *);
void		 context_free(struct context *);

/* Adds fd -> src (-1 closes fd); owned: src is closed with the context. */
void		 context_add_fd(struct context *, int fd, int src, bool owned);

/* The job $! names from now on. */
void		 context_set_last_bg(struct context *, struct job *);
/* A job this subshell started, for its wait to find (it holds a ref). */
void		 context_add_own_job(struct context *, struct job *);

/* Switches the process's directory to the context's, if needed. */
int		 context_enter_cwd(struct context *);
/*
 * The same, saying nothing if it cannot: before a command's globs and
 * redirections, whose relative paths are the context's even when an
 * in-process job left the process elsewhere.  A process that must start
 * there reports the failure (context_enter_cwd).
 */
void		 context_enter_cwd_quietly(struct context *);

struct args	*args_new(size_t n, char *const *v);
void		 args_unref(struct args *);

/* The expand_ops that read this context. */
void		 context_expand_ops(struct context *, struct expand_ops *);

const char	*context_get(struct context *, const char *name);
void		 context_set(struct context *, const char *name,
		    const char *value);

#endif
