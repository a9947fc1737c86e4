/*
 * Allocation that never returns NULL: memory exhaustion is the one fatal
 * error (spec 6), so callers need no failure paths for it.
 */
#ifndef JOBSH_XMALLOC_H
#define JOBSH_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
