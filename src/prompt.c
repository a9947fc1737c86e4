/*
 * prompt: PS1 and PS2 escapes.
 */
#include <string.h>

#include "prompt.h"
#include "strbuf.h"

static void
add_cwd(struct strbuf *out, const struct prompt_info *pi, int base_only)
{
	const char	*cwd = pi->cwd, *slash;
	size_t		 hl = pi->home != NULL ? strlen(pi->home) : 0;

	if (base_only) {
		if (hl > 1 && strcmp(cwd, pi->home) == 0)
			strbuf_addch(out, '~');
		else if (strcmp(cwd, "/") == 0 ||
		    (slash = strrchr(cwd, '/')) == NULL)
			strbuf_addstr(out, cwd);
		else
			strbuf_addstr(out, slash + 1);
		return;
	}
	if (hl > 1 && strncmp(cwd, pi->home, hl) == 0 &&
	    (cwd[hl] == '\0' || cwd[hl] == '/')) {
		strbuf_addch(out, '~');
		cwd += hl;
	}
	strbuf_addstr(out, cwd);
}

static void
add_escape(struct strbuf *out, char c, const struct prompt_info *pi)
{
	const char	*dot;

	switch (c) {
	case 'u':
		strbuf_addstr(out, pi->user);
		break;
	case 'h':
		dot = strchr(pi->host, '.');
		strbuf_add(out, pi->host, dot ? (size_t)(dot - pi->host) :
		    strlen(pi->host));
		break;
	case 'w':
	case 'W':
		add_cwd(out, pi, c == 'W');
		break;
	case 'j':
		strbuf_addf(out, "%d", pi->jobs);
		break;
	case 'J':
		if (pi->jobs > 0)
			strbuf_addf(out, " [%d]", pi->jobs);
		break;
	case '$':
		strbuf_addch(out, pi->root ? '#' : '$');
		break;
	case '?':
		strbuf_addf(out, "%d", pi->status);
		break;
	case 'n':
		strbuf_addch(out, '\n');
		break;
	case '\\':
		strbuf_addch(out, '\\');
		break;
	case 'e':
		strbuf_addch(out, '\033');
		break;
	case 'a':
		strbuf_addch(out, '\a');
		break;
	case '[':
	case ']':
		/* Invisible text (colours) between \[ and \]: libedit
		   skips what lies between PROMPT_IGNORE marks. */
		strbuf_addch(out, PROMPT_IGNORE);
		break;
	default:
		strbuf_addch(out, '\\');
		strbuf_addch(out, c);
		break;
	}
}

/* \NNN: up to three octal digits; returns what follows them. */
static const char *
add_octal(struct strbuf *out, const char *p)
{
	int	v = 0, i;

	for (i = 0; i < 3 && *p >= '0' && *p <= '7'; i++)
		v = v * 8 + (*p++ - '0');
	strbuf_addch(out, (char)v);
	return p;
}

char *
prompt_expand(const char *ps, const struct prompt_info *pi)
{
	struct strbuf	out = STRBUF_INIT;

	for (; *ps != '\0'; ps++) {
		if (*ps == '\\' && ps[1] >= '0' && ps[1] <= '7')
			ps = add_octal(&out, ps + 1) - 1;
		else if (*ps == '\\' && ps[1] != '\0')
			add_escape(&out, *++ps, pi);
		else
			strbuf_addch(&out, *ps);
	}
	return strbuf_detach(&out);
}
