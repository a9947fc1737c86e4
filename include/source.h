/*
 * source: where command text comes from — a string (-c, a script file, the
 * source builtin) or a descriptor (stdin in script mode) — delivered a line
 * at a time.
 *
 * A descriptor source never consumes input beyond the line it returns
 * before that line has run (POSIX): on a pipe it reads byte by byte, on a
 * seekable file it reads ahead and seeks back in source_sync.
 */
#ifndef JOBSH_SOURCE_H
#define JOBSH_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

struct ev_loop;
struct source;
struct strbuf;

enum source_result {
	SOURCE_LINE,		/* a line was appended */
	SOURCE_EOF,		/* no more input */
	SOURCE_WAIT,		/* nothing yet: resume_cb comes later */
	SOURCE_CANCEL,		/* the user dropped the partial command */
};

typedef void source_resume_cb(void *arg);

struct source_ops {
	enum source_result	(*next_line)(struct source *, struct strbuf *);
	void			(*sync)(struct source *);
	void			(*free)(struct source *);
};

struct source {
	const struct source_ops	*ops;
	source_resume_cb	*resume_cb;
	void			*resume_arg;
	bool			 interactive;	/* errors do not end it */
	bool			 continuation;	/* set by the reader: the
						   next line continues a
						   command (PS2) */
};

struct source	*source_new_string(const char *text, size_t len);
struct source	*source_new_fd(struct ev_loop *, int fd);
/* A whole file read at once (scripts, source); NULL with errno. */
struct source	*source_new_file(const char *path);

enum source_result	source_next_line(struct source *, struct strbuf *);
/* For sources: appends bytes, dropping NULs (as bash does, quietly). */
void			source_append_text(struct strbuf *, const char *,
			    size_t);
/* Before a command runs: give back what was read beyond it. */
void			source_sync(struct source *);
void			source_free(struct source *);

#endif
