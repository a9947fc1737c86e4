/*
 * spawner: posix_spawn on a second thread.
 *
 * posix_spawn keeps its caller waiting until the child has exec'd.  A
 * script that starts background jobs has better things to do meanwhile:
 * read and start the next line, reap.  The spawner thread runs one call
 * at a time; the shell hands it a call when it is free and spawns inline
 * when it is busy, so two children exec at once (bench/RESULTS.md).
 *
 * The thread touches nothing but the call, and the caller owns the call
 * until done_cb.  done_cb runs on the loop's thread: from the loop, or
 * from spawner_submit and spawner_settle.
 */
#ifndef JOBSH_SPAWNER_H
#define JOBSH_SPAWNER_H

#include <spawn.h>
#include <stdbool.h>
#include <sys/types.h>

struct ev_loop;

struct spawn_call {
	const char			*path;
	char *const			*argv;
	char *const			*envp;
	const posix_spawn_file_actions_t *actions;
	const posix_spawnattr_t		*attr;
	pid_t				 pid;	/* out */
	int				 error;	/* out: 0 or an errno value */
};

/*
 * posix_spawn, on whichever thread calls it.  A file without #! that the
 * kernel will not run (ENOEXEC) is run by jobsh itself, as shells do.
 */
void	spawn_call_run(struct spawn_call *);

typedef void spawner_done_cb(struct spawn_call *, void *arg);

struct spawner	*spawner_new(struct ev_loop *, spawner_done_cb *, void *arg);
/* Waits for the call out, if any; then ends the thread. */
void		 spawner_free(struct spawner *);

/*
 * Hands call to the thread and returns at once; false if the thread is
 * busy with another call (or cannot be started): run it inline then.
 * While a call is out, the loop stays alive.
 */
bool		 spawner_submit(struct spawner *, struct spawn_call *);

/* Waits for the call out, if any, and reports it through done_cb. */
void		 spawner_settle(struct spawner *);

/*
 * Ends the thread for good: calls run inline from now on.  A thread counts
 * against the process limit (RLIMIT_NPROC) as a process does.  Returns
 * whether there was a thread to end.
 */
bool		 spawner_retire(struct spawner *);

/* In the child of a fork (which has no spawner thread): nothing more
   goes to the thread.  Settle before forking. */
void		 spawner_forget_thread(struct spawner *);

#endif
