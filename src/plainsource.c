/*
 * plainsource: a prompt and job reports in front of a descriptor source.
 *
 * On a terminal it reads by itself, a line discipline's read at a time
 * (never more than one line: nothing is read ahead), from the loop: a
 * line cut short by ^D waits there, where ^C can drop it.  It reads
 * through a non-blocking descriptor of its own: a ^C that flushes the
 * input between the loop's poll and the read must not leave the shell
 * blocked in read(2), and the descriptor children share must stay as
 * it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ev.h>

#include "context.h"
#include "plainsource.h"
#include "prompt.h"
#include "redir.h"
#include "shell.h"
#include "shellprompt.h"
#include "source.h"
#include "strbuf.h"
#include "xmalloc.h"

struct plain_source {
	struct source	 base;
	struct shell	*sh;
	struct source	*inner;		/* pipes and files (jobsh -i) */
	int		 tty;		/* or our own fd of the terminal */
	ev_io		 readable;
	bool		 ready;		/* the loop said input is there */
	struct strbuf	 partial;	/* typed, sent by ^D, no newline */
	bool		 prompted;	/* for the line being read */
	bool		 cancelled;	/* ^C dropped a continued command */
};

static void
print_prompt(struct plain_source *p)
{
	char	*prompt = shell_prompt(p->sh, p->base.continuation);
	char	*from, *to = prompt;

	for (from = prompt; *from != '\0'; from++)
		if (*from != PROMPT_IGNORE)
			*to++ = *from;
	*to = '\0';
	fputs(prompt, stderr);	/* stderr is unbuffered: one write */
	fflush(stderr);
	free(prompt);
}

static void
inner_resumed(void *arg)
{
	struct plain_source	*p = arg;

	if (p->base.resume_cb != NULL)
		p->base.resume_cb(p->base.resume_arg);
}

static void
tty_readable_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct plain_source	*p = w->data;

	(void)revents;
	ev_io_stop(loop, w);
	p->ready = true;
	inner_resumed(p);
}

static enum source_result
tty_wait(struct plain_source *p)
{
	ev_io_start(p->sh->loop, &p->readable);
	return SOURCE_WAIT;
}

static enum source_result
tty_line(struct plain_source *p, struct strbuf *out)
{
	source_append_text(out, p->partial.data, p->partial.len);
	strbuf_truncate(&p->partial, 0);
	return SOURCE_LINE;
}

static enum source_result
tty_next_line(struct plain_source *p, struct strbuf *out)
{
	char	buf[4096];
	ssize_t	n;

	if (!p->ready)
		return tty_wait(p);
	p->ready = false;
	n = read(p->tty, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return tty_wait(p);
	if (n <= 0) {
		if (p->partial.len == 0)
			return SOURCE_EOF;
		/* ^D after text, then ^D again: the text is the line. */
		strbuf_addch(&p->partial, '\n');
		return tty_line(p, out);
	}
	strbuf_add(&p->partial, buf, (size_t)n);
	if (buf[n - 1] == '\n')
		return tty_line(p, out);
	return tty_wait(p);
}

static void
prompt_once(struct plain_source *p)
{
	if (p->prompted)
		return;
	shell_report_jobs(p->sh);
	print_prompt(p);
	p->prompted = true;
}

static enum source_result
plain_next_line(struct source *src, struct strbuf *out)
{
	struct plain_source	*p = (struct plain_source *)src;
	enum source_result	 res;

	if (p->cancelled) {
		p->cancelled = false;
		return SOURCE_CANCEL;
	}
	for (;;) {
		prompt_once(p);
		res = p->tty >= 0 ? tty_next_line(p, out) :
		    source_next_line(p->inner, out);
		if (res == SOURCE_WAIT)
			return res;
		p->prompted = false;
		if (res != SOURCE_EOF)
			return res;
		/* ^D is not echoed: end the prompt's row. */
		fputc('\n', stderr);
		if (src->continuation || shell_may_exit(p->sh, p->sh->main))
			return res;
	}
}

static void
plain_sync(struct source *src)
{
	source_sync(((struct plain_source *)src)->inner);
}

void
plain_source_interrupt(struct source *src)
{
	struct plain_source	*p = (struct plain_source *)src;

	if (!p->prompted)
		return;		/* a command runs: not ours */
	fputc('\n', stderr);	/* after the terminal's own "^C" */
	p->sh->main->status = 130;
	p->prompted = false;
	strbuf_truncate(&p->partial, 0);
	if (src->continuation) {
		p->cancelled = true;
		if (src->resume_cb != NULL)
			src->resume_cb(src->resume_arg);
		return;
	}
	prompt_once(p);
}

static void
plain_free(struct source *src)
{
	struct plain_source	*p = (struct plain_source *)src;

	if (p->sh->plain == src)
		p->sh->plain = NULL;
	ev_io_stop(p->sh->loop, &p->readable);
	if (p->tty >= 0)
		close(p->tty);
	strbuf_free(&p->partial);
	source_free(p->inner);
	free(p);
}

/* A descriptor of fd's terminal, above the user's range: non-blocking
   when the terminal can be opened again, else a copy of fd; -1 when fd
   is no terminal. */
static int
open_terminal(int fd)
{
	const char	*path;
	int		 own, high;

	if (!isatty(fd))
		return -1;
	if ((path = ttyname(fd)) == NULL ||
	    (own = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return redir_dup_high(fd);
	high = redir_dup_high(own);
	close(own);
	return high;
}

static const struct source_ops plain_ops = {
	plain_next_line, plain_sync, plain_free
};

struct source *
plain_source_new(struct shell *sh, struct source *inner, int fd)
{
	struct plain_source	*p = xcalloc(1, sizeof *p);

	p->base.ops = &plain_ops;
	p->base.interactive = true;
	p->sh = sh;
	p->inner = inner;
	inner->resume_cb = inner_resumed;
	inner->resume_arg = p;
	p->tty = open_terminal(fd);
	ev_io_init(&p->readable, tty_readable_cb, p->tty, EV_READ);
	p->readable.data = p;
	return &p->base;
}
