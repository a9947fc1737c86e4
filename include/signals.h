/*
 * signals: what the interactive shell does with the signals the terminal
 * sends it.  All are libev signal watchers that live as long as the shell
 * (stopping one would reset its disposition to default).
 */
#ifndef JOBSH_SIGNALS_H
#define JOBSH_SIGNALS_H

struct shell;

/*
 * ^C at the prompt drops the line; with a foreground job that has no
 * process of its own (sleep, wait) it interrupts that job.  ^Z stops such
 * a job and is ignored at the prompt.  SIGWINCH redraws, SIGHUP hangs up
 * the jobs and leaves.  SIGTERM and SIGQUIT are ignored, as in bash.
 */
void	signals_interactive(struct shell *);

#endif
