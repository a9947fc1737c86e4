/*
 * proc: child processes, created with posix_spawn and reaped only through
 * their own libev child watcher (libev is the one reaper).
 */
#ifndef JOBSH_PROC_H
#define JOBSH_PROC_H

#include <stdbool.h>
#include <sys/types.h>

struct context;
struct future;
struct job;
struct redir_plan;

struct spawn_request {
	const char		*path;		/* resolved executable */
	char *const		*argv;
	char *const		*envp;
	const struct redir_plan	*plan;
	pid_t			 pgid;		/* join this group; 0: lead
						   a new one (job control) */
	bool			 job_control;
	bool			 take_tty;	/* foreground under job
						   control: get the terminal */
};

/*
 * Starts a process for job.  Returns its done future (0-255 or 128+N), and
 * sets *pgid to its process group; on failure prints the error and returns
 * a done future with 126 or 127.
 */
struct future	*proc_spawn(struct job *, struct context *,
		    const struct spawn_request *, pid_t *pgid);

/* Finds name in $PATH: a malloc'd path, or NULL. */
char		*proc_find_in_path(struct context *, const char *name);

/* The signals children must get back to default, computed at start-up. */
void		 proc_init_signals(void);

#endif
