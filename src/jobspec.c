/*
 * jobspec: the %-grammar of job specifications.
 */
#include <stdlib.h>
#include <string.h>

#include "job.h"
#include "jobspec.h"
#include "jobtab.h"

static bool
all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static enum jobspec_result
by_number(const struct jobtab *t, const char *digits, struct job **out)
{
	long	n;

	if (strlen(digits) > 9)
		return JOBSPEC_NO_SUCH;
	n = strtol(digits, NULL, 10);
	*out = jobtab_get(t, (int)n);
	return *out != NULL ? JOBSPEC_OK : JOBSPEC_NO_SUCH;
}

/* %str and %?str: exactly one listed job may match. */
static enum jobspec_result
by_text(const struct jobtab *t, const char *s, bool anywhere,
    struct job **out)
{
	struct job	*job, *found = NULL;
	size_t		 len = strlen(s);

	for (job = jobtab_first(t); job != NULL; job = jobtab_next(t, job)) {
		if (anywhere ? strstr(job->text, s) == NULL :
		    strncmp(job->text, s, len) != 0)
			continue;
		if (found != NULL)
			return JOBSPEC_AMBIGUOUS;
		found = job;
	}
	*out = found;
	return found != NULL ? JOBSPEC_OK : JOBSPEC_NO_SUCH;
}

enum jobspec_result
jobspec_resolve(const struct jobtab *t, const char *spec, bool bare_numbers,
    struct job **out)
{
	const char	*s;

	*out = NULL;
	if (spec[0] != '%') {
		if (bare_numbers && all_digits(spec))
			return by_number(t, spec, out);
		return JOBSPEC_NOT_A_SPEC;
	}
	s = spec + 1;
	if (*s == '\0' || strcmp(s, "%") == 0 || strcmp(s, "+") == 0)
		*out = jobtab_current(t);
	else if (strcmp(s, "-") == 0) {
		/* With one job, as bash: it is the previous one too. */
		if ((*out = jobtab_previous(t)) == NULL)
			*out = jobtab_current(t);
	}
	else if (all_digits(s))
		return by_number(t, s, out);
	else if (*s == '?')
		return by_text(t, s + 1, true, out);
	else
		return by_text(t, s, false, out);
	return *out != NULL ? JOBSPEC_OK : JOBSPEC_NO_SUCH;
}
