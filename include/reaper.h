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

/* Whether a status of pid arrived before its owner was known: the last
   one, in *wstatus. */
bool		 reaper_kept(const struct reaper *, pid_t, int *wstatus);

/*
 * Tracks pid for owner, and returns true with *wstatus if a status of pid
 * arrived before (the last one).  The caller delivers it when it may.
 */
bool		 reaper_claim(struct reaper *, pid_t, void *owner,
		    int *wstatus);

/* In the child of a fork: the parent's children are not ours. */
void		 reaper_forget_all(struct reaper *);

#endif
