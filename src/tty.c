/*
 * tty: taking the terminal for job control and leaving it intact.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "redir.h"
#include "shell.h"
#include "tty.h"

/* Read by the fatal-signal handler: plain data, no pointers into heap. */
static int		saved_fd = -1;
static struct termios	saved_modes;
static pid_t		saved_pgrp;

static void
fatal_signal_handler(int sig)
{
	if (saved_fd >= 0) {
		tcsetattr(saved_fd, TCSANOW, &saved_modes);
		if (saved_pgrp > 0)
			tcsetpgrp(saved_fd, saved_pgrp);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_fatal_signals(void)
{
	static const int	 fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
	    SIGABRT, SIGTRAP, SIGSYS };
	struct sigaction	 sa;
	size_t			 i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fatal_signal_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaction(fatal[i], &sa, NULL);
}

bool
tty_take(struct shell *sh, int fd)
{
	pid_t	pgrp;

	if (!isatty(fd))
		return false;
	/* Started in the background: wait to be brought to the front. */
	while ((pgrp = tcgetpgrp(fd)) != -1 && pgrp != getpgrp())
		kill(-getpgrp(), SIGTTIN);
	if (pgrp == -1)
		return false;
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	if (tcgetattr(fd, &saved_modes) == -1)
		return false;
	saved_fd = fd;
	saved_pgrp = pgrp;
	catch_fatal_signals();
	if (getpid() != getpgrp() && setpgid(0, 0) == -1)
		return false;
	sh->pgid = getpgrp();
	if (tcsetpgrp(fd, sh->pgid) == -1)
		return false;
	/* A descriptor of our own, so that a child's redirected stdin does
	   not hide the terminal from the spawn's tcsetpgrp. */
	if ((sh->tty_fd = redir_dup_high(fd)) == -1)
		return false;
	sh->tty_modes = saved_modes;
	sh->tty_modes_saved = true;
	return true;
}

void
tty_restore(struct shell *sh)
{
	if (saved_fd < 0)
		return;
	tcsetattr(saved_fd, TCSADRAIN, &saved_modes);
	if (saved_pgrp > 0 && saved_pgrp != sh->pgid)
		tcsetpgrp(saved_fd, saved_pgrp);
}
