/*
 * job: one command line the user started — a pipeline, an and-or list or a
 * ( list ) — seen as a future whose result is its exit status.
 *
 * A job's running parts are its leaves: child processes and builtin timers.
 * Its state is derived from them: stopped when every live leaf is stopped,
 * running otherwise, done when its result future settles.  Signals sent to
 * a job go to every live leaf (whole process groups under job control).
 */
#ifndef JOBSH_JOB_H
#define JOBSH_JOB_H

#include <stdbool.h>
#include <sys/types.h>

#include <ev.h>

struct context;
struct future;
struct shell;
struct job;

enum job_state {
	JOB_RUNNING,
	JOB_STOPPED,
	JOB_DONE,
};

enum leaf_state {
	LEAF_RUNNING,
	LEAF_STOPPED,
	LEAF_DONE,
};

struct job_leaf;

struct leaf_ops {
	/* Delivers sig; returns 0 or -1 with errno. */
	int	(*signal)(struct job_leaf *, int sig);
	/* A task of the shell itself (timer, wait), not a process: the
	   terminal's keys reach it through the shell. */
	bool	 in_process;
	/* A wait: the i-th job it is waiting for, NULL past the last.  NULL
	   for leaves that wait for no job. */
	struct job *(*awaited)(struct job_leaf *, size_t i);
};

struct job_leaf {
	const struct leaf_ops	*ops;
	struct job		*job;
	enum leaf_state		 state;
	int			 stop_signal;	/* what stopped it */
	struct job_leaf		*prev;
	struct job_leaf		*next;
};

/* A child process; its status arrives through the shell's reaper. */
struct proc {
	struct job_leaf	 leaf;
	pid_t		 pid;		/* 0 while on a spawner thread */
	pid_t		 pgid;
	bool		 ended;		/* reaped, not yet told: no kill */
	struct future	*done;		/* resolves with 0-255 or 128+N */
	char		*text;		/* for jobs -l */
	struct proc	*next;		/* the job's process list */
};

typedef void job_settle_cb(struct job *, void *);

struct job {
	struct shell	*shell;
	unsigned	 refs;
	int		 number;	/* 0 until it enters the table */
	char		*text;
	long		 pid;		/* $! and [n] PID; maybe virtual */
	bool		 pid_pending;	/* pid: its process's, once known */
	struct future	*result;	/* the whole job's exit status */
	enum job_state	 state;
	int		 stop_signal;	/* of the last stop */
	bool		 background;
	bool		 needs_shell;	/* its end takes more than reaping:
					   builtins, and-or, ( list ) */
	bool		 killed;	/* a terminating kill: start nothing */
	int		 kill_status;	/* 128+N of that kill */
	int		 term_signal;	/* a process of it died by this */
	bool		 notified;	/* its final state was reported */
	bool		 changed;	/* state changed since last report */
	bool		 errexit_ok;	/* set -e applies to its status */
	bool		 disowned;	/* -h: kept, not hung up at exit */
	pid_t		 pgid;		/* current process group, 0 if none */
	pid_t		 signalled_pgid;	/* job_signal: groups done */
	struct termios	*tty_modes;	/* saved when it stopped, or NULL */
	double		 started;	/* loop time (shell_now) */
	double		 ended;
	struct context	*owned_ctx;	/* freed when the body ends */
	struct job_leaf	*leaves;	/* live leaves */
	unsigned	 n_running;
	unsigned	 n_stopped;
	unsigned	 await_mark;	/* job_awaits: seen in this search */
	struct proc	*procs;		/* newest pipeline's processes */
	struct proc	*procs_tail;
	job_settle_cb	*settle_cb;	/* one observer of stop/done */
	void		*settle_arg;
	struct future_waiter *settle_wait;
	struct job	*recent_prev;	/* jobtab recency list links */
	struct job	*recent_next;
	struct job	*retired_next;	/* jobtab finished-job memory */
	struct job	*live_prev;	/* the shell's list of unfinished */
	struct job	*live_next;	/* jobs, listed or not */
};

struct job	*job_new(struct shell *, const char *text);
struct job	*job_ref(struct job *);
void		 job_unref(struct job *);

/* Sets the job's result; its leaves must all be done. */
void		 job_finish(struct job *, int status);

void		 job_leaf_add(struct job *, struct job_leaf *,
		    const struct leaf_ops *);
void		 job_leaf_set_state(struct job_leaf *, enum leaf_state);

/* Called once a new pipeline of the job starts: forgets finished procs. */
void		 job_begin_pipeline(struct job *);
void		 job_add_proc(struct job *, struct proc *);
void		 job_remove_proc(struct job *, struct proc *);

/*
 * Whether from is target, or waits for it through its wait leaves,
 * directly or through other jobs: a wait for from inside target would
 * never end.
 */
bool		 job_awaits(struct job *from, struct job *target);

/* Sends sig to every live leaf.  Returns 0, or -1 with errno. */
int		 job_signal(struct job *, int sig);
/* Sends sig to the job's in-process leaves only (^C, ^Z on a job that
   has no process in the foreground). */
void		 job_signal_tasks(struct job *, int sig);
/* ^C killed a process of it in an interactive shell: as in bash, the rest
   of the command line (and of a sourced file) is dropped. */
bool		 job_interrupted(const struct job *);
/* SIGCONT to a stopped job, marking it running again. */
void		 job_continue(struct job *);

/* Calls cb once the job is done or stopped (only one observer). */
void		 job_on_settle(struct job *, job_settle_cb *, void *);
void		 job_cancel_settle(struct job *);

/* Whether a process of the job is still alive. */
bool		 job_has_process(const struct job *);

/* "Running", "Done", "Exit 3", "Stopped (tty input)", "Terminated"... */
const char	*job_state_text(const struct job *, char *buf, size_t len);

/* Status of a process from a wait status: 0-255 or 128+N. */
int		 status_from_wait(int wstatus);

#endif
