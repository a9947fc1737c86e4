/*
 * shell: the one object every module hangs off.  It owns the libev loop,
 * the future scheduler, the main context and the job table, and provides
 * the two central operations of jobsh:
 *
 *   run_in_background(job) - start a job and return at once (cmd &);
 *   run_in_foreground(job) - let the loop run until the job settles (done or
 *                            stopped), then call back (fg, and every command
 *                            typed without &).
 *
 * Nothing blocks: "the prompt waits for a foreground job" is a state of the
 * shell, left by a callback when the job settles.
 */
#ifndef JOBSH_SHELL_H
#define JOBSH_SHELL_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <termios.h>

#include "redir.h"

struct ast_and_or;
struct ast_program;
struct context;
struct future_sched;
struct job;
struct jobtab;
struct ev_loop;
struct editor;
struct reaper;
struct source;
struct spawner;
struct proc_start;

typedef void shell_settled_cb(struct job *, int status, void *arg);

struct shell {
	struct ev_loop		*loop;
	struct reaper		*reaper;	/* the one waitpid */
	struct spawner		*spawner;	/* posix_spawn off the loop */
	struct proc_start	*starts_due;	/* spawns the loop has to end */
	struct future_sched	*sched;
	struct context		*main;
	struct jobtab		*jobs;
	struct job		*foreground;	/* job owning the terminal */
	struct job		*live;		/* every unfinished job */
	struct job		**reports;	/* to print before a prompt */
	size_t			 n_reports, cap_reports;
	struct editor		*editor;	/* interactive line editor */
	struct source		*plain;		/* or, without one, the
						   plain terminal source */
	struct source		*stdin_source;	/* commands read from fd 0 */
	bool			 interactive;
	int			 tty_fd;	/* -1 without job control */
	pid_t			 pgid;		/* the shell's own group */
	struct termios		 tty_modes;	/* the shell's modes */
	bool			 tty_modes_saved;
	int			 devnull_fd;	/* -1 until shell_devnull */
	pid_t			 pid;		/* $$ */
	char			*process_cwd;	/* where the process is now */
	long			 next_virtual_pid;
	bool			 exiting;
	int			 exit_status;
	bool			 exit_warned;	/* jobs listed once at exit */
	int			 source_depth;	/* files being sourced */
	char			 pid_buf[24];	/* special parameters' text */
	char			 num_buf[24];
};

void	shell_init(struct shell *, char *const *envp);
/* Frees all but the loop, which the caller may still look into and then
   ev_loop_destroy. */
void	shell_destroy(struct shell *);

/* Starts a job for the and-or list in the background. */
struct job	*run_in_background(struct shell *, struct context *,
		    struct ast_program *, struct ast_and_or *);

/*
 * Makes job the foreground job and calls cb once it is done or stopped.
 * A stopped job enters the job table and is reported.
 */
void	run_in_foreground(struct shell *, struct job *, shell_settled_cb *,
	    void *);

/*
 * Whether `exit` in ctx may leave now.  The first exit of an interactive
 * shell with live jobs lists them and says no.
 */
bool	shell_may_exit(struct shell *, struct context *);

/*
 * A part of the foreground job ended and the job goes on: the terminal
 * comes back to the shell meanwhile, so that ^C and ^Z reach the job's
 * in-process parts instead of a process group that no longer exists.
 */
void	shell_reclaim_terminal(struct shell *, struct job *);

/*
 * Before a child inherits the shell's stdin: give back what the command
 * reader read beyond the running command, so the child reads on from
 * there (POSIX).
 */
void	shell_sync_stdin(struct shell *);

/* End of a script: leave, carrying on background work the shell owes. */
void	shell_finish_script(struct shell *, int status);

/* SIGKILL to every unfinished job, listed, disowned or foreground. */
void	shell_kill_all(struct shell *);

/* SIGHUP (and SIGCONT to stopped ones) to every job not disowned. */
void	shell_hangup_jobs(struct shell *);
/* Leaves at once: hangs up jobs if interactive, gives the terminal back. */
void	shell_leave(struct shell *, int status) __attribute__((noreturn));

/* Called by the job module whenever a job stops, continues or ends. */
void	shell_job_changed(struct shell *, struct job *);

/* Prints pending job reports (interactive, before a prompt). */
void	shell_report_jobs(struct shell *);

/*
 * While the shell creates descriptors of its own, closed standard ones are
 * held by /dev/null, so that none of ours lands on 0, 1 or 2 (where a
 * command would then write into it); released, they are closed again.
 * One poll tells which are closed: cheap enough for every start-up,
 * where shell_hold_user_fds below would cost a dozen system calls.
 */
void	shell_hold_standard_fds(int held[3]);
void	shell_release_standard_fds(const int held[3]);

/*
 * libev makes its wake-up descriptor with the first signal or async
 * watcher, at the lowest free number, where `echo x >&5` would write into
 * it.  While that watcher starts, every free descriptor below 10 is held
 * by /dev/null, so that the new one lands above the user's range (unless
 * no descriptor is free there).
 */
struct fd_hold {
	int	fds[REDIR_USER_FDS];
	int	n;
};
void	shell_hold_user_fds(struct fd_hold *);
void	shell_release_user_fds(struct fd_hold *);

/* /dev/null, opened on first use; -1 if it cannot be. */
int	shell_devnull(struct shell *);
/* The time now, on the loop's clock (which otherwise stands still from
   one poll to the next, however long a line of builtins takes). */
double	shell_now(struct shell *);

/* Without job control, background jobs read /dev/null (POSIX). */
void	shell_detach_stdin(struct shell *, struct context *bg);

/* The PID bash would show for job ($!): the last process of a one-pipeline
   job, otherwise a virtual one. */
long	shell_job_pid(struct shell *, struct job *, const struct ast_and_or *);
/* One pipeline whose every command became a process: reaping is all its
   end takes (a script may leave it running). */
bool	shell_job_is_plain_pipeline(const struct job *,
	    const struct ast_and_or *);

/*
 * The PID of the process of a job whose PID was pending (a background
 * command spawned on a spawner thread) is known; 0: it never started.
 */
void	shell_job_pid_known(struct shell *, struct job *, pid_t);

/* The job's PID for $!, waiting for the spawner if it is still out. */
long	shell_known_pid(struct shell *, struct job *);

/* A PID for jobs that have no process of their own ($!, [n] PID). */
long	shell_virtual_pid(struct shell *);

/* Prints "jobsh: " + message on stderr. */
void	sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same on descriptor fd (a command's own stderr); -1: nowhere. */
void	sh_error_fd(int fd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * The status of NAME (a builtin) whose output could not be written (err):
 * a reader that went away (jobs | head -1) gives 141 quietly, as SIGPIPE
 * ends a process; anything else says "write error" and gives 1.
 */
int	sh_write_failed(const char *name, int err);

#endif
