/*
 * jobtab: the job table — numbers, the current and previous job, lookup by
 * PID, and the memory of finished jobs whose results `wait` and `fg` can
 * still return.  Every operation is constant time except iteration.
 */
#ifndef JOBSH_JOBTAB_H
#define JOBSH_JOBTAB_H

#include <stddef.h>

struct job;
struct jobtab;

struct jobtab	*jobtab_new(void);
void		 jobtab_free(struct jobtab *);

/* Lists the job under the next free number (max + 1). */
void		 jobtab_add(struct jobtab *, struct job *);
/* Removes it from the listing; a finished job is still remembered. */
void		 jobtab_remove(struct jobtab *, struct job *);
/* Indexes a listed job under its PID, known only now. */
void		 jobtab_index_pid(struct jobtab *, struct job *);
/* Re-ranks a job after it was started in the background or stopped. */
void		 jobtab_touch(struct jobtab *, struct job *);

/* A listed job, or the newest finished one that had the number. */
struct job	*jobtab_get(const struct jobtab *, int number);
/* A listed job only. */
struct job	*jobtab_listed(const struct jobtab *, int number);
struct job	*jobtab_by_pid(const struct jobtab *, long pid);
struct job	*jobtab_current(const struct jobtab *);
struct job	*jobtab_previous(const struct jobtab *);

size_t		 jobtab_count(const struct jobtab *);
/* Listed jobs in number order: for (j = first; j; j = next(t, j)). */
struct job	*jobtab_first(const struct jobtab *);
struct job	*jobtab_next(const struct jobtab *, const struct job *);
/* The first listed job numbered number or more. */
struct job	*jobtab_from(const struct jobtab *, int number);
/* Remembered finished jobs (not listed), oldest first. */
struct job	*jobtab_retired_first(const struct jobtab *);

#endif
