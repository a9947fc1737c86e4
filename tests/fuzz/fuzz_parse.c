/*
 * fuzz_parse: libFuzzer target for parse_command.
 *
 * The input is a script.  It is parsed twice:
 *
 *   - as the runner feeds it (src/runner.c over src/source.c): NUL bytes
 *     dropped, one line at a time, the text accumulated while the parser
 *     says PARSE_INCOMPLETE, the parsed prefix dropped after PARSE_OK and
 *     the whole text after PARSE_ERROR (as an interactive shell goes on);
 *     each result is compared with a parse of everything that is left of
 *     the input, which must be the same command: parse.h promises that
 *     nothing after the newline ending the first command is looked at
 *     (only the display texts may differ, where one parse cut a text
 *     with "..." past its text budget: the cut text must begin the
 *     other);
 *   - as raw bytes, NULs included, one command after another.
 *
 * Every tree is walked and checked against the invariants of ast.h, so
 * that the sanitizers see each node and string.
 *
 * Built by `make fuzz` (see the end of the Makefile).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "strbuf.h"
#include "strvec.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * A tree as a canonical string of its shape, with the display texts
 * apart: a text is cut ("...") once a parse has used its text budget,
 * which depends on the length of the source, so two parses of the same
 * command may cut different texts.
 */
struct dump {
	struct strbuf	shape;
	struct strvec	texts;
};

static void	walk_list(const struct ast_list *, struct dump *);

static void
check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_parse: broken invariant: %s\n", what);
		abort();
	}
}

/* A string in the canonical dump: length-prefixed, so unambiguous. */
static void
dump_str(struct strbuf *out, const char *s)
{
	char	num[32];

	snprintf(num, sizeof num, "%zu:", strlen(s));
	strbuf_addstr(out, num);
	strbuf_addstr(out, s);
}

static void
dump_text(struct dump *d, const char *s)
{
	strbuf_addch(&d->shape, 'T');
	strvec_push(&d->texts, s);
}

static bool
is_cut(const char *s, size_t *keep)
{
	size_t	n = strlen(s);

	*keep = n;
	if (n < 3 || strcmp(s + n - 3, "...") != 0)
		return false;
	*keep = n - 3;
	return true;
}

/* Equal texts, or a cut one that is the start of the other. */
static bool
same_text(const char *a, const char *b)
{
	size_t	ka, kb;
	bool	cut_a = is_cut(a, &ka), cut_b = is_cut(b, &kb);

	if (cut_a && strncmp(a, b, ka) == 0)
		return true;
	if (cut_b && strncmp(a, b, kb) == 0)
		return true;
	return strcmp(a, b) == 0;
}

/* Aborts, showing where, unless a and b are the same tree. */
static void
check_same_dump(struct dump *a, struct dump *b)
{
	char	**ta = strvec_argv(&a->texts), **tb = strvec_argv(&b->texts);
	size_t	  i;

	if (a->shape.len != b->shape.len ||
	    memcmp(a->shape.data, b->shape.data, a->shape.len) != 0 ||
	    a->texts.n != b->texts.n) {
		fprintf(stderr, "fuzz_parse: a line-by-line parse and a "
		    "parse of the rest differ\n  lines: %s\n  rest:  %s\n",
		    a->shape.data, b->shape.data);
		abort();
	}
	for (i = 0; i < a->texts.n; i++)
		if (!same_text(ta[i], tb[i])) {
			fprintf(stderr, "fuzz_parse: a line-by-line parse and "
			    "a parse of the rest differ in text %zu\n"
			    "  lines: %s\n  rest:  %s\n", i, ta[i], tb[i]);
			abort();
		}
}

static void
dump_clear(struct dump *d)
{
	strbuf_truncate(&d->shape, 0);
	strvec_clear(&d->texts);
}

static void
walk_words(char *const *v, size_t n, struct strbuf *out)
{
	size_t	i;

	check(v != NULL && v[n] == NULL, "word vector NULL-terminated");
	for (i = 0; i < n; i++) {
		check(strlen(v[i]) > 0, "words are not empty");
		dump_str(out, v[i]);
	}
	strbuf_addch(out, ';');
}

static void
walk_command(const struct ast_command *c, struct dump *d)
{
	struct strbuf	*out = &d->shape;
	char		 num[48];
	size_t		 i;

	strbuf_addch(out, c->kind == AST_SUBSHELL ? 'S' : 'C');
	walk_words(c->assigns, c->n_assigns, out);
	walk_words(c->words, c->n_words, out);
	for (i = 0; i < c->n_redirs; i++) {
		check(c->redirs[i].fd >= 0, "redirection fd >= 0");
		check(c->redirs[i].op >= AST_REDIR_IN &&
		    c->redirs[i].op <= AST_REDIR_DUP_IN, "redirection op");
		check(strlen(c->redirs[i].target) > 0,
		    "redirection target not empty");
		snprintf(num, sizeof num, "R%d,%d,", c->redirs[i].fd,
		    (int)c->redirs[i].op);
		strbuf_addstr(out, num);
		dump_str(out, c->redirs[i].target);
	}
	if (c->kind == AST_SUBSHELL) {
		check(c->body != NULL && c->n_words == 0 && c->n_assigns == 0,
		    "subshell: a body, no words");
		strbuf_addch(out, '(');
		walk_list(c->body, d);
		strbuf_addch(out, ')');
	} else {
		check(c->kind == AST_SIMPLE, "command kind");
		check(c->body == NULL, "simple command: no body");
		check(c->n_words + c->n_assigns + c->n_redirs > 0,
		    "simple command not empty");
	}
}

static void
walk_list(const struct ast_list *l, struct dump *d)
{
	struct strbuf			*out = &d->shape;
	const struct ast_and_or		*ao;
	const struct ast_pipeline	*pl;
	size_t				 i, j, k;

	check(l->n_items >= 1, "list not empty");
	for (i = 0; i < l->n_items; i++) {
		ao = &l->items[i];
		check(ao->n_pipelines >= 1 && strlen(ao->text) > 0,
		    "and-or: pipelines and text");
		strbuf_addstr(out, ao->background ? "&" : "A");
		dump_text(d, ao->text);
		for (j = 0; j < ao->n_pipelines; j++) {
			if (j > 0) {
				check(ao->connectors[j - 1] == AST_AND ||
				    ao->connectors[j - 1] == AST_OR,
				    "connector");
				strbuf_addstr(out, ao->connectors[j - 1] ==
				    AST_AND ? "&&" : "||");
			}
			pl = &ao->pipelines[j];
			check(pl->n_commands >= 1 && strlen(pl->text) > 0,
			    "pipeline: commands and text");
			strbuf_addstr(out, pl->negated ? "!P" : "P");
			dump_text(d, pl->text);
			for (k = 0; k < pl->n_commands; k++)
				walk_command(&pl->commands[k], d);
		}
	}
}

/* Checks one result against parse.h and dumps it (d may be NULL). */
static void
walk_result(const struct parse_result *r, const char *src, size_t len,
    struct dump *d)
{
	struct dump	 scratch = { STRBUF_INIT, STRVEC_INIT };
	struct strbuf	*out;
	char		 num[32];

	if (d == NULL)
		d = &scratch;
	out = &d->shape;
	switch (r->status) {
	case PARSE_INCOMPLETE:
		check(r->program == NULL && r->error == NULL,
		    "incomplete: no program, no error");
		strbuf_addstr(out, "INCOMPLETE");
		break;
	case PARSE_ERROR:
		check(r->program == NULL, "error: no program");
		check(r->error != NULL &&
		    strncmp(r->error, "syntax error near ", 18) == 0,
		    "error message");
		check(r->consumed > 0 && r->consumed <= len,
		    "error: consumed in 1..len");
		check(r->consumed == len || src[r->consumed - 1] == '\n',
		    "error: consumed through the end of a line");
		snprintf(num, sizeof num, "ERROR%zu:", r->consumed);
		strbuf_addstr(out, num);
		strbuf_addstr(out, r->error);
		break;
	case PARSE_OK:
		check(r->error == NULL, "ok: no error");
		check(r->program != NULL && r->program->refs == 1,
		    "ok: a program with one reference");
		check(r->consumed <= len && (len == 0 || r->consumed > 0),
		    "ok: consumed in 1..len");
		check(r->consumed == len || src[r->consumed - 1] == '\n',
		    "ok: consumed through a newline");
		snprintf(num, sizeof num, "OK%zu:", r->consumed);
		strbuf_addstr(out, num);
		if (r->program->list != NULL)
			walk_list(r->program->list, d);
		break;
	default:
		check(0, "status");
	}
	strbuf_free(&scratch.shape);
	strvec_clear(&scratch.texts);
}

static void
release(struct parse_result *r)
{
	free(r->error);
	if (r->program != NULL)
		ast_program_unref(r->program);
}

/* The runner's way, with each result checked against the rest of s. */
static void
as_the_runner_does(const char *s, size_t len)
{
	struct strbuf		 text = STRBUF_INIT;
	struct dump		 a = { STRBUF_INIT, STRVEC_INIT },
				 b = { STRBUF_INIT, STRVEC_INIT };
	struct parse_result	 r, full;
	size_t			 pos = 0;	/* next line to read */
	size_t			 off = 0;	/* where text starts in s */
	const char		*nl;
	size_t			 n;
	int			 need_line = 1;

	for (;;) {
		if (need_line || text.len == 0) {
			if (pos >= len)
				break;	/* EOF (an error if text.len > 0) */
			nl = memchr(s + pos, '\n', len - pos);
			n = nl != NULL ? (size_t)(nl - s) + 1 - pos : len - pos;
			strbuf_add(&text, s + pos, n);
			pos += n;
			need_line = 0;
		}
		check(off + text.len == pos &&
		    memcmp(text.data, s + off, text.len) == 0,
		    "runner text is a slice of the input");
		parse_command(text.data, text.len, &r);
		if (r.status != PARSE_INCOMPLETE) {
			dump_clear(&a);
			dump_clear(&b);
			walk_result(&r, text.data, text.len, &a);
			parse_command(s + off, len - off, &full);
			walk_result(&full, s + off, len - off, &b);
			release(&full);
			check_same_dump(&a, &b);
		} else
			walk_result(&r, text.data, text.len, NULL);
		switch (r.status) {
		case PARSE_INCOMPLETE:
			need_line = 1;
			break;
		case PARSE_ERROR:
			off += text.len;
			strbuf_truncate(&text, 0);
			break;
		case PARSE_OK:
			memmove(text.data, text.data + r.consumed,
			    text.len - r.consumed + 1);
			text.len -= r.consumed;
			off += r.consumed;
			break;
		}
		release(&r);
	}
	strbuf_free(&text);
	dump_clear(&a);
	dump_clear(&b);
	strbuf_free(&a.shape);
	strbuf_free(&b.shape);
}

/* Raw bytes, NULs included, one command after another. */
static void
raw(const char *src, size_t size)
{
	struct parse_result	r;

	for (;;) {
		parse_command(src, size, &r);
		walk_result(&r, src, size, NULL);
		if (r.status == PARSE_INCOMPLETE)
			break;
		release(&r);
		src += r.consumed;
		size -= r.consumed;
		if (size == 0)
			break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1);
	size_t	 i, n = 0;

	if (s == NULL)
		return 0;
	for (i = 0; i < size; i++)	/* as source.c: NULs dropped */
		if (data[i] != '\0')
			s[n++] = (char)data[i];
	s[n] = '\0';
	as_the_runner_does(s, n);
	free(s);
	raw((const char *)data, size);
	return 0;
}
