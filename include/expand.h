/*
 * expand: POSIX word expansion of the raw words the parser keeps: tilde,
 * parameters, field splitting on IFS, pathname expansion and quote removal.
 * The shell state is reached only through struct expand_ops, so the module
 * can be tested with a fake environment.
 */
#ifndef JOBSH_EXPAND_H
#define JOBSH_EXPAND_H

#include <stdbool.h>
#include <stddef.h>

#include "strvec.h"

struct expand_ops {
	/* The value of a variable or special parameter ("HOME", "IFS", "?",
	   "!", "$", "#", "-", "0", "1".."N"), or NULL when unset. */
	const char	*(*lookup)(void *data, const char *name);
	/* Sets a variable, for ${name:=word}. */
	void		 (*assign)(void *data, const char *name,
			    const char *value);
	/* The positional parameters $1..$N, for $@ and $*. */
	size_t		 (*positional)(void *data, char *const **argv);
	void		*data;
	bool		 noglob;	/* set -f */
};

/*
 * Expands words as command arguments: every step, fields appended to out.
 * Returns 0, or -1 with *error set to a malloc'd message without the
 * "jobsh: " prefix (for example "x: parameter not set" from ${x?}).
 */
int	expand_fields(const struct expand_ops *, char *const *words, size_t n,
	    struct strvec *out, char **error);

/*
 * Expands one word with no field splitting and no pathname expansion, as
 * for assignment values and redirection targets.  Tildes after '=' and ':'
 * are expanded when assignment is true.  Returns 0 with a malloc'd *out, or
 * -1 with *error.
 */
int	expand_word(const struct expand_ops *, const char *word,
	    bool assignment, char **out, char **error);

/*
 * Whether glob(3) can be given this pattern: glibc's recurses once for
 * each directory level and copies the directory part onto the stack at
 * each, so a pattern of thousands of levels would overflow the stack.
 * Past 128 levels or PATH_MAX bytes a pattern matches nothing.
 */
bool	expand_globbable(const char *pattern, size_t len);

#endif
