/*
 * prompt: expansion of PS1/PS2 escapes.  Pure, so it is unit-tested.
 */
#ifndef JOBSH_PROMPT_H
#define JOBSH_PROMPT_H

#include <stddef.h>

struct prompt_info {
	const char	*user;
	const char	*host;
	const char	*cwd;
	const char	*home;
	int		 jobs;
	int		 status;
	int		 root;
};

/* The default PS1: the directory, the number of jobs when any, then $. */
#define PROMPT_DEFAULT_PS1	"\\w\\J\\$ "
#define PROMPT_DEFAULT_PS2	"> "

/* Brackets text that takes no room on the screen (from \[ ... \]). */
#define PROMPT_IGNORE		'\001'

/*
 * Expands \u \h \w \W \j \$ \? \n \\ (and \J: " [N]" when there are jobs,
 * nothing otherwise; \e \a \NNN give those bytes; \[ and \] mark
 * invisible text).  Returns a malloc'd string.
 */
char	*prompt_expand(const char *ps, const struct prompt_info *);

#endif
