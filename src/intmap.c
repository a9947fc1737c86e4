/*
 * intmap: linear probing with backward-shift deletion, so lookups never
 * wade through tombstones however many PIDs come and go.
 */
#include <stdint.h>
#include <stdlib.h>

#include "intmap.h"
#include "xmalloc.h"

struct intmap_slot {
	long	 key;		/* -1: empty */
	void	*value;
};

static size_t
slot_of(const struct intmap *m, long key)
{
	uint64_t	h = (uint64_t)key * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 32) & (m->cap - 1);
}

void *
intmap_get(const struct intmap *m, long key)
{
	size_t	i;

	if (m->cap == 0)
		return NULL;
	for (i = slot_of(m, key); m->slots[i].key != -1;
	    i = (i + 1) & (m->cap - 1)) {
		if (m->slots[i].key == key)
			return m->slots[i].value;
	}
	return NULL;
}

static void
grow(struct intmap *m)
{
	struct intmap_slot	*old = m->slots;
	size_t			 i, oldcap = m->cap;

	m->cap = oldcap ? oldcap * 2 : 64;
	m->slots = xreallocarray(NULL, m->cap, sizeof *m->slots);
	for (i = 0; i < m->cap; i++)
		m->slots[i].key = -1;
	m->count = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].key != -1)
			intmap_put(m, old[i].key, old[i].value);
	free(old);
}

void
intmap_put(struct intmap *m, long key, void *value)
{
	size_t	i;

	/* At most three quarters full: short probes, little waste. */
	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	for (i = slot_of(m, key); m->slots[i].key != -1;
	    i = (i + 1) & (m->cap - 1)) {
		if (m->slots[i].key == key) {
			m->slots[i].value = value;
			return;
		}
	}
	m->slots[i].key = key;
	m->slots[i].value = value;
	m->count++;
}

void
intmap_remove(struct intmap *m, long key)
{
	size_t	i, j, home, mask = m->cap - 1;

	if (m->cap == 0)
		return;
	for (i = slot_of(m, key); m->slots[i].key != key;
	    i = (i + 1) & mask) {
		if (m->slots[i].key == -1)
			return;
	}
	m->slots[i].key = -1;
	m->count--;
	for (j = (i + 1) & mask; m->slots[j].key != -1; j = (j + 1) & mask) {
		home = slot_of(m, m->slots[j].key);
		/* Move j back into the hole at i unless its home lies in
		   the cyclic range (i, j]. */
		if ((j > i && (home <= i || home > j)) ||
		    (j < i && home <= i && home > j)) {
			m->slots[i] = m->slots[j];
			m->slots[j].key = -1;
			i = j;
		}
	}
}

void
intmap_clear(struct intmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
