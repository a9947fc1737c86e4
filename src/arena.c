/*
 * arena: chunks of memory carved up front to back.  A block too big to be
 * worth a share of a chunk gets a chunk of its own, so a 10 MB word costs
 * 10 MB and not 20, and an array that keeps growing (a pipeline of a
 * million commands) is grown in place by realloc instead of leaving every
 * smaller copy behind.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmalloc.h"

#define ARENA_ALIGN	alignof(max_align_t)
#define ARENA_CHUNK	8192	/* usable bytes of a shared chunk, at most */
#define ARENA_FIRST	256	/* the first chunk: most lines are short, and
				   a background job keeps its line's arena */
#define ARENA_BIG	(ARENA_CHUNK / 4)	/* above: a chunk of its own */

struct arena_chunk {
	struct arena_chunk	*next;
	struct arena_chunk	*prev;
	size_t			 size;	/* usable bytes after the header */
	size_t			 used;
};

/* The header rounded up, so that the data after it is aligned. */
#define ARENA_HEADER \
	((sizeof(struct arena_chunk) + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1))

struct arena {
	struct arena_chunk	*chunks;	/* the one being carved first */
	size_t			 next_size;	/* doubles up to ARENA_CHUNK */
};

static void
arena_overflow(void)
{
	/* A size that cannot be represented is exhaustion like any other:
	   let xmalloc report it and abort. */
	xmalloc(SIZE_MAX);
}

static size_t
arena_round(size_t size)
{
	if (size > SIZE_MAX - ARENA_HEADER - ARENA_ALIGN)
		arena_overflow();
	if (size == 0)
		return ARENA_ALIGN;
	return (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
}

static void *
arena_data(struct arena_chunk *c)
{
	return (char *)c + ARENA_HEADER;
}

/* Links a new chunk in after the first one, or first if after is NULL. */
static struct arena_chunk *
arena_chunk_new(struct arena *a, size_t size, struct arena_chunk *after)
{
	struct arena_chunk	*c;

	/* calloc, so that every block handed out is already zero. */
	c = xcalloc(1, ARENA_HEADER + size);
	c->size = size;
	if (after != NULL) {
		c->prev = after;
		c->next = after->next;
		after->next = c;
	} else {
		c->next = a->chunks;
		a->chunks = c;
	}
	if (c->next != NULL)
		c->next->prev = c;
	return c;
}

struct arena *
arena_new(void)
{
	struct arena	*a = xcalloc(1, sizeof *a);

	a->next_size = ARENA_FIRST;
	return a;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_chunk	*c = a->chunks;

	size = arena_round(size);
	if (size > ARENA_BIG) {
		/* Behind the current chunk, whose free space stays usable. */
		c = arena_chunk_new(a, size, c);
		c->used = size;
		return arena_data(c);
	}
	if (c == NULL || c->size - c->used < size) {
		if (a->next_size < size)
			a->next_size = size;
		c = arena_chunk_new(a, a->next_size, NULL);
		if (a->next_size < ARENA_CHUNK)
			a->next_size *= 2;
	}
	c->used += size;
	return (char *)arena_data(c) + c->used - size;
}

void *
arena_reallocarray(struct arena *a, void *old, size_t oldn, size_t n,
    size_t size)
{
	struct arena_chunk	*c;
	size_t			 oldsize, newsize;
	void			*p;

	if (size != 0 && n > SIZE_MAX / size)
		arena_overflow();
	if (n < oldn)
		oldn = n;
	oldsize = arena_round(oldn * size);
	newsize = arena_round(n * size);

	if (old == NULL || oldsize <= ARENA_BIG || newsize < oldsize) {
		p = arena_alloc(a, n * size);
		if (old != NULL && oldn != 0)
			memcpy(p, old, oldn * size);
		return p;
	}

	/* A big block is alone in its chunk: grow the chunk itself. */
	c = xrealloc((char *)old - ARENA_HEADER, ARENA_HEADER + newsize);
	memset((char *)arena_data(c) + oldsize, 0, newsize - oldsize);
	c->size = c->used = newsize;
	if (c->prev != NULL)
		c->prev->next = c;
	else
		a->chunks = c;
	if (c->next != NULL)
		c->next->prev = c;
	return arena_data(c);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if (n == SIZE_MAX)
		arena_overflow();
	p = arena_alloc(a, n + 1);
	if (n != 0)
		memcpy(p, s, n);
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}
