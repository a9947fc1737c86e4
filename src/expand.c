/*
 * expand: POSIX word expansion of raw words.
 *
 * A raw word is first expanded into a marked string (struct xbuf) in which
 * every byte records where it came from: quoted text, unquoted literal
 * text, or the result of an unquoted expansion.  Field splitting and
 * pathname expansion then only read those marks, and quote removal is
 * dropping them.  Two zero-width marks carry what bytes cannot: a quoted
 * "" that keeps its (empty) field alive, and the field boundaries that
 * "$@" makes.  The words are NUL-free C strings, so a NUL byte is free to
 * stand for a zero-width mark.
 */
#include <glob.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "chars.h"
#include "charset.h"
#include "expand.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Marks on the bytes of an expanded word. */
#define X_QUOTED	0x01	/* never split, never a glob metacharacter */
#define X_SPLIT		0x02	/* from an unquoted expansion: split on IFS */
#define X_EMPTY		0x04	/* zero-width: quoting that keeps its field */
#define X_BREAK		0x08	/* zero-width: a field boundary from "$@" */

/* How a stretch of raw text is read. */
#define M_QUOTED	0x01	/* inside "..." (or a ${...} word inside one) */
#define M_BRACE		0x02	/* the word of ${name-word}: \} escapes '}' */
#define M_SPLIT		0x04	/* unquoted ${name-word}: literal text splits */

/*
 * Nesting of ${...} is bounded so that hostile input cannot exhaust the
 * stack through recursion.
 */
#define MAX_NEST	1000	/* as the parser's PARSE_MAX_DEPTH */

/* Characters that make a word need more than a copy. */
#define SPECIAL_CHARS	"$'\"\\~*?["

struct xbuf {
	char		*s;
	unsigned char	*f;
	size_t		 len;
	size_t		 cap;
};

#define XBUF_INIT { NULL, NULL, 0, 0 }

struct expand {
	const struct expand_ops	*ops;
	bool			 fields;	/* keep "$@" fields apart */
	bool			 assignment;	/* tildes after '=' and ':' */
	bool			 seen_eq;	/* the first '=' has passed */
	unsigned int		 nat;		/* "$@" expansions so far */
	unsigned int		 depth;		/* ${...} nesting */
	char			*error;
};

static int	exp_text(struct expand *, const char *, const char *, int,
		    struct xbuf *);
static int	exp_dollar(struct expand *, const char **, const char *, int,
		    struct xbuf *);

static void
xbuf_grow(struct xbuf *xb, size_t extra)
{
	size_t	need = xb->len + extra;

	if (need <= xb->cap)
		return;
	if (xb->cap == 0)
		xb->cap = 64;
	while (xb->cap < need)
		xb->cap *= 2;
	xb->s = xrealloc(xb->s, xb->cap);
	xb->f = xrealloc(xb->f, xb->cap);
}

static void
xbuf_add(struct xbuf *xb, const char *s, size_t n, unsigned char flag)
{
	if (n == 0)
		return;
	xbuf_grow(xb, n);
	memcpy(xb->s + xb->len, s, n);
	memset(xb->f + xb->len, flag, n);
	xb->len += n;
}

static void
xbuf_addch(struct xbuf *xb, char c, unsigned char flag)
{
	xbuf_grow(xb, 1);
	xb->s[xb->len] = c;
	xb->f[xb->len++] = flag;
}

static void
xbuf_mark(struct xbuf *xb, unsigned char mark)
{
	xbuf_addch(xb, '\0', mark);
}

/* The bytes of xb[a..b) without the marks: quote removal. */
static char *
xbuf_string(const struct xbuf *xb, size_t a, size_t b)
{
	char	*s = xmalloc(b - a + 1), *p = s;

	for (; a < b; a++) {
		if (!(xb->f[a] & (X_EMPTY|X_BREAK)))
			*p++ = xb->s[a];
	}
	*p = '\0';
	return s;
}

static void
xbuf_free(struct xbuf *xb)
{
	free(xb->s);
	free(xb->f);
}

/* strchr that does not match the terminating NUL. */
static bool
in_set(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

static unsigned char
lit_flag(int mode)
{
	if (mode & M_QUOTED)
		return X_QUOTED;
	if (mode & M_SPLIT)
		return X_SPLIT;
	return 0;
}

static unsigned char
value_flag(int mode)
{
	return (mode & M_QUOTED) ? X_QUOTED : X_SPLIT;
}

static const char *
lookup(struct expand *e, const char *name)
{
	if (e->ops->lookup == NULL)
		return NULL;
	return e->ops->lookup(e->ops->data, name);
}

/* Looks up a name that is not NUL-terminated. */
static const char *
lookup_n(struct expand *e, const char *name, size_t n)
{
	char		 buf[64], *big;
	const char	*v;

	if (n < sizeof buf) {
		memcpy(buf, name, n);
		buf[n] = '\0';
		return lookup(e, buf);
	}
	big = xstrndup(name, n);
	v = lookup(e, big);
	free(big);
	return v;
}

static size_t
positional(struct expand *e, char *const **argv)
{
	static char *const	none[] = { NULL };

	*argv = none;
	if (e->ops->positional == NULL)
		return 0;
	return e->ops->positional(e->ops->data, argv);
}

static const char *
ifs_value(struct expand *e)
{
	const char	*ifs = lookup(e, "IFS");

	return ifs != NULL ? ifs : " \t\n";
}

/* The length of the parameter name at s: a name, digits or a special. */
static size_t
param_len(const char *s, const char *end)
{
	size_t	n = 1;

	if (s >= end)
		return 0;
	if (is_name_start(*s)) {
		while (s + n < end && is_name_char(s[n]))
			n++;
		return n;
	}
	if (is_digit(*s)) {
		while (s + n < end && is_digit(s[n]))
			n++;
		return n;
	}
	return in_set(*s, "@*#?-$!") ? 1 : 0;
}

static bool
is_positional(const char *name, size_t n)
{
	return n == 1 && (*name == '@' || *name == '*');
}

/* Line continuations go before anything else, as if never typed. */
static char *
drop_continuations(const char *p)
{
	struct strbuf	sb = STRBUF_INIT;
	bool		sq = false, dq = false;

	for (; *p != '\0'; p++) {
		if (sq) {
			if (*p == '\'')
				sq = false;
		} else if (*p == '\\' && p[1] == '\n') {
			p++;
			continue;
		} else if (*p == '\\' && p[1] != '\0') {
			strbuf_addch(&sb, *p++);
		} else if (*p == '\'' && !dq)
			sq = true;
		else if (*p == '"')
			dq = !dq;
		strbuf_addch(&sb, *p);
	}
	return strbuf_detach(&sb);
}

/*
 * Finds the '}' that closes a ${ whose body starts at s, or NULL; *deep is
 * set when nesting passes MAX_NEST.  Like bash, single quotes hide a '}'
 * even in "${x-'}'}", where they are otherwise ordinary characters.
 */
static const char *
brace_end(const char *s, const char *end, unsigned int depth, bool *deep)
{
	bool	dq = false;

	if (depth > MAX_NEST) {
		*deep = true;
		return NULL;
	}
	for (; s < end; s++) {
		switch (*s) {
		case '\\':
			if (s + 1 < end)
				s++;
			break;
		case '\'':
			if (dq)
				break;
			s = memchr(s + 1, '\'', end - s - 1);
			if (s == NULL)
				return NULL;
			break;
		case '"':
			dq = !dq;
			break;
		case '$':
			if (s + 1 < end && s[1] == '{') {
				s = brace_end(s + 2, end, depth + 1, deep);
				if (s == NULL)
					return NULL;
			}
			break;
		case '}':
			if (!dq)
				return s;
			break;
		}
	}
	return NULL;
}

/* Expands text to a plain string, for ${name=word} and ${name?word}. */
static int
exp_string(struct expand *e, const char *s, const char *end, int mode,
    char **out)
{
	struct xbuf	xb = XBUF_INIT;
	bool		fields = e->fields;
	int		rc;

	e->fields = false;
	rc = exp_text(e, s, end, mode, &xb);
	e->fields = fields;
	*out = rc == 0 ? xbuf_string(&xb, 0, xb.len) : NULL;
	xbuf_free(&xb);
	return rc;
}

static void
emit_value(struct xbuf *out, const char *v, int mode)
{
	xbuf_add(out, v, strlen(v), value_flag(mode));
}

/* $@ and $*, quoted or not. */
static void
emit_positional(struct expand *e, bool star, int mode, struct xbuf *out)
{
	char *const	*argv;
	size_t		 n, i;
	const char	*ifs;
	char		 sep = ' ';
	bool		 quoted = (mode & M_QUOTED) != 0;

	n = positional(e, &argv);
	if (!e->fields || (star && quoted)) {
		if (star) {
			ifs = ifs_value(e);
			sep = *ifs;
		}
		for (i = 0; i < n; i++) {
			if (i > 0 && sep != '\0')
				xbuf_addch(out, sep, value_flag(mode));
			emit_value(out, argv[i], mode);
		}
		return;
	}

	/* A "$@" with no parameters removes its quotes' empty field. */
	if (quoted)
		e->nat++;
	for (i = 0; i < n; i++) {
		if (i > 0)
			xbuf_mark(out, X_BREAK);
		emit_value(out, argv[i], mode);
		if (quoted && *argv[i] == '\0')
			xbuf_mark(out, X_EMPTY);
	}
}

static void
exp_param(struct expand *e, const char *name, size_t n, int mode,
    struct xbuf *out)
{
	const char	*v;

	if (is_positional(name, n)) {
		emit_positional(e, *name == '*', mode, out);
		return;
	}
	v = lookup_n(e, name, n);
	if (v != NULL)
		emit_value(out, v, mode);
}

/* Characters, not bytes, in the current locale, like bash. */
static size_t
char_count(const char *s)
{
	mbstate_t	st;
	size_t		left = strlen(s), n = 0, k;

	while (left > 0 && (unsigned char)*s < 0x80) {
		s++;
		left--;
		n++;
	}
	if (left > 0)
		charset_need();
	memset(&st, 0, sizeof st);
	while (left > 0) {
		k = mbrlen(s, left, &st);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&st, 0, sizeof st);
			k = 1;
		} else if (k == 0)
			k = 1;
		s += k;
		left -= k;
		n++;
	}
	return n;
}

/* ${#name}; ${#@} and ${#*} count the positional parameters. */
static void
exp_length(struct expand *e, const char *name, size_t n, int mode,
    struct xbuf *out)
{
	char *const	*argv;
	const char	*v;
	char		 buf[32];
	size_t		 len;

	if (is_positional(name, n))
		len = positional(e, &argv);
	else {
		v = lookup_n(e, name, n);
		len = v != NULL ? char_count(v) : 0;
	}
	snprintf(buf, sizeof buf, "%zu", len);
	emit_value(out, buf, mode);
}

static int
exp_assign(struct expand *e, const char *name, size_t n, const char *word,
    const char *wend, int mode, int wmode, struct xbuf *out)
{
	char	*value, *var;

	if (!is_name_start(*name)) {
		e->error = xasprintf("$%.*s: cannot assign in this way",
		    (int)n, name);
		return -1;
	}
	if (exp_string(e, word, wend, wmode, &value) != 0)
		return -1;
	if (e->ops->assign != NULL) {
		var = xstrndup(name, n);
		e->ops->assign(e->ops->data, var, value);
		free(var);
	}
	emit_value(out, value, mode);
	free(value);
	return 0;
}

static int
exp_fail(struct expand *e, const char *name, size_t n, bool colon,
    const char *word, const char *wend, int mode)
{
	char	*msg;

	if (word == wend) {
		e->error = xasprintf("%.*s: %s", (int)n, name, colon ?
		    "parameter null or not set" : "parameter not set");
		return -1;
	}
	if (exp_string(e, word, wend, mode, &msg) != 0)
		return -1;
	e->error = xasprintf("%.*s: %s", (int)n, name, msg);
	free(msg);
	return -1;
}

/*
 * ${name-word} and friends.  The word is expanded only when it is used,
 * so ${x:-${y?}} fails only when x is empty.
 */
static int
exp_operator(struct expand *e, const char *name, size_t n, int op,
    bool colon, const char *word, const char *wend, int mode,
    struct xbuf *out)
{
	char *const	*argv;
	const char	*v;
	size_t		 count;
	bool		 set, null, use;
	int		 wmode;

	if (is_positional(name, n)) {
		count = positional(e, &argv);
		set = count > 0;
		null = count == 0 || (count == 1 && *argv[0] == '\0');
	} else {
		v = lookup_n(e, name, n);
		set = v != NULL;
		null = !set || *v == '\0';
	}
	use = colon ? null : !set;
	if (mode & M_QUOTED)
		wmode = M_QUOTED|M_BRACE;
	else
		wmode = M_SPLIT|M_BRACE;

	switch (op) {
	case '+':
		if (!use)
			return exp_text(e, word, wend, wmode, out);
		return 0;
	case '-':
		if (use)
			return exp_text(e, word, wend, wmode, out);
		break;
	case '=':
		if (use)
			return exp_assign(e, name, n, word, wend, mode, wmode,
			    out);
		break;
	case '?':
		if (use)
			return exp_fail(e, name, n, colon, word, wend, wmode);
		break;
	}
	exp_param(e, name, n, mode, out);
	return 0;
}

/* ${...}, with *pp at the '$'. */
static int
exp_brace(struct expand *e, const char **pp, const char *end, int mode,
    struct xbuf *out)
{
	const char	*start = *pp, *close, *name, *r;
	size_t		 n;
	int		 op = 0, rc;
	bool		 colon = false, length = false, deep = false;

	close = brace_end(start + 2, end, e->depth, &deep);
	if (deep) {
		e->error = xstrdup("${...}: nested too deeply");
		return -1;
	}
	if (close == NULL) {
		/* Unbalanced: the rest is read as ordinary text. */
		xbuf_addch(out, '$', lit_flag(mode));
		*pp = start + 1;
		return 0;
	}
	*pp = close + 1;

	name = start + 2;
	if (*name == '#' && name + 1 < close) {
		n = param_len(name + 1, close);
		if (n != 0 && name + 1 + n == close) {
			length = true;
			name++;
		}
	}
	n = param_len(name, close);
	r = name + n;
	if (n != 0 && !length && r < close) {
		if (*r == ':' && r + 1 < close && in_set(r[1], "-=+?")) {
			colon = true;
			r++;
		}
		if (in_set(*r, "-=+?"))
			op = *r++;
	}
	if (n == 0 || (op == 0 && r != close)) {
		e->error = xasprintf("%.*s: bad substitution",
		    (int)(close + 1 - start), start);
		return -1;
	}

	if (length) {
		exp_length(e, name, n, mode, out);
		return 0;
	}
	if (op == 0) {
		exp_param(e, name, n, mode, out);
		return 0;
	}
	e->depth++;
	rc = exp_operator(e, name, n, op, colon, r, close, mode, out);
	e->depth--;
	return rc;
}

/* A parameter expansion or a literal '$', with *pp at the '$'. */
static int
exp_dollar(struct expand *e, const char **pp, const char *end, int mode,
    struct xbuf *out)
{
	const char	*s = *pp + 1;
	size_t		 n;

	if (s < end && *s == '{')
		return exp_brace(e, pp, end, mode, out);
	if (s < end && is_name_start(*s))
		n = param_len(s, end);
	else if (s < end && (is_digit(*s) || in_set(*s, "@*#?-$!")))
		n = 1;
	else {
		xbuf_addch(out, '$', lit_flag(mode));
		*pp = s;
		return 0;
	}
	exp_param(e, s, n, mode, out);
	*pp = s + n;
	return 0;
}

/* A backslash, with *pp at it. */
static void
exp_backslash(const char **pp, const char *end, int mode, struct xbuf *out)
{
	const char	*p = *pp + 1;

	if (p == end) {
		xbuf_addch(out, '\\', X_QUOTED);
		*pp = p;
		return;
	}
	if (*p == '\n') {
		*pp = p + 1;
		return;
	}
	/* Inside "..." a backslash quotes only $ ` " \ and newline. */
	if (!(mode & M_QUOTED) || in_set(*p, "$`\"\\") ||
	    ((mode & M_BRACE) && *p == '}')) {
		xbuf_addch(out, *p, X_QUOTED);
		*pp = p + 1;
	} else {
		xbuf_addch(out, '\\', X_QUOTED);
		*pp = p;
	}
}

static void
exp_squote(const char **pp, const char *end, struct xbuf *out)
{
	const char	*p = *pp, *q;

	q = memchr(p, '\'', end - p);
	if (q == NULL)
		q = end;
	xbuf_add(out, p, q - p, X_QUOTED);
	xbuf_mark(out, X_EMPTY);
	*pp = q < end ? q + 1 : end;
}

/*
 * The inside of "...", with *pp after the opening quote.  Quotes nested in
 * "${x-"..."}" keep the brace word's \} (mode M_BRACE), as in bash.
 */
static int
exp_dquote(struct expand *e, const char **pp, const char *end, int mode,
    struct xbuf *out)
{
	const char	*p = *pp;
	unsigned int	 nat = e->nat;

	while (p < end && *p != '"') {
		if (*p == '\\')
			exp_backslash(&p, end, M_QUOTED|mode, out);
		else if (*p == '$') {
			if (exp_dollar(e, &p, end, M_QUOTED, out) != 0)
				return -1;
		} else
			xbuf_addch(out, *p++, X_QUOTED);
	}
	*pp = p < end ? p + 1 : end;
	if (e->nat == nat)
		xbuf_mark(out, X_EMPTY);
	return 0;
}

/* ~ or ~user, with *pp at the '~'; false if it stays literal. */
static bool
exp_tilde(struct expand *e, const char **pp, const char *end,
    struct xbuf *out)
{
	const char	*p = *pp + 1, *q, *home;
	struct passwd	*pw;
	char		*user;

	for (q = p; q < end && *q != '/'; q++) {
		if (e->assignment && *q == ':')
			break;
		if (in_set(*q, "\"'\\$`"))
			return false;
	}
	if (q == p) {
		home = lookup(e, "HOME");
		if (home == NULL) {
			pw = getpwuid(getuid());
			home = pw != NULL ? pw->pw_dir : NULL;
		}
	} else if (q - p == 1 && *p == '+')
		home = lookup(e, "PWD");
	else if (q - p == 1 && *p == '-')
		home = lookup(e, "OLDPWD");
	else {
		user = xstrndup(p, q - p);
		pw = getpwnam(user);
		free(user);
		home = pw != NULL ? pw->pw_dir : NULL;
	}
	if (home == NULL)
		return false;
	xbuf_add(out, home, strlen(home), X_QUOTED);
	xbuf_mark(out, X_EMPTY);
	*pp = q;
	return true;
}

/* Whether an unquoted character lets a tilde follow it. */
static bool
tilde_after(struct expand *e, char c)
{
	if (!e->assignment)
		return false;
	if (c == ':')
		return true;
	if (c == '=' && !e->seen_eq) {
		e->seen_eq = true;
		return true;
	}
	return false;
}

/* Tilde and parameter expansion of text[p..end), marked into out. */
static int
exp_text(struct expand *e, const char *p, const char *end, int mode,
    struct xbuf *out)
{
	bool	tilde = !(mode & M_QUOTED);
	char	c;

	while (p < end) {
		c = *p;
		if (tilde && c == '~' && exp_tilde(e, &p, end, out)) {
			tilde = false;
			continue;
		}
		tilde = false;
		if (c == '"') {
			p++;
			if (exp_dquote(e, &p, end, (mode & M_QUOTED) ?
			    (mode & M_BRACE) : 0, out) != 0)
				return -1;
		} else if (c == '\'' && !(mode & M_QUOTED)) {
			p++;
			exp_squote(&p, end, out);
		} else if (c == '\\')
			exp_backslash(&p, end, mode, out);
		else if (c == '$') {
			if (exp_dollar(e, &p, end, mode, out) != 0)
				return -1;
		} else {
			if (!(mode & M_QUOTED))
				tilde = tilde_after(e, c);
			xbuf_addch(out, c, lit_flag(mode));
			p++;
		}
	}
	return 0;
}

static int
expand_one(struct expand *e, const char *word, struct xbuf *out)
{
	char	*clean = NULL;
	int	 rc;

	if (strstr(word, "\\\n") != NULL)
		word = clean = drop_continuations(word);
	e->seen_eq = false;
	e->nat = 0;
	e->depth = 0;
	rc = exp_text(e, word, word + strlen(word), 0, out);
	free(clean);
	return rc;
}

#define GLOB_MAX_LEVELS	128
#define GLOB_MAX_BYTES	PATH_MAX

bool
expand_globbable(const char *pattern, size_t len)
{
	size_t	i, levels = 0;

	if (len > GLOB_MAX_BYTES)
		return false;
	for (i = 0; i < len; i++)
		if (pattern[i] == '/' && ++levels > GLOB_MAX_LEVELS)
			return false;
	return true;
}

/* As bash 5.2 (globskipdots): a pattern never matches . or .. */
static bool
is_dot_or_dotdot(const char *path)
{
	const char	*name = strrchr(path, '/');

	name = name != NULL ? name + 1 : path;
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/*
 * One field: pathname expansion when it has an unquoted glob character,
 * else just quote removal.
 */
static void
emit_field(struct expand *e, const struct xbuf *xb, size_t a, size_t b,
    struct strvec *out)
{
	struct strbuf	 pat = STRBUF_INIT;
	glob_t		 g;
	size_t		 i, n;
	bool		 magic = false;
	unsigned char	 f;

	for (i = a; i < b && !e->ops->noglob && !magic; i++) {
		if (xb->f[i] & (X_QUOTED|X_EMPTY|X_BREAK))
			continue;
		magic = in_set(xb->s[i], "*?[");
	}
	if (!magic) {
		strvec_push_owned(out, xbuf_string(xb, a, b));
		return;
	}

	/* Quoted characters match only themselves. */
	for (i = a; i < b; i++) {
		f = xb->f[i];
		if (f & (X_EMPTY|X_BREAK))
			continue;
		if (xb->s[i] == '\\' ||
		    ((f & X_QUOTED) && in_set(xb->s[i], "*?[]!^-")))
			strbuf_addch(&pat, '\\');
		strbuf_addch(&pat, xb->s[i]);
	}
	memset(&g, 0, sizeof g);
	charset_need();		/* file names may hold UTF-8 */
	n = out->n;
	if (expand_globbable(pat.data, pat.len) &&
	    glob(strbuf_str(&pat), 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			if (!is_dot_or_dotdot(g.gl_pathv[i]))
				strvec_push(out, g.gl_pathv[i]);
	}
	if (out->n == n)
		strvec_push_owned(out, xbuf_string(xb, a, b));
	globfree(&g);
	strbuf_free(&pat);
}

static bool
is_ifs_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static bool
is_delim(const struct xbuf *xb, size_t i, const char *ifs)
{
	return (xb->f[i] & X_SPLIT) && in_set(xb->s[i], ifs);
}

/*
 * Field splitting (POSIX 2.6.5): a run of IFS white space, or one other
 * IFS character with the white space around it, ends a field.  White space
 * alone never makes an empty field; the other characters do.
 */
static void
split_fields(struct expand *e, const struct xbuf *xb, struct strvec *out)
{
	const char	*ifs = ifs_value(e);
	size_t		 i = 0, j, start = 0;
	bool		 hard;

	while (i < xb->len) {
		if (xb->f[i] & X_BREAK) {
			if (i > start)
				emit_field(e, xb, start, i, out);
			start = ++i;
			continue;
		}
		if (!is_delim(xb, i, ifs)) {
			i++;
			continue;
		}
		for (j = i; j < xb->len && is_delim(xb, j, ifs) &&
		    is_ifs_space(xb->s[j]); j++)
			;
		hard = j < xb->len && is_delim(xb, j, ifs);
		if (hard) {
			for (j++; j < xb->len && is_delim(xb, j, ifs) &&
			    is_ifs_space(xb->s[j]); j++)
				;
		}
		if (hard || i > start)
			emit_field(e, xb, start, i, out);
		start = i = j;
	}
	if (xb->len > start)
		emit_field(e, xb, start, xb->len, out);
}

/* A word that expands to itself. */
static bool
is_plain(const char *word)
{
	return *word != '\0' && strpbrk(word, SPECIAL_CHARS) == NULL;
}

static void
set_error(char **error, char *msg)
{
	if (error != NULL)
		*error = msg;
	else
		free(msg);
}

int
expand_fields(const struct expand_ops *ops, char *const *words, size_t n,
    struct strvec *out, char **error)
{
	struct expand	e = { .ops = ops, .fields = true };
	struct xbuf	xb = XBUF_INIT;
	size_t		i, first = out->n;

	for (i = 0; i < n; i++) {
		if (is_plain(words[i])) {
			strvec_push(out, words[i]);
			continue;
		}
		xb.len = 0;
		if (expand_one(&e, words[i], &xb) != 0) {
			while (out->n > first)
				free(out->v[--out->n]);
			if (out->v != NULL)
				out->v[out->n] = NULL;
			xbuf_free(&xb);
			set_error(error, e.error);
			return -1;
		}
		split_fields(&e, &xb, out);
	}
	xbuf_free(&xb);
	return 0;
}

int
expand_word(const struct expand_ops *ops, const char *word, bool assignment,
    char **out, char **error)
{
	struct expand	e = { .ops = ops, .assignment = assignment };
	struct xbuf	xb = XBUF_INIT;

	if (is_plain(word)) {
		*out = xstrdup(word);
		return 0;
	}
	if (expand_one(&e, word, &xb) != 0) {
		xbuf_free(&xb);
		*out = NULL;
		set_error(error, e.error);
		return -1;
	}
	*out = xbuf_string(&xb, 0, xb.len);
	xbuf_free(&xb);
	return 0;
}
