/*
 * strbuf: a growable, always NUL-terminated byte string.
 */
#ifndef JOBSH_STRBUF_H
#define JOBSH_STRBUF_H

#include <stddef.h>

struct strbuf {
	char	*data;		/* NUL-terminated; NULL until first append */
	size_t	 len;
	size_t	 cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void	 strbuf_reserve(struct strbuf *, size_t);
void	 strbuf_add(struct strbuf *, const char *, size_t);
void	 strbuf_addstr(struct strbuf *, const char *);
void	 strbuf_addch(struct strbuf *, char);
void	 strbuf_addf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 strbuf_truncate(struct strbuf *, size_t);
const char *strbuf_str(const struct strbuf *);
char	*strbuf_detach(struct strbuf *);
void	 strbuf_free(struct strbuf *);

#endif
