/*
 * spawner: posix_spawn on a second thread (see spawner.h).
 *
 * One call at a time: the slot is empty, out (the thread works on it) or
 * finished (waiting to be reported).  The loop's thread fills and empties
 * the slot; the thread only marks it finished, under the lock, and wakes
 * the loop with ev_async_send, libev's one thread-safe call.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <ev.h>

#include "spawner.h"
#include "strvec.h"
#include "xmalloc.h"

struct spawner {
	struct ev_loop		*loop;
	spawner_done_cb		*done_cb;
	void			*arg;
	ev_async		 wake;
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 work;		/* a call or the end */
	pthread_cond_t		 finished_cond;
	struct spawn_call	*call;		/* out or finished */
	bool			 finished;	/* under lock */
	bool			 ending;	/* under lock */
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

static void *
spawner_main(void *arg)
{
	struct spawner		*sp = arg;
	struct spawn_call	*call;

	pthread_mutex_lock(&sp->lock);
	for (;;) {
		while (!sp->ending && (sp->call == NULL || sp->finished))
			pthread_cond_wait(&sp->work, &sp->lock);
		if (sp->ending)
			break;
		call = sp->call;
		pthread_mutex_unlock(&sp->lock);
		spawn_call_run(call);
		pthread_mutex_lock(&sp->lock);
		sp->finished = true;
		pthread_cond_signal(&sp->finished_cond);
		ev_async_send(sp->loop, &sp->wake);
	}
	pthread_mutex_unlock(&sp->lock);
	return NULL;
}

/* Reports a finished call; nothing if the slot is empty or still out. */
static void
collect(struct spawner *sp)
{
	struct spawn_call	*call = sp->call;
	bool			 finished;

	if (call == NULL)
		return;
	pthread_mutex_lock(&sp->lock);
	finished = sp->finished;
	if (finished) {
		sp->call = NULL;
		sp->finished = false;
	}
	pthread_mutex_unlock(&sp->lock);
	if (!finished)
		return;
	ev_unref(sp->loop);
	sp->done_cb(call, sp->arg);
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

/* Signals stay with the loop's thread, and the thread's EINTR-free. */
static bool
start_thread(struct spawner *sp)
{
	sigset_t	all, old;
	int		rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&sp->thread, NULL, spawner_main, sp);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		sp->unusable = true;
		return false;
	}
	ev_async_start(sp->loop, &sp->wake);
	ev_unref(sp->loop);
	sp->started = true;
	return true;
}

bool
spawner_submit(struct spawner *sp, struct spawn_call *call)
{
	collect(sp);
	if (sp->call != NULL || sp->unusable)
		return false;
	if (!sp->started && !start_thread(sp))
		return false;
	pthread_mutex_lock(&sp->lock);
	sp->call = call;
	sp->finished = false;
	pthread_cond_signal(&sp->work);
	pthread_mutex_unlock(&sp->lock);
	ev_ref(sp->loop);
	return true;
}

void
spawner_settle(struct spawner *sp)
{
	if (sp->call == NULL)
		return;
	pthread_mutex_lock(&sp->lock);
	while (!sp->finished)
		pthread_cond_wait(&sp->finished_cond, &sp->lock);
	pthread_mutex_unlock(&sp->lock);
	collect(sp);
}

void
spawner_forget_thread(struct spawner *sp)
{
	if (sp->started) {
		ev_ref(sp->loop);
		ev_async_stop(sp->loop, &sp->wake);
	}
	sp->started = false;
	sp->unusable = true;
	sp->forked = true;
}

bool
spawner_retire(struct spawner *sp)
{
	bool	had_thread = sp->started;

	spawner_settle(sp);
	if (sp->started) {
		pthread_mutex_lock(&sp->lock);
		sp->ending = true;
		pthread_cond_signal(&sp->work);
		pthread_mutex_unlock(&sp->lock);
		pthread_join(sp->thread, NULL);
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
