/*
 * arena: a bump allocator whose blocks are all freed at once.  A parse
 * builds a tree of many small nodes and strings; putting them in one arena
 * means the tree is dropped with one call and no error path has to free
 * half-built nodes.
 */
#ifndef JOBSH_ARENA_H
#define JOBSH_ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
/* Zero-filled, aligned for any type; never NULL. */
void		*arena_alloc(struct arena *, size_t);
/* Resizes old, which was allocated for exactly oldn elements of size
   bytes, to n elements, like reallocarray(3): the elements after the old
   ones are zero, and old must not be used afterwards. */
void		*arena_reallocarray(struct arena *, void *old, size_t oldn,
		    size_t n, size_t size);
char		*arena_strndup(struct arena *, const char *, size_t);
void		 arena_free(struct arena *);

#endif
