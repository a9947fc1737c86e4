/*
 * parse: the lexer and recursive-descent parser of the command language
 * (spec 2), from raw bytes to a struct ast_program.
 *
 * The lexer runs on demand, one token of lookahead, so nothing after the
 * newline that ends the first command is ever looked at: an unclosed quote
 * on the next line must not make this one incomplete.  Words are only
 * delimited here, never interpreted; the expander reads them later.
 *
 * Failures set p->status once (the first one wins) and every function
 * returns false up the chain; all nodes are in p->arena, so giving up frees
 * everything with one call.
 */
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "arena.h"
#include "ast.h"
#include "parse.h"
#include "strbuf.h"

/*
 * Parentheses nest by recursion, so their depth is capped to keep the C
 * stack bounded; ${ and " nest in a fixed array, with the same cap.
 */
#define PARSE_MAX_DEPTH	1000

/*
 * Once the text fields have used this much more than the source, further
 * ones are cut to PARSE_TEXT_CUT bytes: deeply nested subshells would
 * otherwise copy the same bytes once per level.
 */
#define PARSE_TEXT_SLACK	65536
#define PARSE_TEXT_CUT		64

enum token_type {
	TOK_EOF,
	TOK_NEWLINE,
	TOK_WORD,
	TOK_IO_NUMBER,		/* digits touching < or > */
	TOK_SEMI,
	TOK_DSEMI,		/* ;; of case, which the language lacks */
	TOK_AMP,
	TOK_PIPE,
	TOK_AND_IF,
	TOK_OR_IF,
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_LESS,
	TOK_GREAT,
	TOK_DGREAT,
	TOK_CLOBBER,
	TOK_LESSGREAT,
	TOK_GREATAND,
	TOK_LESSAND,
	TOK_FAILED,		/* the lexer gave up; p->status says why */
};

static const char *const token_names[] = {
	[TOK_SEMI] = ";",
	[TOK_DSEMI] = ";;",
	[TOK_AMP] = "&",
	[TOK_PIPE] = "|",
	[TOK_AND_IF] = "&&",
	[TOK_OR_IF] = "||",
	[TOK_LPAREN] = "(",
	[TOK_RPAREN] = ")",
	[TOK_LESS] = "<",
	[TOK_GREAT] = ">",
	[TOK_DGREAT] = ">>",
	[TOK_CLOBBER] = ">|",
	[TOK_LESSGREAT] = "<>",
	[TOK_GREATAND] = ">&",
	[TOK_LESSAND] = "<&",
};

/* Words that would start control flow, refused in command position. */
static const char *const reserved_words[] = {
	"if", "then", "else", "elif", "fi", "do", "done", "case", "esac",
	"while", "until", "for", "in", "select", "function", "{", "}", "[[",
	"]]", "time",
};

struct token {
	enum token_type	 type;
	size_t		 start;
	size_t		 end;
};

struct parser {
	const char		*src;
	size_t			 len;
	size_t			 pos;		/* where the lexer goes on */

	struct token		 tok;		/* the lookahead */
	bool			 peeked;
	size_t			 last_end;	/* end of the last token used */

	struct arena		*arena;
	unsigned		 depth;		/* open parentheses */
	char			**empty;	/* { NULL }, shared */
	size_t			 text_budget;

	enum parse_status	 status;
	char			*error;
	size_t			 error_at;
};

/* Word scanning modes, kept on a stack while quotes and ${ nest. */
enum word_mode {
	WORD_PLAIN,
	WORD_DQUOTE,
	WORD_BRACE,
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_operator(char c)
{
	switch (c) {
	case ';':
	case '&':
	case '|':
	case '<':
	case '>':
	case '(':
	case ')':
	case '\n':
		return true;
	}
	return false;
}

/* Records a syntax error, "near end of line" when near is NULL. */
static void
fail_near(struct parser *p, size_t at, const char *near, size_t nearlen,
    const char *why)
{
	struct strbuf	sb = STRBUF_INIT;

	if (p->status != PARSE_OK)
		return;
	strbuf_addstr(&sb, "syntax error near ");
	if (near == NULL)
		strbuf_addstr(&sb, "end of line");
	else {
		strbuf_addch(&sb, '\'');
		strbuf_add(&sb, near, nearlen);
		strbuf_addch(&sb, '\'');
	}
	if (why != NULL) {
		strbuf_addstr(&sb, ": ");
		strbuf_addstr(&sb, why);
	}
	p->status = PARSE_ERROR;
	p->error = strbuf_detach(&sb);
	p->error_at = at;
}

static void
fail_str(struct parser *p, size_t at, const char *near, const char *why)
{
	fail_near(p, at, near, strlen(near), why);
}

static void
fail_token(struct parser *p, const struct token *t, const char *why)
{
	switch (t->type) {
	case TOK_FAILED:
		break;
	case TOK_EOF:
	case TOK_NEWLINE:
		fail_near(p, t->start, NULL, 0, why);
		break;
	case TOK_WORD:
	case TOK_IO_NUMBER:
		fail_near(p, t->start, p->src + t->start, t->end - t->start,
		    why);
		break;
	default:
		fail_str(p, t->start, token_names[t->type], why);
		break;
	}
}

static void
set_incomplete(struct parser *p)
{
	if (p->status == PARSE_OK)
		p->status = PARSE_INCOMPLETE;
}

/*
 * Skips backslash-newline pairs from i.  One that ends src means the next
 * line decides what this token is, so the command is incomplete.
 */
static bool
skip_continuations(struct parser *p, size_t *i)
{
	while (*i + 1 < p->len && p->src[*i] == '\\' &&
	    p->src[*i + 1] == '\n') {
		*i += 2;
		if (*i == p->len) {
			set_incomplete(p);
			return false;
		}
	}
	return true;
}

/* Skips a '...' string starting at *i; nothing is special inside. */
static bool
scan_single_quote(struct parser *p, size_t *i)
{
	size_t	j;

	for (j = *i + 1; j < p->len && p->src[j] != '\''; j++) {
		if (p->src[j] == '\0') {
			fail_str(p, j, "\\0", NULL);
			return false;
		}
	}
	if (j == p->len) {
		set_incomplete(p);
		return false;
	}
	*i = j + 1;
	return true;
}

/* Skips a backslash and what it escapes. */
static bool
scan_escape(struct parser *p, size_t *i, bool quoted)
{
	if (*i + 1 == p->len) {
		/* A lone backslash at the very end stays literal unless a
		   quote is still open, which the caller reports. */
		*i += 1;
		if (quoted)
			set_incomplete(p);
		return !quoted;
	}
	if (p->src[*i + 1] == '\0') {
		fail_str(p, *i + 1, "\\0", NULL);
		return false;
	}
	if (p->src[*i + 1] == '\n' && *i + 2 == p->len) {
		set_incomplete(p);
		return false;
	}
	*i += 2;
	return true;
}

/*
 * At a '$': refuses $( and $(( and tells whether a ${ opens, leaving *i
 * after the '$' or after the '{'.
 */
static bool
scan_dollar(struct parser *p, size_t *i, bool *brace)
{
	size_t	j = *i + 1, k;

	*brace = false;
	if (!skip_continuations(p, &j))
		return false;
	if (j < p->len && p->src[j] == '(') {
		k = j + 1;
		if (!skip_continuations(p, &k))
			return false;
		if (k < p->len && p->src[k] == '(')
			fail_str(p, *i, "$((",
			    "arithmetic expansion is not supported");
		else
			fail_str(p, *i, "$(",
			    "command substitution is not supported");
		return false;
	}
	if (j < p->len && p->src[j] == '{') {
		*brace = true;
		*i = j + 1;
	} else
		*i += 1;
	return true;
}

static bool
push_mode(struct parser *p, unsigned char *stack, size_t *top,
    enum word_mode mode, size_t at, const char *what)
{
	if (*top == PARSE_MAX_DEPTH) {
		fail_str(p, at, what, "nesting too deep");
		return false;
	}
	stack[(*top)++] = mode;
	return true;
}

/*
 * Finds the end of the word starting at i.  Quotes and ${...} nest (a "
 * inside ${ inside " ...), so the open ones are kept on a small stack
 * instead of by recursion.
 */
static bool
scan_word(struct parser *p, size_t i, size_t *end)
{
	unsigned char	 stack[PARSE_MAX_DEPTH];
	size_t		 top = 0;
	size_t		 at;
	enum word_mode	 mode;
	bool		 brace;
	char		 c;

	for (;;) {
		if (i == p->len) {
			if (top != 0) {
				set_incomplete(p);
				return false;
			}
			break;
		}
		c = p->src[i];
		mode = top == 0 ? WORD_PLAIN : stack[top - 1];
		if (c == '\0') {
			fail_str(p, i, "\\0", NULL);
			return false;
		}
		if (mode == WORD_PLAIN && (is_blank(c) || is_operator(c)))
			break;
		if ((mode == WORD_DQUOTE && c == '"') ||
		    (mode == WORD_BRACE && c == '}')) {
			top--;
			i++;
			continue;
		}

		switch (c) {
		case '\\':
			if (!scan_escape(p, &i, top != 0))
				return false;
			break;
		case '\'':
			if (mode == WORD_DQUOTE)
				i++;
			else if (!scan_single_quote(p, &i))
				return false;
			break;
		case '`':
			fail_str(p, i, "`",
			    "command substitution is not supported");
			return false;
		case '"':
			if (!push_mode(p, stack, &top, WORD_DQUOTE, i, "\""))
				return false;
			i++;
			break;
		case '$':
			at = i;
			if (!scan_dollar(p, &i, &brace))
				return false;
			if (brace &&
			    !push_mode(p, stack, &top, WORD_BRACE, at, "${"))
				return false;
			break;
		default:
			i++;
			break;
		}
	}
	*end = i;
	return true;
}

/* Skips blanks, line continuations and a comment before a token. */
static bool
skip_space(struct parser *p, size_t *ip)
{
	const char	*nl, *nul;
	size_t		 i = *ip, end;

	while (i < p->len) {
		if (is_blank(p->src[i]))
			i++;
		else if (p->src[i] == '\\' && i + 1 < p->len &&
		    p->src[i + 1] == '\n') {
			if (!skip_continuations(p, &i))
				return false;
		} else if (p->src[i] == '#') {
			nl = memchr(p->src + i, '\n', p->len - i);
			end = nl != NULL ? (size_t)(nl - p->src) : p->len;
			nul = memchr(p->src + i, '\0', end - i);
			if (nul != NULL) {
				fail_str(p, nul - p->src, "\\0", NULL);
				return false;
			}
			i = end;
		} else
			break;
	}
	*ip = i;
	return true;
}

/*
 * The character after the one at i, skipping continuations, or '\0' at the
 * end; *j is set to its index.
 */
static bool
lex_next_char(struct parser *p, size_t i, size_t *j, char *c)
{
	*j = i + 1;
	if (!skip_continuations(p, j))
		return false;
	*c = *j < p->len ? p->src[*j] : '\0';
	return true;
}

/* Lexes an operator starting at t->start. */
static bool
lex_operator(struct parser *p, struct token *t)
{
	size_t	i = t->start, j;
	char	c = p->src[i], next;
	bool	pair = true;	/* next is part of the operator */

	t->end = i + 1;
	switch (c) {
	case '\n':
		t->type = TOK_NEWLINE;
		return true;
	case ';':
		t->type = TOK_SEMI;
		if (i + 1 < p->len && p->src[i + 1] == ';') {
			t->type = TOK_DSEMI;
			t->end = i + 2;
		}
		return true;
	case '(':
		t->type = TOK_LPAREN;
		return true;
	case ')':
		t->type = TOK_RPAREN;
		return true;
	}

	if (!lex_next_char(p, i, &j, &next))
		return false;
	if (c == '&' && next == '&')
		t->type = TOK_AND_IF;
	else if (c == '|' && next == '|')
		t->type = TOK_OR_IF;
	else if (c == '<' && next == '<') {
		fail_str(p, i, "<<", "here-documents are not supported");
		return false;
	} else if (c == '<' && next == '>')
		t->type = TOK_LESSGREAT;
	else if (c == '<' && next == '&')
		t->type = TOK_LESSAND;
	else if (c == '>' && next == '>')
		t->type = TOK_DGREAT;
	else if (c == '>' && next == '|')
		t->type = TOK_CLOBBER;
	else if (c == '>' && next == '&')
		t->type = TOK_GREATAND;
	else {
		pair = false;
		if (c == '&')
			t->type = TOK_AMP;
		else if (c == '|')
			t->type = TOK_PIPE;
		else if (c == '<')
			t->type = TOK_LESS;
		else
			t->type = TOK_GREAT;
	}
	if (pair)
		t->end = j + 1;
	return true;
}

static void
lex(struct parser *p, struct token *t)
{
	size_t	i = p->pos, k;

	t->type = TOK_FAILED;
	t->start = t->end = i;
	if (!skip_space(p, &i))
		return;
	t->start = t->end = i;
	if (i == p->len) {
		t->type = TOK_EOF;
		return;
	}
	if (is_operator(p->src[i])) {
		if (!lex_operator(p, t))
			t->type = TOK_FAILED;
		return;
	}
	if (!scan_word(p, i, &t->end))
		return;
	t->type = TOK_WORD;
	for (k = t->start; k < t->end && is_digit(p->src[k]); k++)
		continue;
	if (k == t->end && t->end < p->len &&
	    (p->src[t->end] == '<' || p->src[t->end] == '>'))
		t->type = TOK_IO_NUMBER;
}

static enum token_type
peek(struct parser *p)
{
	if (!p->peeked) {
		lex(p, &p->tok);
		p->peeked = true;
	}
	return p->tok.type;
}

static void
advance(struct parser *p)
{
	p->last_end = p->pos = p->tok.end;
	p->peeked = false;
}

/* Reports the lookahead as out of place; inside ( ) more may follow. */
static void
unexpected(struct parser *p)
{
	if (p->tok.type == TOK_EOF && p->depth > 0)
		set_incomplete(p);
	else
		fail_token(p, &p->tok, NULL);
}

static enum token_type
linebreak(struct parser *p)
{
	while (peek(p) == TOK_NEWLINE)
		advance(p);
	return peek(p);
}

/* After | && ||, which always continue on the next line. */
static bool
need_more(struct parser *p)
{
	switch (linebreak(p)) {
	case TOK_EOF:
		set_incomplete(p);
		return false;
	case TOK_FAILED:
		return false;
	default:
		return true;
	}
}

static bool
token_is(struct parser *p, const char *s)
{
	size_t	n = p->tok.end - p->tok.start;

	/* strncmp stops at the end of s, so no strlen per reserved word. */
	return p->tok.type == TOK_WORD &&
	    strncmp(s, p->src + p->tok.start, n) == 0 && s[n] == '\0';
}

static bool
token_is_reserved(struct parser *p)
{
	size_t	i;

	for (i = 0; i < sizeof reserved_words / sizeof *reserved_words; i++) {
		if (token_is(p, reserved_words[i]))
			return true;
	}
	return false;
}

static bool
token_is_assignment(struct parser *p)
{
	size_t	i = p->tok.start;

	if (!is_name_start(p->src[i]))
		return false;
	for (i++; i < p->tok.end; i++) {
		if (p->src[i] == '=')
			return true;
		if (!is_name_start(p->src[i]) && !is_digit(p->src[i]))
			return false;
	}
	return false;
}

static bool
token_is_redirection(enum token_type t)
{
	switch (t) {
	case TOK_IO_NUMBER:
	case TOK_LESS:
	case TOK_GREAT:
	case TOK_DGREAT:
	case TOK_CLOBBER:
	case TOK_LESSGREAT:
	case TOK_GREATAND:
	case TOK_LESSAND:
		return true;
	default:
		return false;
	}
}

/*
 * Makes room for element n of an array.  A terminated array keeps one spare
 * element, which the arena leaves zero: words and assigns stay
 * NULL-terminated for whoever builds an argv from them.
 */
static void *
grow(struct parser *p, void *v, size_t n, size_t *cap, size_t size,
    bool terminated)
{
	size_t	newcap;

	if (n + terminated < *cap)
		return v;
	if (*cap == 0)
		newcap = terminated ? 2 : 1;
	else
		newcap = *cap * 2;
	v = arena_reallocarray(p->arena, v, *cap, newcap, size);
	*cap = newcap;
	return v;
}

static char *
token_text(struct parser *p)
{
	return arena_strndup(p->arena, p->src + p->tok.start,
	    p->tok.end - p->tok.start);
}

/*
 * The source from start to end for display, trimmed.  Past the budget a
 * long text is cut, so that nested subshells, each of which has its own
 * copy of the text inside it, cannot make the copies grow as depth times
 * length.
 */
static char *
cut_text(struct parser *p, const char *text, size_t n)
{
	static const char	 ellipsis[] = "...";
	char			*s;

	if (n <= p->text_budget) {
		p->text_budget -= n;
		return arena_strndup(p->arena, text, n);
	}
	if (n <= PARSE_TEXT_CUT)
		return arena_strndup(p->arena, text, n);

	n = PARSE_TEXT_CUT;
	while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
		n--;	/* not in the middle of a UTF-8 character */
	s = arena_alloc(p->arena, n + sizeof ellipsis);
	memcpy(s, text, n);
	memcpy(s + n, ellipsis, sizeof ellipsis);
	return s;
}

/* What an unquoted line break in a command's text becomes on one line:
   nothing at an edge or inside ( ), a blank after an operator, else
   "; " (it separated two commands). */
static void
join_break(struct strbuf *out, char next)
{
	char	prev;

	while (out->len > 0 && is_blank(out->data[out->len - 1]))
		out->len--;
	prev = out->len > 0 ? out->data[out->len - 1] : '\0';
	if (prev == '\0' || prev == '(' || next == ')' || next == '\0')
		return;
	strbuf_addstr(out, strchr("|&;", prev) != NULL ? " " : "; ");
}

/*
 * A command typed over several lines, on one line as bash lists it
 * (jobs, fg, reports): line continuations go, unquoted line breaks
 * become "; " or a blank, comments are dropped; quoted text stays.
 */
static char *
join_lines(const char *src, size_t n, size_t *out_len)
{
	struct strbuf	out = STRBUF_INIT;
	char		quote = '\0';
	size_t		i = 0;

	while (i < n) {
		if (src[i] == '\\' && quote != '\'' && i + 1 < n &&
		    src[i + 1] == '\n') {
			i += 2;
			while (quote == '\0' && i < n && is_blank(src[i]) &&
			    out.len > 0 && is_blank(out.data[out.len - 1]))
				i++;
		} else if (src[i] == '\\' && quote != '\'' && i + 1 < n) {
			strbuf_add(&out, src + i, 2);
			i += 2;
		} else if (quote != '\0') {
			if (src[i] == quote)
				quote = '\0';
			strbuf_addch(&out, src[i++]);
		} else if (src[i] == '\'' || src[i] == '"') {
			quote = src[i];
			strbuf_addch(&out, src[i++]);
		} else if (src[i] == '#' && (i == 0 || is_blank(src[i - 1]) ||
		    strchr("\n;&|()<>", src[i - 1]) != NULL)) {
			while (i < n && src[i] != '\n')
				i++;
		} else if (src[i] == '\n') {
			while (i < n && (src[i] == '\n' || is_blank(src[i])))
				i++;
			join_break(&out, i < n ? src[i] : '\0');
		} else
			strbuf_addch(&out, src[i++]);
	}
	*out_len = out.len;
	return strbuf_detach(&out);
}

static char *
make_text(struct parser *p, size_t start, size_t end)
{
	char	*joined, *s;
	size_t	 n;

	/* Tokens never end in a blank or a newline, except when a
	   backslash-newline closed the last word. */
	while (end - start >= 2 && p->src[end - 1] == '\n' &&
	    p->src[end - 2] == '\\')
		end -= 2;
	if (memchr(p->src + start, '\n', end - start) == NULL)
		return cut_text(p, p->src + start, end - start);
	joined = join_lines(p->src + start, end - start, &n);
	s = cut_text(p, joined, n);
	free(joined);
	return s;
}

static bool	parse_and_or(struct parser *, struct ast_and_or *);

/* [n]op word, with the lookahead on the number or the operator. */
static bool
parse_redirection(struct parser *p, struct ast_redir *r)
{
	size_t	i;
	int	fd = -1, digit;

	if (peek(p) == TOK_IO_NUMBER) {
		fd = 0;
		for (i = p->tok.start; i < p->tok.end; i++) {
			digit = p->src[i] - '0';
			if (fd > (INT_MAX - digit) / 10) {
				fail_token(p, &p->tok, NULL);
				return false;
			}
			fd = fd * 10 + digit;
		}
		advance(p);
	}

	switch (peek(p)) {
	case TOK_LESS:
		r->op = AST_REDIR_IN;
		break;
	case TOK_GREAT:
		r->op = AST_REDIR_OUT;
		break;
	case TOK_DGREAT:
		r->op = AST_REDIR_APPEND;
		break;
	case TOK_CLOBBER:
		r->op = AST_REDIR_CLOBBER;
		break;
	case TOK_LESSGREAT:
		r->op = AST_REDIR_RDWR;
		break;
	case TOK_GREATAND:
		r->op = AST_REDIR_DUP_OUT;
		break;
	case TOK_LESSAND:
		r->op = AST_REDIR_DUP_IN;
		break;
	default:
		/* Only a failed lex: the lexer makes IO numbers only in
		   front of < and >. */
		unexpected(p);
		return false;
	}
	if (fd == -1) {
		fd = r->op == AST_REDIR_IN || r->op == AST_REDIR_RDWR ||
		    r->op == AST_REDIR_DUP_IN ? 0 : 1;
	}
	r->fd = fd;
	advance(p);

	/* A number touching the next operator is a target too, as in
	   "echo x >&2>/dev/null". */
	if (peek(p) != TOK_WORD && peek(p) != TOK_IO_NUMBER) {
		unexpected(p);
		return false;
	}
	r->target = token_text(p);
	advance(p);
	return true;
}

static bool
parse_simple(struct parser *p, struct ast_command *c)
{
	size_t	cap_assigns = 0, cap_words = 0, cap_redirs = 0;

	c->kind = AST_SIMPLE;
	for (;;) {
		if (peek(p) == TOK_WORD) {
			if (c->n_words == 0 && token_is_assignment(p)) {
				c->assigns = grow(p, c->assigns, c->n_assigns,
				    &cap_assigns, sizeof *c->assigns, true);
				c->assigns[c->n_assigns++] = token_text(p);
			} else {
				if (c->n_words == 0 && c->n_assigns == 0 &&
				    c->n_redirs == 0 && token_is_reserved(p)) {
					fail_token(p, &p->tok,
					    "control flow is not supported");
					return false;
				}
				c->words = grow(p, c->words, c->n_words,
				    &cap_words, sizeof *c->words, true);
				c->words[c->n_words++] = token_text(p);
			}
			advance(p);
		} else if (token_is_redirection(peek(p))) {
			c->redirs = grow(p, c->redirs, c->n_redirs,
			    &cap_redirs, sizeof *c->redirs, false);
			if (!parse_redirection(p, &c->redirs[c->n_redirs]))
				return false;
			c->n_redirs++;
		} else
			break;
	}

	if (peek(p) == TOK_FAILED)
		return false;
	if (peek(p) == TOK_LPAREN && c->n_words == 1 && c->n_assigns == 0) {
		fail_token(p, &p->tok, "functions are not supported");
		return false;
	}
	if (c->n_words == 0 && c->n_assigns == 0 && c->n_redirs == 0) {
		unexpected(p);
		return false;
	}
	return true;
}

/*
 * The inside of ( ): and_ors separated by ; & or newlines, at least one.
 * Returns with the lookahead on the ')'.
 */
static bool
parse_compound_list(struct parser *p, struct ast_list **out)
{
	struct ast_list	*list;
	size_t		 cap = 0;

	list = *out = arena_alloc(p->arena, sizeof *list);
	linebreak(p);
	for (;;) {
		if (peek(p) == TOK_RPAREN) {
			if (list->n_items != 0)
				return true;
			fail_token(p, &p->tok, NULL);
			return false;
		}
		list->items = grow(p, list->items, list->n_items, &cap,
		    sizeof *list->items, false);
		if (!parse_and_or(p, &list->items[list->n_items]))
			return false;
		list->n_items++;

		switch (peek(p)) {
		case TOK_AMP:
			list->items[list->n_items - 1].background = true;
			/* FALLTHROUGH */
		case TOK_SEMI:
			advance(p);
			/* FALLTHROUGH */
		case TOK_NEWLINE:
			linebreak(p);
			break;
		case TOK_RPAREN:
			return true;
		default:
			unexpected(p);
			return false;
		}
	}
}

static bool
parse_subshell(struct parser *p, struct ast_command *c)
{
	size_t	cap_redirs = 0;

	if (p->depth == PARSE_MAX_DEPTH) {
		fail_token(p, &p->tok, "nesting too deep");
		return false;
	}
	c->kind = AST_SUBSHELL;
	advance(p);
	p->depth++;
	if (!parse_compound_list(p, &c->body))
		return false;
	p->depth--;
	advance(p);		/* the ')' */

	while (token_is_redirection(peek(p))) {
		c->redirs = grow(p, c->redirs, c->n_redirs, &cap_redirs,
		    sizeof *c->redirs, false);
		if (!parse_redirection(p, &c->redirs[c->n_redirs]))
			return false;
		c->n_redirs++;
	}
	return peek(p) != TOK_FAILED;
}

static bool
parse_one_command(struct parser *p, struct ast_command *c)
{
	bool	ok;

	if (peek(p) == TOK_LPAREN)
		ok = parse_subshell(p, c);
	else
		ok = parse_simple(p, c);
	if (!ok)
		return false;
	/* Empty but never NULL, and NULL-terminated, for argv building. */
	if (p->empty == NULL)
		p->empty = arena_alloc(p->arena, sizeof *p->empty);
	if (c->words == NULL)
		c->words = p->empty;
	if (c->assigns == NULL)
		c->assigns = p->empty;
	return true;
}

static bool
parse_pipeline(struct parser *p, struct ast_pipeline *pl)
{
	size_t	start, cap = 0;

	if (peek(p) == TOK_FAILED)
		return false;
	start = p->tok.start;
	if (token_is(p, "!")) {
		pl->negated = true;
		advance(p);
		if (peek(p) == TOK_WORD && token_is(p, "!")) {
			fail_token(p, &p->tok, NULL);
			return false;
		}
	}

	for (;;) {
		pl->commands = grow(p, pl->commands, pl->n_commands, &cap,
		    sizeof *pl->commands, false);
		if (!parse_one_command(p, &pl->commands[pl->n_commands]))
			return false;
		pl->n_commands++;
		if (peek(p) != TOK_PIPE)
			break;
		advance(p);
		if (!need_more(p))
			return false;
	}
	pl->text = make_text(p, start, p->last_end);
	return true;
}

static bool
parse_and_or(struct parser *p, struct ast_and_or *ao)
{
	size_t	start, cap = 0, cap_conn = 0;

	if (peek(p) == TOK_FAILED)
		return false;
	start = p->tok.start;
	for (;;) {
		ao->pipelines = grow(p, ao->pipelines, ao->n_pipelines, &cap,
		    sizeof *ao->pipelines, false);
		if (!parse_pipeline(p, &ao->pipelines[ao->n_pipelines]))
			return false;
		ao->n_pipelines++;

		if (peek(p) != TOK_AND_IF && peek(p) != TOK_OR_IF)
			break;
		ao->connectors = grow(p, ao->connectors, ao->n_pipelines - 1,
		    &cap_conn, sizeof *ao->connectors, false);
		ao->connectors[ao->n_pipelines - 1] =
		    peek(p) == TOK_AND_IF ? AST_AND : AST_OR;
		advance(p);
		if (!need_more(p))
			return false;
	}
	/* The same bytes as its one pipeline: share them. */
	if (ao->n_pipelines == 1)
		ao->text = ao->pipelines[0].text;
	else
		ao->text = make_text(p, start, p->last_end);
	return true;
}

/*
 * The top level: and_ors up to a newline or the end of src.  Sets *list to
 * NULL for a blank line and *consumed to the bytes used.
 */
static bool
parse_top(struct parser *p, struct ast_list **out, size_t *consumed)
{
	struct ast_list	*list = NULL;
	size_t		 cap = 0;
	bool		 separated = true;

	*out = NULL;
	for (;;) {
		switch (peek(p)) {
		case TOK_FAILED:
			return false;
		case TOK_NEWLINE:
			*consumed = p->tok.end;
			return true;
		case TOK_EOF:
			*consumed = p->len;
			return true;
		default:
			break;
		}
		if (!separated) {
			unexpected(p);
			return false;
		}
		if (list == NULL)
			list = *out = arena_alloc(p->arena, sizeof *list);
		list->items = grow(p, list->items, list->n_items, &cap,
		    sizeof *list->items, false);
		if (!parse_and_or(p, &list->items[list->n_items]))
			return false;
		list->n_items++;

		separated = false;
		if (peek(p) == TOK_AMP || peek(p) == TOK_SEMI) {
			if (peek(p) == TOK_AMP)
				list->items[list->n_items - 1].background =
				    true;
			advance(p);
			separated = true;
		}
	}
}

/* Bytes to skip after an error: through the end of its line. */
static size_t
error_line_end(struct parser *p)
{
	const char	*nl;

	if (p->error_at >= p->len)
		return p->len;
	nl = memchr(p->src + p->error_at, '\n', p->len - p->error_at);
	return nl != NULL ? (size_t)(nl - p->src) + 1 : p->len;
}

void
parse_command(const char *src, size_t len, struct parse_result *res)
{
	struct parser		 p;
	struct ast_program	*prog;
	struct ast_list		*list;
	size_t			 consumed = 0;

	memset(res, 0, sizeof *res);
	memset(&p, 0, sizeof p);
	p.src = src;
	p.len = len;
	p.arena = arena_new();
	p.status = PARSE_OK;
	p.text_budget = len < SIZE_MAX / 2 - PARSE_TEXT_SLACK ?
	    2 * len + PARSE_TEXT_SLACK : SIZE_MAX;

	if (parse_top(&p, &list, &consumed) && p.status == PARSE_OK) {
		prog = arena_alloc(p.arena, sizeof *prog);
		prog->refs = 1;
		prog->list = list;
		prog->arena = p.arena;
		res->status = PARSE_OK;
		res->program = prog;
		res->consumed = consumed;
		return;
	}

	res->status = p.status;
	if (p.status == PARSE_ERROR) {
		res->error = p.error;
		res->consumed = error_line_end(&p);
	}
	arena_free(p.arena);
}
