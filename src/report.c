/*
 * report: formatting job lines.
 */
#include <stdio.h>

#include "future.h"
#include "job.h"
#include "jobtab.h"
#include "report.h"
#include "shell.h"

char
report_mark(const struct jobtab *t, const struct job *job)
{
	if (job == jobtab_current(t))
		return '+';
	if (job == jobtab_previous(t))
		return '-';
	return ' ';
}

static const char *
display_suffix(const struct job *job)
{
	return job->state == JOB_RUNNING && job->background ? " &" : "";
}

static void
report_long(FILE *out, struct job *job, char mark, const char *state)
{
	struct proc	*p = job->procs;

	/* A process whose spawn failed has no PID; it is about to go. */
	while (p != NULL && p->pid == 0)
		p = p->next;
	if (p == NULL) {
		fprintf(out, "[%d]%c %5ld %-24s%s%s\n", job->number, mark,
		    job->pid, state, job->text, display_suffix(job));
		return;
	}
	fprintf(out, "[%d]%c %5ld %-24s%s%s\n", job->number, mark,
	    (long)p->pid, state, p->text, p->next ? "" : display_suffix(job));
	for (p = p->next; p != NULL; p = p->next)
		fprintf(out, "     %5ld %-24s| %s%s\n", (long)p->pid, "",
		    p->text, p->next ? "" : display_suffix(job));
}

void
report_job(FILE *out, const struct jobtab *t, struct job *job,
    enum report_format format)
{
	char		 buf[32], mark = report_mark(t, job);
	const char	*state = job_state_text(job, buf, sizeof buf);
	double		 end;

	switch (format) {
	case REPORT_PIDS:
		/* The process group leader under job control, as bash;
		   otherwise the PID $! gave. */
		fprintf(out, "%ld\n", job->pgid > 0 ? (long)job->pgid :
		    job->pid);
		break;
	case REPORT_LONG:
		report_long(out, job, mark, state);
		break;
	case REPORT_DURATION:
		end = job->state == JOB_DONE ? job->ended :
		    shell_now(job->shell);
		fprintf(out, "[%d]%c  %-24s%s%s (%.3fs)\n", job->number, mark,
		    state, job->text, display_suffix(job), end - job->started);
		break;
	case REPORT_NORMAL:
		fprintf(out, "[%d]%c  %-24s%s%s\n", job->number, mark, state,
		    job->text, display_suffix(job));
		break;
	}
	job->changed = false;
}

void
report_done_with(struct jobtab *t, struct job *job)
{
	if (job->state == JOB_DONE) {
		job->notified = true;
		jobtab_remove(t, job);
	}
}
