/*
 * strvec: NULL-terminated string arrays that own their elements.
 */
#include <stdlib.h>

#include "strvec.h"
#include "xmalloc.h"

void
strvec_push_owned(struct strvec *sv, char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xreallocarray(sv->v, sv->cap, sizeof *sv->v);
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void
strvec_push(struct strvec *sv, const char *s)
{
	strvec_push_owned(sv, xstrdup(s));
}

char **
strvec_argv(struct strvec *sv)
{
	if (sv->v == NULL) {
		sv->cap = 8;
		sv->v = xcalloc(sv->cap, sizeof *sv->v);
	}
	return sv->v;
}

void
strvec_clear(struct strvec *sv)
{
	size_t	i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}
