/*
 * plainsource: a prompt and job reports in front of a descriptor source.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "context.h"
#include "plainsource.h"
#include "prompt.h"
#include "shell.h"
#include "shellprompt.h"
#include "source.h"
#include "xmalloc.h"

struct plain_source {
	struct source	 base;
	struct shell	*sh;
	struct source	*inner;
	bool		 prompted;	/* for the line being read */
	bool		 cancelled;	/* ^C dropped a continued command */
};

static void
print_prompt(struct plain_source *p)
{
	char		*prompt = shell_prompt(p->sh, p->base.continuation);
	const char	*c;

	for (c = prompt; *c != '\0'; c++)
		if (*c != PROMPT_IGNORE)
			fputc(*c, stderr);
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
		res = source_next_line(p->inner, out);
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
	source_free(p->inner);
	free(p);
}

static const struct source_ops plain_ops = {
	plain_next_line, plain_sync, plain_free
};

struct source *
plain_source_new(struct shell *sh, struct source *inner)
{
	struct plain_source	*p = xcalloc(1, sizeof *p);

	p->base.ops = &plain_ops;
	p->base.interactive = true;
	p->sh = sh;
	p->inner = inner;
	inner->interactive = true;
	inner->resume_cb = inner_resumed;
	inner->resume_arg = p;
	return &p->base;
}
