/*
 * history: entries in memory and appended to $HISTFILE.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "editline.h"
#include "history.h"
#include "strbuf.h"
#include "xmalloc.h"

struct history {
	History		 *el;
	char		 *path;
	char		**entries;	/* ring of size, oldest at first */
	size_t		  size;
	size_t		  first;
	size_t		  count;
};

static void
remember(struct history *h, const char *line)
{
	HistEvent	 ev;
	size_t		 slot;

	slot = (h->first + h->count) % h->size;
	if (h->count == h->size) {
		free(h->entries[h->first]);
		h->first = (h->first + 1) % h->size;
	} else
		h->count++;
	h->entries[slot] = xstrdup(line);
	libedit->history(h->el, &ev, H_ENTER, line);
}

/* Keeps the file near the configured size: rewrites it when it is more
   than twice as long, under the same lock appenders take. */
static void
load_file(struct history *h)
{
	struct strbuf	 data = STRBUF_INIT;
	char		 buf[65536], *line, *nl;
	ssize_t		 n;
	size_t		 lines = 0;
	int		 fd;

	if ((fd = open(h->path, O_RDWR | O_CLOEXEC)) == -1)
		return;
	flock(fd, LOCK_EX);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		strbuf_add(&data, buf, (size_t)n);
	for (line = data.data; line != NULL && *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			break;
		*nl = '\0';
		lines++;
		if (*line != '\0')
			remember(h, line);
	}
	if (lines > 2 * h->size && ftruncate(fd, 0) == 0) {
		struct strbuf	out = STRBUF_INIT;
		size_t		i;

		for (i = 0; i < h->count; i++) {
			strbuf_addstr(&out, history_get(h, i));
			strbuf_addch(&out, '\n');
		}
		if (pwrite(fd, out.data, out.len, 0) != (ssize_t)out.len)
			fprintf(stderr, "jobsh: %s: %s\n", h->path,
			    strerror(errno));
		strbuf_free(&out);
	}
	flock(fd, LOCK_UN);
	close(fd);
	strbuf_free(&data);
}

struct history *
history_new(const char *path, int size)
{
	struct history	*h = xcalloc(1, sizeof *h);
	HistEvent	 ev;

	h->size = size > 0 ? (size_t)size : 1;
	h->entries = xcalloc(h->size, sizeof *h->entries);
	h->el = libedit->history_init();
	libedit->history(h->el, &ev, H_SETSIZE, (int)h->size);
	libedit->history(h->el, &ev, H_SETUNIQUE, 1);
	if (path != NULL && *path != '\0') {
		h->path = xstrdup(path);
		load_file(h);
	}
	return h;
}

void
history_free(struct history *h)
{
	if (h == NULL)
		return;
	history_clear(h);
	libedit->history_end(h->el);
	free(h->entries);
	free(h->path);
	free(h);
}

static void
append_to_file(struct history *h, const char *line)
{
	char	*text;
	size_t	 len;
	int	 fd;

	if (h->path == NULL)
		return;
	fd = open(h->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1)
		return;
	text = xasprintf("%s\n", line);
	len = strlen(text);
	flock(fd, LOCK_EX);
	if (write(fd, text, len) != (ssize_t)len)
		fprintf(stderr, "jobsh: %s: %s\n", h->path, strerror(errno));
	flock(fd, LOCK_UN);
	close(fd);
	free(text);
}

void
history_add(struct history *h, const char *line)
{
	size_t	len = strcspn(line, "\n");
	char	*entry;

	if (len == 0 || line[0] == ' ')
		return;
	entry = xstrndup(line, len);
	if (h->count == 0 || strcmp(history_get(h, h->count - 1), entry) != 0) {
		remember(h, entry);
		append_to_file(h, entry);
	}
	free(entry);
}

void
history_clear(struct history *h)
{
	HistEvent	ev;
	size_t		i;

	for (i = 0; i < h->count; i++)
		free(h->entries[(h->first + i) % h->size]);
	h->first = h->count = 0;
	libedit->history(h->el, &ev, H_CLEAR);
}

size_t
history_count(const struct history *h)
{
	return h->count;
}

const char *
history_get(const struct history *h, size_t i)
{
	return i < h->count ? h->entries[(h->first + i) % h->size] : NULL;
}

History *
history_libedit(struct history *h)
{
	return h->el;
}
