/*
 * intmap: an open-addressing hash map from non-negative integers (PIDs) to
 * pointers, with constant-time insert, lookup and removal.
 */
#ifndef JOBSH_INTMAP_H
#define JOBSH_INTMAP_H

#include <stddef.h>

struct intmap {
	struct intmap_slot	*slots;
	size_t			 cap;	/* a power of two, or 0 */
	size_t			 count;
};

#define INTMAP_INIT { NULL, 0, 0 }

void	*intmap_get(const struct intmap *, long key);
void	 intmap_put(struct intmap *, long key, void *value);
void	 intmap_remove(struct intmap *, long key);
void	 intmap_clear(struct intmap *);

#endif
