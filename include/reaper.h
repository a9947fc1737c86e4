/*
 * reaper: the shell's one waitpid.  On SIGCHLD it collects the status
 * changes of every child and hands each to the owner registered for its
 * PID, found in a hash map (no per-child watcher, no list to walk).
 *
 * A child can change state before its owner is known: one started on a
 * spawner thread may end before the loop learns its PID.  While such
 * starts are expected, statuses of unknown PIDs are kept for reaper_claim.
 * Each tracked PID keeps the loop alive, as a child watcher would.
 */
#ifndef JOBSH_REAPER_H
#define JOBSH_REAPER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct ev_loop;

/* A wait status (stopped, continued or ended) of the owner's process. */
typedef void reaper_status_cb(void *owner, int wstatus);

struct reaper	*reaper_new(struct ev_loop *, reaper_status_cb *);
void		 reaper_free(struct reaper *);

/*
 * Before the first child is started: from now on SIGCHLD is watched.  The
 * first signal watcher of a loop makes libev's wake-up descriptor.
 */
void		 reaper_prepare(struct reaper *);
bool		 reaper_prepared(const struct reaper *);

/* Statuses of pid go to owner until reaper_untrack. */
void		 reaper_track(struct reaper *, pid_t, void *owner);
void		 reaper_untrack(struct reaper *, pid_t);

/*
 * One more (+1) or one fewer (-1) child whose PID is not known yet.  With
 * none left, statuses of unknown PIDs are dropped again.
 */
void		 reaper_expect(struct reaper *, int delta);

/*
 * Where the kept statuses stand, taken before a child is started: a
 * status kept before it cannot be that child's.  posix_spawn reaps the
 * child of a failed exec itself, unless the loop's waitpid was first:
 * that status is kept, and nobody claims it; its PID may come back.
 */
uintptr_t	 reaper_mark(const struct reaper *);

/* Whether a status of pid arrived, since the mark, before its owner was
   known: the last one, in *wstatus.  An older one is dropped. */
bool		 reaper_kept(struct reaper *, pid_t, uintptr_t since,
		    int *wstatus);

/*
 * Tracks pid for owner, and returns true with *wstatus if a status of pid
 * arrived since the mark, before now (the last one).  The caller delivers
 * it when it may.
 */
bool		 reaper_claim(struct reaper *, pid_t, void *owner,
		    uintptr_t since, int *wstatus);

/* In the child of a fork: the parent's children are not ours. */
void		 reaper_forget_all(struct reaper *);

#endif
