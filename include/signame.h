/*
 * signame: signal names and numbers, for kill and kill -l.
 */
#ifndef JOBSH_SIGNAME_H
#define JOBSH_SIGNAME_H

/* Above every signal number Linux has (SIGRTMAX is 64). */
#define SIGNAL_LIMIT	65

/* "TERM", "SIGTERM", "term" or "15" -> 15; -1 when unknown. */
int		 signame_to_number(const char *);
/* 15 -> "TERM"; NULL when unknown. */
const char	*signame_from_number(int);
/* The highest signal number with a name. */
int		 signame_max(void);
/* Whether the default action of sig ends the process. */
int		 signame_terminates(int sig);

#endif
