/*
 * jobtab: jobs by number in an array, by PID in a hash map, and in two
 * recency lists (stopped jobs, other jobs) whose heads are the current and
 * previous jobs as bash defines them.
 */
#include <stdlib.h>

#include "intmap.h"
#include "job.h"
#include "jobtab.h"
#include "xmalloc.h"

/* Finished jobs remembered for `wait PID` (spec 3: at least 1000). */
#define RETIRED_MAX	1024

struct recency {
	struct job	*head;
};

struct jobtab {
	struct job	**slots;	/* listed jobs, by number */
	struct job	**retired;	/* finished, unlisted, by number */
	size_t		  cap;
	int		  max;
	size_t		  count;
	struct intmap	  by_pid;
	struct recency	  stopped;
	struct recency	  active;
	struct job	 *ring_head;	/* remembered jobs, oldest first */
	struct job	 *ring_tail;
	size_t		  ring_len;
};

struct jobtab *
jobtab_new(void)
{
	return xcalloc(1, sizeof(struct jobtab));
}

void
jobtab_free(struct jobtab *t)
{
	struct job	*job, *next;
	size_t		 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cap; i++) {
		job_unref(t->slots[i]);
		job_unref(t->retired[i]);
	}
	for (job = t->ring_head; job != NULL; job = next) {
		next = job->retired_next;
		job_unref(job);
	}
	free(t->slots);
	free(t->retired);
	intmap_clear(&t->by_pid);
	free(t);
}

static void
unlink_recent(struct jobtab *t, struct job *job)
{
	if (job->recent_prev != NULL)
		job->recent_prev->recent_next = job->recent_next;
	else if (t->stopped.head == job)
		t->stopped.head = job->recent_next;
	else if (t->active.head == job)
		t->active.head = job->recent_next;
	if (job->recent_next != NULL)
		job->recent_next->recent_prev = job->recent_prev;
	job->recent_prev = job->recent_next = NULL;
}

void
jobtab_touch(struct jobtab *t, struct job *job)
{
	struct recency	*r;

	if (job->number == 0 || t->slots[job->number] != job)
		return;
	unlink_recent(t, job);
	r = job->state == JOB_STOPPED ? &t->stopped : &t->active;
	job->recent_next = r->head;
	if (r->head != NULL)
		r->head->recent_prev = job;
	r->head = job;
}

static void
ensure_capacity(struct jobtab *t, size_t number)
{
	size_t	newcap = t->cap ? t->cap : 16, i;

	if (number < t->cap)
		return;
	while (newcap <= number)
		newcap *= 2;
	t->slots = xreallocarray(t->slots, newcap, sizeof *t->slots);
	t->retired = xreallocarray(t->retired, newcap, sizeof *t->retired);
	for (i = t->cap; i < newcap; i++)
		t->slots[i] = t->retired[i] = NULL;
	t->cap = newcap;
}

void
jobtab_add(struct jobtab *t, struct job *job)
{
	int	n = t->max + 1;

	ensure_capacity(t, (size_t)n);
	job->number = n;
	t->slots[n] = job_ref(job);
	if (t->retired[n] != NULL) {
		job_unref(t->retired[n]);
		t->retired[n] = NULL;
	}
	t->max = n;
	t->count++;
	if (job->pid != 0)
		intmap_put(&t->by_pid, job->pid, job);
	jobtab_touch(t, job);
}

void
jobtab_index_pid(struct jobtab *t, struct job *job)
{
	/* Only while listed: the index must not outlive the table's
	   reference (a context's $! can keep a forgotten job alive). */
	if (job->pid != 0 && jobtab_listed(t, job->number) == job)
		intmap_put(&t->by_pid, job->pid, job);
}

/* Keeps a finished job findable by PID; forgets the oldest past the cap. */
static void
remember(struct jobtab *t, struct job *job)
{
	struct job	*old;

	job->retired_next = NULL;
	if (t->ring_tail != NULL)
		t->ring_tail->retired_next = job;
	else
		t->ring_head = job;
	t->ring_tail = job_ref(job);
	if (++t->ring_len <= RETIRED_MAX)
		return;
	old = t->ring_head;
	t->ring_head = old->retired_next;
	t->ring_len--;
	if (old->pid != 0 && intmap_get(&t->by_pid, old->pid) == old)
		intmap_remove(&t->by_pid, old->pid);
	job_unref(old);
}

void
jobtab_remove(struct jobtab *t, struct job *job)
{
	int	n = job->number;

	if (n == 0 || (size_t)n >= t->cap || t->slots[n] != job)
		return;
	unlink_recent(t, job);
	t->slots[n] = NULL;
	t->count--;
	while (t->max > 0 && t->slots[t->max] == NULL)
		t->max--;
	if (job->state == JOB_DONE) {
		t->retired[n] = job;
		remember(t, job);
	} else {
		if (job->pid != 0 && intmap_get(&t->by_pid, job->pid) == job)
			intmap_remove(&t->by_pid, job->pid);
		job->number = 0;
		job_unref(job);
	}
}

struct job *
jobtab_listed(const struct jobtab *t, int number)
{
	if (number <= 0 || (size_t)number >= t->cap)
		return NULL;
	return t->slots[number];
}

struct job *
jobtab_get(const struct jobtab *t, int number)
{
	struct job	*job = jobtab_listed(t, number);

	if (job == NULL && number > 0 && (size_t)number < t->cap)
		job = t->retired[number];
	return job;
}

struct job *
jobtab_by_pid(const struct jobtab *t, long pid)
{
	return intmap_get(&t->by_pid, pid);
}

struct job *
jobtab_current(const struct jobtab *t)
{
	return t->stopped.head != NULL ? t->stopped.head : t->active.head;
}

struct job *
jobtab_previous(const struct jobtab *t)
{
	if (t->stopped.head == NULL)
		return t->active.head != NULL ? t->active.head->recent_next :
		    NULL;
	if (t->stopped.head->recent_next != NULL)
		return t->stopped.head->recent_next;
	return t->active.head;
}

size_t
jobtab_count(const struct jobtab *t)
{
	return t->count;
}

struct job *
jobtab_from(const struct jobtab *t, int number)
{
	int	n;

	for (n = number > 1 ? number : 1; n <= t->max; n++)
		if (t->slots[n] != NULL)
			return t->slots[n];
	return NULL;
}

struct job *
jobtab_first(const struct jobtab *t)
{
	return jobtab_from(t, 1);
}

struct job *
jobtab_next(const struct jobtab *t, const struct job *job)
{
	return jobtab_from(t, job->number + 1);
}

struct job *
jobtab_retired_first(const struct jobtab *t)
{
	return t->ring_head;
}
