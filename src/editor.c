/*
 * editor: libedit on the loop.
 *
 * libedit runs in unbuffered mode: each readable event on the terminal
 * makes one el_gets call, which handles one editor command and returns.
 * Raw mode lasts only while a line is being edited; a foreground job gets
 * the terminal in cooked mode.  Our read function decodes UTF-8 itself and
 * records end of file, errors and interrupts in flags, because el_gets
 * returns the same NULL for those and for an edit that empties the line.
 * When libedit wants more keys within one command (ESC sequences, ^V,
 * searches), the read function runs the loop until a byte arrives, so
 * children are still reaped; reports wait until the command is done.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include <ev.h>
#include <histedit.h>

#include "complete.h"
#include "context.h"
#include "editline.h"
#include "editor.h"
#include "history.h"
#include "prompt.h"
#include "shell.h"
#include "shellprompt.h"
#include "source.h"
#include "strbuf.h"
#include "xmalloc.h"

#define HISTORY_DEFAULT_SIZE	1000

struct editor {
	struct source	 source;	/* first: the runner's view */
	struct shell	*sh;
	EditLine	*el;
	struct history	*hist;
	int		 fd;
	ev_io		 readable;
	ev_io		 nested;	/* inside the read function */
	ev_prepare	 flush;		/* prints reports once per turn */
	char		*prompt;
	const char	*prompt_line;	/* its last line, libedit's part */
	struct strbuf	 line;		/* a finished line for the runner */
	bool		 line_ready;
	bool		 cancelled;	/* ^C dropped a continued command */
	bool		 eof;		/* the terminal is gone */
	bool		 reading;	/* a line is being edited (raw mode) */
	bool		 in_read;	/* el_gets is waiting for a key */
	bool		 byte_ready;	/* the loop saw input */
	bool		 interrupted;
};

static struct editor *
editor_of(EditLine *el)
{
	struct editor	*ed = NULL;

	libedit->el_get(el, EL_CLIENTDATA, &ed);
	return ed;
}

struct shell *
editor_shell(EditLine *el)
{
	return editor_of(el)->sh;
}

static char *
prompt_cb(EditLine *el)
{
	return (char *)editor_of(el)->prompt_line;
}

/*
 * libedit draws one-line prompts only: the lines of a multi-line PS1
 * before its last are printed by us (without the invisible marks).
 */
static void
print_prompt_head(struct editor *ed)
{
	const char	*p;

	for (p = ed->prompt; p < ed->prompt_line; p++)
		if (*p != PROMPT_IGNORE)
			fputc(*p, stderr);
}

static void
set_prompt(struct editor *ed, bool continuation)
{
	free(ed->prompt);
	ed->prompt = shell_prompt(ed->sh, continuation);
	ed->prompt_line = strrchr(ed->prompt, '\n');
	ed->prompt_line = ed->prompt_line != NULL ? ed->prompt_line + 1 :
	    ed->prompt;
}

/* Waits for a byte, running the loop meanwhile.  False if interrupted. */
static bool
wait_for_byte(struct editor *ed)
{
	struct pollfd	pfd = { ed->fd, POLLIN, 0 };

	if (ed->byte_ready) {
		ed->byte_ready = false;
		return true;
	}
	if (poll(&pfd, 1, 0) == 1)
		return true;
	ed->in_read = true;
	ev_io_start(ed->sh->loop, &ed->nested);
	while (!ed->byte_ready && !ed->interrupted && !ed->sh->exiting)
		ev_run(ed->sh->loop, EVRUN_ONCE);
	ev_io_stop(ed->sh->loop, &ed->nested);
	ed->in_read = false;
	if (!ed->byte_ready)
		return false;
	ed->byte_ready = false;
	return true;
}

static void
nested_readable_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct editor	*ed = w->data;

	(void)revents;
	ev_io_stop(loop, w);
	ed->byte_ready = true;
}

/* libedit's read function: one character, UTF-8 decoded by us. */
static int
read_char_cb(EditLine *el, wchar_t *wc)
{
	struct editor	*ed = editor_of(el);
	mbstate_t	 st;
	char		 c;
	ssize_t		 n;
	size_t		 r;

	memset(&st, 0, sizeof st);
	for (;;) {
		if (!wait_for_byte(ed))
			return -1;
		n = read(ed->fd, &c, 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			ed->eof = true;
			return n == 0 ? 0 : -1;
		}
		r = mbrtowc(wc, &c, 1, &st);
		if (r == (size_t)-2)
			continue;
		if (r == (size_t)-1)
			*wc = 0xfffd;
		else if (r == 0)
			continue;
		return 1;
	}
}

/* Display width of a character as libedit draws it. */
static int
char_width(wchar_t c)
{
	int	w;

	if (c < 0x20 || c == 0x7f)
		return 2;
	w = wcwidth(c);
	return w < 0 ? 1 : w;
}

static int
terminal_columns(struct editor *ed)
{
	struct winsize	ws;

	if (ioctl(ed->fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Advances (row, col) over the prompt's bytes. */
static void
walk_prompt(const char *p, int cols, int *row, int *col)
{
	mbstate_t	st;
	wchar_t		wc;
	size_t		n;

	memset(&st, 0, sizeof st);
	while (*p != '\0') {
		if (*p == PROMPT_IGNORE) {
			if ((p = strchr(p + 1, PROMPT_IGNORE)) == NULL)
				return;
			p++;
			continue;
		}
		n = mbrtowc(&wc, p, MB_LEN_MAX, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			wc = (unsigned char)*p;
			n = 1;
		}
		p += n;
		if (wc == '\n') {
			(*row)++;
			*col = 0;
			continue;
		}
		*col += wc < 0x20 ? 0 : char_width(wc);
		while (*col >= cols) {
			(*row)++;
			*col -= cols;
		}
	}
}

/* The cursor's row within the edited line, counted from the prompt's. */
static int
cursor_row(struct editor *ed)
{
	const LineInfoW	*li = libedit->el_wline(ed->el);
	const wchar_t	*p;
	int		 cols = terminal_columns(ed), row = 0, col = 0;

	walk_prompt(ed->prompt, cols, &row, &col);
	for (p = li->buffer; p < li->cursor; p++) {
		col += char_width(*p);
		while (col >= cols) {
			row++;
			col -= cols;
		}
	}
	return row;
}

/* Clears the prompt and the line, runs print, and redraws both. */
static void
print_over_line(struct editor *ed, void (*print)(void *), void *arg)
{
	int	up;

	if (!ed->reading) {
		print(arg);
		return;
	}
	up = cursor_row(ed);
	fputc('\r', stderr);
	if (up > 0)
		fprintf(stderr, "\033[%dA", up);
	fputs("\033[J", stderr);
	print(arg);
	set_prompt(ed, ed->source.continuation);
	print_prompt_head(ed);
	fflush(stderr);
	libedit->el_set(ed->el, EL_REFRESH);
}

static void
print_text(void *arg)
{
	fputs(arg, stderr);
}

void
editor_print_above(EditLine *el, const char *text)
{
	print_over_line(editor_of(el), print_text, (void *)text);
}

static void
print_reports(void *arg)
{
	shell_report_jobs(arg);
}

static void
flush_cb(struct ev_loop *loop, ev_prepare *w, int revents)
{
	struct editor	*ed = w->data;

	(void)revents;
	/* Inside a key sequence (ESC b) libedit is mid-command: the
	   reports wait until it returns (readable_cb asks again). */
	if (ed->in_read)
		return;
	ev_prepare_stop(loop, w);
	if (ed->reading && ed->sh->n_reports > 0)
		print_over_line(ed, print_reports, ed->sh);
}

void
editor_reports_pending(struct editor *ed)
{
	if (ed->reading && (ed->sh->main->options & OPT_NOTIFY))
		ev_prepare_start(ed->sh->loop, &ed->flush);
}

static void
start_line(struct editor *ed)
{
	if (!ed->source.continuation)
		shell_report_jobs(ed->sh);
	set_prompt(ed, ed->source.continuation);
	print_prompt_head(ed);
	fflush(stderr);
	ed->reading = true;
	libedit->el_set(ed->el, EL_UNBUFFERED, 1);
	ev_io_start(ed->sh->loop, &ed->readable);
}

static void
end_line(struct editor *ed)
{
	struct shell	*sh = ed->sh;

	ev_io_stop(sh->loop, &ed->readable);
	libedit->el_set(ed->el, EL_UNBUFFERED, 0);
	/* libedit's cooked mode turns echo and icrnl back on: the
	   command gets the modes the last one left (stty -echo), as in
	   bash. */
	if (sh->tty_modes_saved)
		tcsetattr(sh->tty_fd, TCSADRAIN, &sh->tty_modes);
	ed->reading = false;
	fflush(stderr);
}

static void
deliver(struct editor *ed)
{
	end_line(ed);
	if (ed->source.resume_cb != NULL)
		ed->source.resume_cb(ed->source.resume_arg);
}

/* ^D on an empty line: leave, unless jobs make us warn first. */
static void
end_of_input(struct editor *ed)
{
	fputc('\n', stderr);
	if (!ed->source.continuation && !shell_may_exit(ed->sh, ed->sh->main)) {
		end_line(ed);
		start_line(ed);
		return;
	}
	ed->eof = true;
	deliver(ed);
}

/* The terminal hung up: its modes can no longer be read (EIO). */
static bool
terminal_lost(struct editor *ed)
{
	struct termios	t;

	return tcgetattr(ed->fd, &t) == -1 && errno != EINTR;
}

static void
readable_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct editor	*ed = w->data;
	const char	*got;
	int		 count = 0;

	(void)revents;
	/* No second el_gets while this one runs the loop for more keys. */
	ev_io_stop(loop, w);
	ed->byte_ready = true;
	got = libedit->el_gets(ed->el, &count);
	if (ed->reading)
		ev_io_start(loop, w);
	if (ed->interrupted) {
		ed->interrupted = false;
		editor_interrupt(ed);
		return;
	}
	if (ed->eof) {
		deliver(ed);
		return;
	}
	if (got == NULL && terminal_lost(ed)) {
		/* Nobody may send us SIGHUP (we are not the session
		   leader): a terminal that is gone is a hang-up. */
		shell_leave(ed->sh, 128 + SIGHUP);
	}
	if (got == NULL || count <= 0)
		return;
	if (count == 1 && got[0] == '\004') {
		end_of_input(ed);
		return;
	}
	if (got[count - 1] != '\n')
		return;
	strbuf_truncate(&ed->line, 0);
	strbuf_add(&ed->line, got, (size_t)count);
	history_add(ed->hist, ed->line.data);
	ed->line_ready = true;
	deliver(ed);
}

static enum source_result
editor_next_line(struct source *src, struct strbuf *out)
{
	struct editor	*ed = (struct editor *)src;

	if (ed->cancelled) {
		ed->cancelled = false;
		return SOURCE_CANCEL;
	}
	if (ed->line_ready) {
		ed->line_ready = false;
		strbuf_add(out, ed->line.data, ed->line.len);
		return SOURCE_LINE;
	}
	if (ed->eof)
		return SOURCE_EOF;
	if (!ed->reading)
		start_line(ed);
	return SOURCE_WAIT;
}

static void
editor_sync(struct source *src)
{
	(void)src;
}

static void
editor_source_free(struct source *src)
{
	(void)src;
}

static const struct source_ops editor_ops = {
	editor_next_line, editor_sync, editor_source_free
};

void
editor_interrupt(struct editor *ed)
{
	if (!ed->reading)
		return;
	if (ed->in_read) {
		ed->interrupted = true;
		return;
	}
	fputs("^C\n", stderr);
	ed->sh->main->status = 130;
	end_line(ed);
	if (ed->source.continuation) {
		ed->cancelled = true;
		deliver(ed);
		return;
	}
	start_line(ed);
}

void
editor_resize(struct editor *ed)
{
	libedit->el_resize(ed->el);
	if (ed->reading && !ed->in_read) {
		fputc('\n', stderr);
		libedit->el_set(ed->el, EL_REFRESH);
	}
}

static void
setup_history(struct editor *ed)
{
	struct context	*ctx = ed->sh->main;
	const char	*file = context_get(ctx, "HISTFILE");
	const char	*size = context_get(ctx, "HISTSIZE");
	const char	*home = context_get(ctx, "HOME");
	char		*path = NULL;
	int		 n = size != NULL ? atoi(size) : HISTORY_DEFAULT_SIZE;

	if (file == NULL && home != NULL)
		path = xasprintf("%s/.jobsh_history", home);
	ed->hist = history_new(file != NULL ? file : path,
	    n > 0 ? n : HISTORY_DEFAULT_SIZE);
	free(path);
	libedit->el_set(ed->el, EL_HIST, libedit->history,
	    history_libedit(ed->hist));
}

struct editor *
editor_new(struct shell *sh, int fd)
{
	struct editor	*ed;
	const char	*why;

	if (editline_load(&why) == -1) {
		sh_error("no line editing: %s", why);
		return NULL;
	}
	ed = xcalloc(1, sizeof *ed);

	ed->source.ops = &editor_ops;
	ed->source.interactive = true;
	ed->sh = sh;
	ed->fd = fd;
	ed->prompt = xstrdup("");
	ed->prompt_line = ed->prompt;
	ed->el = libedit->el_init("jobsh", stdin, stderr, stderr);
	libedit->el_set(ed->el, EL_CLIENTDATA, ed);
	libedit->el_set(ed->el, EL_SIGNAL, 0);
	libedit->el_set(ed->el, EL_EDITOR, "emacs");
	/* With these, libedit redraws the last row of a wrapped line
	   wrongly on xterm-like terminals; without, it rewrites the tail. */
	libedit->el_set(ed->el, EL_SETTC, "im", "", NULL);
	libedit->el_set(ed->el, EL_SETTC, "ic", "", NULL);
	libedit->el_set(ed->el, EL_SETTC, "IC", "", NULL);
	libedit->el_set(ed->el, EL_PROMPT_ESC, prompt_cb,
	    PROMPT_IGNORE);
	libedit->el_set(ed->el, EL_GETCFN, read_char_cb);
	setup_history(ed);
	libedit->el_source(ed->el, NULL);
	/* After ~/.editrc, so that Tab completes in vi mode too. */
	complete_install(ed->el);
	ev_io_init(&ed->readable, readable_cb, fd, EV_READ);
	ed->readable.data = ed;
	ev_io_init(&ed->nested, nested_readable_cb, fd, EV_READ);
	ed->nested.data = ed;
	ev_prepare_init(&ed->flush, flush_cb);
	ed->flush.data = ed;
	return ed;
}

void
editor_free(struct editor *ed)
{
	if (ed == NULL)
		return;
	if (ed->reading)
		end_line(ed);
	ev_prepare_stop(ed->sh->loop, &ed->flush);
	libedit->el_end(ed->el);
	history_free(ed->hist);
	strbuf_free(&ed->line);
	free(ed->prompt);
	free(ed);
}

struct source *
editor_source(struct editor *ed)
{
	return &ed->source;
}

struct history *
editor_history(struct editor *ed)
{
	return ed->hist;
}
