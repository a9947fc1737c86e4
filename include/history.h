/*
 * history: the command history — libedit's list for navigation and
 * search, and $HISTFILE, to which each line is appended as it is entered
 * (under a lock, so two shells never lose or tear each other's lines).
 */
#ifndef JOBSH_HISTORY_H
#define JOBSH_HISTORY_H

#include <stddef.h>

#include <histedit.h>

struct history;

/* Loads path (may be NULL: no file) keeping the last size entries. */
struct history	*history_new(const char *path, int size);
void		 history_free(struct history *);

/* Records a line unless it starts with a space or repeats the last one. */
void		 history_add(struct history *, const char *line);
void		 history_clear(struct history *);
size_t		 history_count(const struct history *);
/* Entry i, oldest first. */
const char	*history_get(const struct history *, size_t i);
History		*history_libedit(struct history *);

#endif
