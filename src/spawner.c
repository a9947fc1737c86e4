/*
 * spawner: posix_spawn on threads of its own (see spawner.h).
 *
 * Calls wait in a queue; each worker takes the oldest, runs it and puts
 * it on the finished list, under the lock, then wakes the loop with
 * ev_async_send, libev's one thread-safe call.  The loop's thread reports
 * finished calls (done_cb) and never runs one while the lock is held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <ev.h>

#include "spawner.h"
#include "strvec.h"
#include "xmalloc.h"

/* Two children exec at once on the workers while the loop reads on. */
#define WORKERS		2

/*
 * Calls out at once, queued or running.  A queue lets a worker go from
 * one spawn to the next without waiting for the loop's thread to hand it
 * a call (a wake-up, which on a VM leaves a core idle for a while).  A
 * call that holds descriptors open for its redirections waits until a
 * worker is free, so that files stay open no longer than a spawn takes.
 */
#define QUEUE_DEPTH	16

/* A process limit this high leaves room for the workers. */
#define ROOMY_NPROC	1024

struct spawner {
	struct ev_loop		*loop;
	spawner_done_cb		*done_cb;
	void			*arg;
	ev_async		 wake;
	pthread_t		 threads[WORKERS];
	int			 n_threads;
	pthread_mutex_t		 lock;
	pthread_cond_t		 work;		/* a call or the end */
	pthread_cond_t		 finished_cond;
	/* Under lock: */
	struct spawn_call	*queue;		/* oldest first */
	struct spawn_call	*queue_tail;
	struct spawn_call	*finished;	/* not yet reported */
	int			 running;	/* taken, not finished */
	bool			 ending;
	/* The loop's thread only: */
	int			 out;		/* submitted, not reported */
	bool			 started;
	bool			 unusable;	/* no thread: spawn inline */
	bool			 forked;	/* a fork's copy: the lock and
						   conditions are the parent's */
};

void
spawn_call_run(struct spawn_call *c)
{
	struct strvec	 argv = STRVEC_INIT;
	char		 self[4096];
	ssize_t		 n;
	size_t		 i;

	c->error = posix_spawn(&c->pid, c->path, c->actions, c->attr,
	    c->argv, c->envp);
	if (c->error != ENOEXEC)
		return;
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return;
	self[n] = '\0';
	strvec_push(&argv, self);
	strvec_push(&argv, c->path);
	for (i = 1; c->argv[i] != NULL; i++)
		strvec_push(&argv, c->argv[i]);
	c->error = posix_spawn(&c->pid, self, c->actions, c->attr,
	    strvec_argv(&argv), c->envp);
	strvec_clear(&argv);
}

/* With the lock held: runs the oldest queued call, if any, unlocked. */
static bool
run_oldest(struct spawner *sp)
{
	struct spawn_call	*call = sp->queue;

	if (call == NULL)
		return false;
	if ((sp->queue = call->next) == NULL)
		sp->queue_tail = NULL;
	sp->running++;
	pthread_mutex_unlock(&sp->lock);
	spawn_call_run(call);
	pthread_mutex_lock(&sp->lock);
	sp->running--;
	call->next = sp->finished;
	sp->finished = call;
	pthread_cond_signal(&sp->finished_cond);
	return true;
}

static void *
worker_main(void *arg)
{
	struct spawner	*sp = arg;

	pthread_mutex_lock(&sp->lock);
	for (;;) {
		while (!sp->ending && sp->queue == NULL)
			pthread_cond_wait(&sp->work, &sp->lock);
		if (!run_oldest(sp))
			break;
		ev_async_send(sp->loop, &sp->wake);
	}
	pthread_mutex_unlock(&sp->lock);
	return NULL;
}

/* Reports every finished call. */
static void
collect(struct spawner *sp)
{
	struct spawn_call	*list, *next;

	if (sp->out == 0)
		return;
	pthread_mutex_lock(&sp->lock);
	list = sp->finished;
	sp->finished = NULL;
	pthread_mutex_unlock(&sp->lock);
	for (; list != NULL; list = next) {
		next = list->next;
		sp->out--;
		ev_unref(sp->loop);
		sp->done_cb(list, sp->arg);
	}
}

static void
wake_cb(struct ev_loop *loop, ev_async *w, int revents)
{
	(void)loop;
	(void)revents;
	collect(w->data);
}

struct spawner *
spawner_new(struct ev_loop *loop, spawner_done_cb *done_cb, void *arg)
{
	struct spawner	*sp = xcalloc(1, sizeof *sp);

	sp->loop = loop;
	sp->done_cb = done_cb;
	sp->arg = arg;
	pthread_mutex_init(&sp->lock, NULL);
	pthread_cond_init(&sp->work, NULL);
	pthread_cond_init(&sp->finished_cond, NULL);
	ev_async_init(&sp->wake, wake_cb);
	sp->wake.data = sp;
	return sp;
}

/*
 * A thread takes a task slot of the process limit (RLIMIT_NPROC), and a
 * slot that an ended thread gives back may come a moment after it is
 * joined.  Under a tight limit the user's processes get every slot: no
 * threads.
 */
static bool
limit_leaves_room(void)
{
	struct rlimit	rl;

	return getrlimit(RLIMIT_NPROC, &rl) == -1 ||
	    rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= ROOMY_NPROC;
}

/* Signals stay with the loop's thread, and the workers are EINTR-free. */
static bool
start_threads(struct spawner *sp)
{
	sigset_t	all, old;

	if (!limit_leaves_room()) {
		sp->unusable = true;
		return false;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	while (sp->n_threads < WORKERS && pthread_create(
	    &sp->threads[sp->n_threads], NULL, worker_main, sp) == 0)
		sp->n_threads++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (sp->n_threads == 0) {
		sp->unusable = true;
		return false;
	}
	ev_async_start(sp->loop, &sp->wake);
	ev_unref(sp->loop);
	sp->started = true;
	return true;
}

/*
 * Reports finished calls until fewer than limit are out; meanwhile the
 * loop's thread spawns the oldest queued calls itself, in their turn.
 */
static void
wait_for_room(struct spawner *sp, int limit)
{
	for (;;) {
		collect(sp);
		if (sp->out < limit || sp->unusable)
			return;
		pthread_mutex_lock(&sp->lock);
		if (!run_oldest(sp))
			while (sp->finished == NULL)
				pthread_cond_wait(&sp->finished_cond,
				    &sp->lock);
		pthread_mutex_unlock(&sp->lock);
	}
}

bool
spawner_submit(struct spawner *sp, struct spawn_call *call)
{
	if (sp->unusable || (!sp->started && !start_threads(sp)))
		return false;
	/* A report can retire the spawner (EAGAIN). */
	wait_for_room(sp, call->holds_fds ? WORKERS : QUEUE_DEPTH);
	if (sp->unusable)
		return false;
	call->next = NULL;
	pthread_mutex_lock(&sp->lock);
	if (sp->queue_tail != NULL)
		sp->queue_tail->next = call;
	else
		sp->queue = call;
	sp->queue_tail = call;
	pthread_cond_signal(&sp->work);
	pthread_mutex_unlock(&sp->lock);
	sp->out++;
	ev_ref(sp->loop);
	return true;
}

bool
spawner_settle(struct spawner *sp)
{
	if (sp->out == 0)
		return false;
	pthread_mutex_lock(&sp->lock);
	while (sp->queue != NULL || sp->running > 0)
		pthread_cond_wait(&sp->finished_cond, &sp->lock);
	pthread_mutex_unlock(&sp->lock);
	collect(sp);
	return true;
}

void
spawner_forget_threads(struct spawner *sp)
{
	if (sp->started) {
		ev_ref(sp->loop);
		ev_async_stop(sp->loop, &sp->wake);
	}
	sp->started = false;
	sp->unusable = true;
	sp->forked = true;
	sp->n_threads = 0;
}

bool
spawner_retire(struct spawner *sp)
{
	bool	had_thread = sp->started;
	int	i;

	spawner_settle(sp);
	if (sp->started) {
		pthread_mutex_lock(&sp->lock);
		sp->ending = true;
		pthread_cond_broadcast(&sp->work);
		pthread_mutex_unlock(&sp->lock);
		for (i = 0; i < sp->n_threads; i++)
			pthread_join(sp->threads[i], NULL);
		sp->n_threads = 0;
		ev_ref(sp->loop);
		ev_async_stop(sp->loop, &sp->wake);
	}
	sp->started = false;
	sp->unusable = true;
	return had_thread;
}

void
spawner_free(struct spawner *sp)
{
	if (sp == NULL)
		return;
	spawner_retire(sp);
	if (!sp->forked) {
		pthread_mutex_destroy(&sp->lock);
		pthread_cond_destroy(&sp->work);
		pthread_cond_destroy(&sp->finished_cond);
	}
	free(sp);
}
