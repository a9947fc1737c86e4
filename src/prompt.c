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
	default:
		strbuf_addch(out, '\\');
		strbuf_addch(out, c);
		break;
	}
}

char *
prompt_expand(const char *ps, const struct prompt_info *pi)
{
	struct strbuf	out = STRBUF_INIT;

	for (; *ps != '\0'; ps++) {
		if (*ps == '\\' && ps[1] != '\0')
			add_escape(&out, *++ps, pi);
		else
			strbuf_addch(&out, *ps);
	}
	return strbuf_detach(&out);
}
