/*
 * report: job lines in bash's `jobs` format, used by the jobs builtin and
 * by notifications alike, and the bookkeeping of what was reported.
 */
#ifndef JOBSH_REPORT_H
#define JOBSH_REPORT_H

#include <stdbool.h>
#include <stdio.h>

struct job;
struct jobtab;

enum report_format {
	REPORT_NORMAL,		/* [1]+  Running                 cmd & */
	REPORT_LONG,		/* with a PID per process */
	REPORT_PIDS,		/* process group leader only */
	REPORT_DURATION,	/* NORMAL plus how long it ran */
};

/* '+', '-' or ' ' for job in t. */
char	report_mark(const struct jobtab *, const struct job *);
void	report_job(FILE *, const struct jobtab *, struct job *,
	    enum report_format);
/* Marks the job reported; a finished one leaves the listing. */
void	report_done_with(struct jobtab *, struct job *);

#endif
