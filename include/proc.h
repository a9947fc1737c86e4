/*
 * proc: child processes, created with posix_spawn and reaped through the
 * shell's reaper.  A background job's child in a script is spawned on a
 * spawner thread: its struct proc exists at once, its PID comes later
 * (proc_settle makes it known).
 */
#ifndef JOBSH_PROC_H
#define JOBSH_PROC_H

#include <stdbool.h>
#include <sys/types.h>

struct context;
struct future;
struct job;
struct redir_plan;
struct shell;
struct vars;

struct spawn_request {
	const char		*path;		/* resolved executable */
	char *const		*argv;
	char *const		*envp;
	struct vars		*env;		/* envp's variables */
	struct redir_plan	*plan;
	pid_t			 pgid;		/* join this group; 0: lead
						   a new one (job control) */
	bool			 job_control;
	bool			 take_tty;	/* foreground under job
						   control: get the terminal */
	bool			 off_thread;	/* may go to the spawner:
						   nobody needs the PID at
						   once; the plan is taken */
};

/*
 * Starts a process for job.  Returns its done future (0-255 or 128+N), and
 * sets *pgid to its process group; on failure prints the error and returns
 * a done future with 126 or 127.
 */
struct future	*proc_spawn(struct job *, struct context *,
		    struct spawn_request *, pid_t *pgid);

/*
 * Makes the PIDs of children started on a spawner thread known: before
 * anything that reads a PID or changes what a child inherits from the
 * shell (descriptors, directory).  Whether any spawn was under way.
 */
bool		 proc_settle(struct shell *);

/*
 * After a failure with errno EMFILE or ENFILE: whether spawns under way
 * held descriptors that are now closed, so that trying again may work.
 */
bool		 proc_freed_descriptors(struct shell *);

/* Per shell: the reaper and the spawner, and dropping them after fork. */
void		 proc_shell_init(struct shell *);
void		 proc_shell_free(struct shell *);
void		 proc_shell_forked(struct shell *);

/* Finds name in the directories of path (a $PATH; NULL: a default): a
   malloc'd path, or NULL. */
char		*proc_find_in_path(const char *path, const char *name);

#endif
