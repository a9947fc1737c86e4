/*
 * strvec: a growable, NULL-terminated array of owned strings (argv, envp).
 */
#ifndef JOBSH_STRVEC_H
#define JOBSH_STRVEC_H

#include <stddef.h>

struct strvec {
	char	**v;		/* NULL-terminated once anything is pushed */
	size_t	  n;
	size_t	  cap;
};

#define STRVEC_INIT { NULL, 0, 0 }

void	 strvec_push(struct strvec *, const char *);
void	 strvec_push_owned(struct strvec *, char *);
char	**strvec_argv(struct strvec *);
void	 strvec_clear(struct strvec *);

#endif
