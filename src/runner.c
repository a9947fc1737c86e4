/*
 * runner: read a complete command, run it, wait for it, repeat.
 */
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "context.h"
#include "exec.h"
#include "future.h"
#include "job.h"
#include "parse.h"
#include "runner.h"
#include "shell.h"
#include "source.h"
#include "strbuf.h"
#include "xmalloc.h"

struct runner {
	struct job	*job;
	struct context	*ctx;
	struct source	*src;
	struct strbuf	 text;		/* read, not yet run */
	bool		 need_line;	/* text holds no complete command */
	bool		 halted;	/* a syntax error ended this source */
	struct future	*result;
};

static void	runner_run(struct runner *);

static void
runner_finish(struct runner *r)
{
	int	status = r->ctx->exiting ? r->ctx->exit_status : r->ctx->status;

	if (r->halted)
		status = 2;

	future_resolve(r->result, status);
	future_unref(r->result);
	source_free(r->src);
	strbuf_free(&r->text);
	job_unref(r->job);
	free(r);
}

static void
runner_command_done_cb(struct future *f, void *arg)
{
	struct runner	*r = arg;

	r->ctx->status = future_status(f);
	if (r->job != NULL && job_interrupted(r->job)) {
		runner_finish(r);
		return;
	}
	runner_run(r);
}

static void
runner_resume_cb(void *arg)
{
	runner_run(arg);
}

static void
drop_prefix(struct strbuf *sb, size_t n)
{
	memmove(sb->data, sb->data + n, sb->len - n + 1);
	sb->len -= n;
}

/* A script whose last line ends in a backslash: the end of the file ends
   the command, as in bash and dash.  Whether it was dropped. */
static bool
drop_final_continuation(struct runner *r)
{
	if (r->src->interactive || r->text.len < 2 ||
	    memcmp(r->text.data + r->text.len - 2, "\\\n", 2) != 0)
		return false;
	strbuf_truncate(&r->text, r->text.len - 2);
	r->need_line = false;
	return r->text.len > 0;
}

static void
syntax_error(struct runner *r, const char *message)
{
	sh_error("%s", message);
	r->ctx->status = 2;
	/* A script (or a sourced file) stops at its first syntax error; the
	   shell that sourced it goes on. */
	if (!r->src->interactive)
		r->halted = true;
}

/*
 * Parses and starts the first command in r->text.  Returns its future, or
 * NULL when nothing was started (blank line, error, more text needed).
 */
static struct future *
start_next_command(struct runner *r)
{
	struct parse_result	 res;
	struct future		*f = NULL;

	parse_command(r->text.data, r->text.len, &res);
	switch (res.status) {
	case PARSE_INCOMPLETE:
		r->need_line = true;
		return NULL;
	case PARSE_ERROR:
		syntax_error(r, res.error);
		free(res.error);
		strbuf_truncate(&r->text, 0);
		return NULL;
	case PARSE_OK:
		drop_prefix(&r->text, res.consumed);
		if (res.program->list != NULL) {
			f = exec_list(r->job, r->ctx, res.program,
			    res.program->list);
		}
		ast_program_unref(res.program);
		return f;
	}
	return NULL;
}

static void
runner_run(struct runner *r)
{
	struct future	*f;

	while (!r->ctx->exiting && !r->halted) {
		if (r->need_line || r->text.len == 0) {
			r->src->continuation = r->text.len > 0;
			switch (source_next_line(r->src, &r->text)) {
			case SOURCE_WAIT:
				return;
			case SOURCE_CANCEL:
				strbuf_truncate(&r->text, 0);
				r->need_line = false;
				continue;
			case SOURCE_EOF:
				if (drop_final_continuation(r))
					continue;
				if (r->text.len > 0)
					syntax_error(r,
					    "syntax error near end of file");
				runner_finish(r);
				return;
			case SOURCE_LINE:
				r->need_line = false;
				break;
			}
		}
		if ((f = start_next_command(r)) == NULL)
			continue;
		/* Even a command that is already done yields to the loop
		   before the next one: a script that only starts background
		   jobs must still reap them as it goes. */
		future_await_turn(f, runner_command_done_cb, r);
		future_unref(f);
		return;
	}
	runner_finish(r);
}

struct future *
runner_start(struct job *job, struct context *ctx, struct source *src)
{
	struct runner	*r = xcalloc(1, sizeof *r);
	struct future	*result;

	r->job = job != NULL ? job_ref(job) : NULL;
	r->ctx = ctx;
	r->src = src;
	r->result = future_new(ctx->shell->sched);
	result = future_ref(r->result);
	src->resume_cb = runner_resume_cb;
	src->resume_arg = r;
	runner_run(r);
	return result;
}
