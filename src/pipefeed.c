/*
 * pipefeed: captured builtin output, written into a pipe without blocking.
 *
 * The pipe's descriptor may be shared with other processes, so it is
 * never made non-blocking; instead each write is no larger than the room
 * the pipe has (its size less the bytes unread), which a blocking write
 * fills without waiting.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ev.h>

#include "context.h"
#include "future.h"
#include "pipefeed.h"
#include "shell.h"
#include "xmalloc.h"

#define FEED_CHUNK	65536

struct feed {
	struct ev_loop	*loop;
	const char	*name;		/* the builtin's, for errors */
	ev_io		 writable;
	int		 out_fd;
	int		 data_fd;
	long		 off;
	long		 len;
	int		 status;
	struct future	*done;
};

int
pipefeed_wanted(int fd)
{
	struct stat	st;

	return fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
}

/* Bytes a write can put into the pipe now without blocking. */
static long
pipe_room(int fd)
{
	int	size, unread;

	if ((size = fcntl(fd, F_GETPIPE_SZ)) == -1 ||
	    ioctl(fd, FIONREAD, &unread) == -1)
		return 0;
	return size > unread ? size - unread : 0;
}

/* With the pipe full, whether its readers are all gone. */
static bool
readers_gone(int fd)
{
	struct pollfd	pfd = { fd, POLLOUT, 0 };

	return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLERR);
}

/* Writes what fits; returns -1 when the reader is gone or on error. */
static int
feed_some(struct feed *f)
{
	char	 buf[FEED_CHUNK];
	long	 room = pipe_room(f->out_fd), want;
	ssize_t	 got, put;

	if (room == 0 && readers_gone(f->out_fd)) {
		errno = EPIPE;
		return -1;
	}
	while (room > 0 && f->off < f->len) {
		want = f->len - f->off;
		if (want > room)
			want = room;
		if (want > (long)sizeof buf)
			want = sizeof buf;
		got = pread(f->data_fd, buf, (size_t)want, f->off);
		if (got <= 0)
			return -1;
		put = write(f->out_fd, buf, (size_t)got);
		if (put == -1 && errno == EINTR)
			continue;
		if (put <= 0)
			return -1;
		f->off += put;
		room -= put;
	}
	return 0;
}

static int
feed_fail(struct feed *f)
{
	return sh_write_failed(f->name, errno);
}

static void
feed_end(struct feed *f, int status)
{
	ev_io_stop(f->loop, &f->writable);
	close(f->out_fd);
	close(f->data_fd);
	future_resolve(f->done, status);
	future_unref(f->done);
	free(f);
}

static void
feed_writable_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct feed	*f = w->data;

	(void)loop;
	(void)revents;
	if (feed_some(f) == -1)
		feed_end(f, feed_fail(f));
	else if (f->off >= f->len)
		feed_end(f, f->status);
}

struct future *
pipefeed_start(struct context *ctx, const char *name, int out_fd, int data_fd,
    long len, int status)
{
	struct feed	*f = xcalloc(1, sizeof *f);
	struct future	*result;

	f->loop = ctx->shell->loop;
	f->name = name;
	f->out_fd = out_fd;
	f->data_fd = data_fd;
	f->len = len;
	f->status = status;
	f->done = future_new(ctx->shell->sched);
	result = future_ref(f->done);
	if (feed_some(f) == -1)
		feed_end(f, feed_fail(f));
	else if (f->off >= f->len)
		feed_end(f, status);
	else {
		ev_io_init(&f->writable, feed_writable_cb, out_fd, EV_WRITE);
		f->writable.data = f;
		ev_io_start(f->loop, &f->writable);
	}
	return result;
}
