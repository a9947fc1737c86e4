/*
 * signame: the signal table.
 */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "signame.h"

struct signame {
	int		 number;
	const char	*name;
};

static const struct signame signames[] = {
	{ SIGHUP, "HUP" }, { SIGINT, "INT" }, { SIGQUIT, "QUIT" },
	{ SIGILL, "ILL" }, { SIGTRAP, "TRAP" }, { SIGABRT, "ABRT" },
	{ SIGBUS, "BUS" }, { SIGFPE, "FPE" }, { SIGKILL, "KILL" },
	{ SIGUSR1, "USR1" }, { SIGSEGV, "SEGV" }, { SIGUSR2, "USR2" },
	{ SIGPIPE, "PIPE" }, { SIGALRM, "ALRM" }, { SIGTERM, "TERM" },
#ifdef SIGSTKFLT
	{ SIGSTKFLT, "STKFLT" },
#endif
	{ SIGCHLD, "CHLD" }, { SIGCONT, "CONT" }, { SIGSTOP, "STOP" },
	{ SIGTSTP, "TSTP" }, { SIGTTIN, "TTIN" }, { SIGTTOU, "TTOU" },
	{ SIGURG, "URG" }, { SIGXCPU, "XCPU" }, { SIGXFSZ, "XFSZ" },
	{ SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" }, { SIGWINCH, "WINCH" },
	{ SIGIO, "IO" },
#ifdef SIGPWR
	{ SIGPWR, "PWR" },
#endif
	{ SIGSYS, "SYS" },
};

#define N_SIGNAMES	(sizeof signames / sizeof signames[0])

int
signame_to_number(const char *s)
{
	char	*end;
	long	 n;
	size_t	 i;

	if (isdigit((unsigned char)s[0])) {
		n = strtol(s, &end, 10);
		return *end == '\0' && n >= 0 && n < SIGNAL_LIMIT ? (int)n : -1;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 0; i < N_SIGNAMES; i++)
		if (strcasecmp(s, signames[i].name) == 0)
			return signames[i].number;
	return -1;
}

const char *
signame_from_number(int sig)
{
	size_t	i;

	for (i = 0; i < N_SIGNAMES; i++)
		if (signames[i].number == sig)
			return signames[i].name;
	return NULL;
}

int
signame_max(void)
{
	int	max = 0;
	size_t	i;

	for (i = 0; i < N_SIGNAMES; i++)
		if (signames[i].number > max)
			max = signames[i].number;
	return max;
}

int
signame_terminates(int sig)
{
	switch (sig) {
	case 0:
	case SIGCHLD:
	case SIGCONT:
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
	case SIGURG:
	case SIGWINCH:
		return 0;
	default:
		return 1;
	}
}
