/*
 * source: lines from strings and descriptors, without read-ahead.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ev.h>

#include "source.h"
#include "strbuf.h"
#include "xmalloc.h"

#define CHUNK		4096
#define SMALL_CHUNK	256

struct string_source {
	struct source	 base;
	char		*text;
	size_t		 len;
	size_t		 pos;
};

struct fd_source {
	struct source	 base;
	struct ev_loop	*loop;
	int		 fd;
	bool		 seekable;
	bool		 eof;
	bool		 ready;		/* the loop said input is there */
	ev_io		 watcher;
	char		*buf;		/* read ahead, seekable only */
	size_t		 cap;
	size_t		 len;
	size_t		 pos;
};

void
source_append_text(struct strbuf *out, const char *s, size_t n)
{
	const char	*nul;

	while (n > 0 && (nul = memchr(s, '\0', n)) != NULL) {
		strbuf_add(out, s, (size_t)(nul - s));
		n -= (size_t)(nul - s) + 1;
		s = nul + 1;
	}
	strbuf_add(out, s, n);
}

static enum source_result
string_next_line(struct source *src, struct strbuf *out)
{
	struct string_source	*s = (struct string_source *)src;
	const char		*start = s->text + s->pos, *nl;
	size_t			 n;

	if (s->pos >= s->len)
		return SOURCE_EOF;
	nl = memchr(start, '\n', s->len - s->pos);
	n = nl != NULL ? (size_t)(nl - start) + 1 : s->len - s->pos;
	source_append_text(out, start, n);
	s->pos += n;
	return SOURCE_LINE;
}

static void
string_sync(struct source *src)
{
	(void)src;
}

static void
string_free(struct source *src)
{
	struct string_source	*s = (struct string_source *)src;

	free(s->text);
	free(s);
}

static const struct source_ops string_ops = {
	string_next_line, string_sync, string_free
};

struct source *
source_new_string(const char *text, size_t len)
{
	struct string_source	*s = xcalloc(1, sizeof *s);

	s->base.ops = &string_ops;
	s->text = xmalloc(len + 1);
	memcpy(s->text, text, len);
	s->len = len;
	return &s->base;
}

struct source *
source_new_file(const char *path)
{
	struct strbuf	 sb = STRBUF_INIT;
	struct source	*src;
	char		 buf[65536];
	ssize_t		 n;
	int		 fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			close(fd);
			strbuf_free(&sb);
			errno = saved;
			return NULL;
		}
		strbuf_add(&sb, buf, (size_t)n);
	}
	close(fd);
	src = source_new_string(strbuf_str(&sb), sb.len);
	strbuf_free(&sb);
	return src;
}

static void
fd_readable_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct fd_source	*s = w->data;

	(void)revents;
	ev_io_stop(loop, w);
	s->ready = true;
	if (s->base.resume_cb != NULL)
		s->base.resume_cb(s->base.resume_arg);
}

/* Seekable input: serve lines from a chunk, refilled as needed. */
static enum source_result
seekable_next_line(struct fd_source *s, struct strbuf *out)
{
	const char	*nl;
	ssize_t		 n;
	size_t		 take, start = out->len;

	for (;;) {
		if (s->pos < s->len) {
			nl = memchr(s->buf + s->pos, '\n', s->len - s->pos);
			take = nl ? (size_t)(nl - (s->buf + s->pos)) + 1 :
			    s->len - s->pos;
			source_append_text(out, s->buf + s->pos, take);
			s->pos += take;
			if (nl != NULL)
				return SOURCE_LINE;
		}
		if (s->eof)
			return out->len > start ? SOURCE_LINE : SOURCE_EOF;
		s->pos = s->len = 0;
		n = read(s->fd, s->buf, s->cap);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			s->eof = true;
			continue;
		}
		s->len = (size_t)n;
	}
}

/* A pipe or terminal: one byte at a time, so nothing is read ahead. */
static enum source_result
stream_next_line(struct fd_source *s, struct strbuf *out, bool *got)
{
	char	c;
	ssize_t	n;

	for (;;) {
		n = read(s->fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			s->eof = true;
			return *got ? SOURCE_LINE : SOURCE_EOF;
		}
		*got = true;
		if (c != '\0')
			strbuf_addch(out, c);
		if (c == '\n')
			return SOURCE_LINE;
	}
}

static enum source_result
fd_next_line(struct source *src, struct strbuf *out)
{
	struct fd_source	*s = (struct fd_source *)src;
	bool			 got = false;

	if (s->seekable)
		return seekable_next_line(s, out);
	if (s->eof)
		return SOURCE_EOF;
	if (!s->ready) {
		/* First ask the loop whether input is there, so timers and
		   children are served while the writer is quiet. */
		ev_io_start(s->loop, &s->watcher);
		return SOURCE_WAIT;
	}
	s->ready = false;
	return stream_next_line(s, out, &got);
}

static void
fd_sync(struct source *src)
{
	struct fd_source	*s = (struct fd_source *)src;

	if (!s->seekable || s->pos >= s->len)
		return;
	lseek(s->fd, -(off_t)(s->len - s->pos), SEEK_CUR);
	s->pos = s->len = 0;
	s->eof = false;
}

static void
fd_free(struct source *src)
{
	struct fd_source	*s = (struct fd_source *)src;

	ev_io_stop(s->loop, &s->watcher);
	free(s->buf);
	free(s);
}

static const struct source_ops fd_ops = { fd_next_line, fd_sync, fd_free };

struct source *
source_new_fd(struct ev_loop *loop, int fd)
{
	struct fd_source	*s = xcalloc(1, sizeof *s);
	struct stat		 st;

	s->base.ops = &fd_ops;
	s->loop = loop;
	s->fd = fd;
	/* A regular file can always seek. */
	s->seekable = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (s->seekable) {
		/* A short script gets a short buffer: no heap page to fault
		   in for a few bytes.  A file that grows is still read. */
		s->cap = st.st_size < CHUNK - SMALL_CHUNK ?
		    (size_t)st.st_size + SMALL_CHUNK : CHUNK;
		s->buf = xmalloc(s->cap);
	}
	ev_io_init(&s->watcher, fd_readable_cb, fd, EV_READ);
	s->watcher.data = s;
	return &s->base;
}

enum source_result
source_next_line(struct source *src, struct strbuf *out)
{
	return src->ops->next_line(src, out);
}

void
source_sync(struct source *src)
{
	src->ops->sync(src);
}

void
source_free(struct source *src)
{
	if (src != NULL)
		src->ops->free(src);
}
