/*
 * jobspec: resolving %n %+ %% % %- %str %?str against the job table.
 * Pure lookup: it returns a code and the caller prints, so it can be tested
 * without a terminal or a shell.
 */
#ifndef JOBSH_JOBSPEC_H
#define JOBSH_JOBSPEC_H

#include <stdbool.h>

struct job;
struct jobtab;

enum jobspec_result {
	JOBSPEC_OK,
	JOBSPEC_NO_SUCH,	/* "%7: no such job" */
	JOBSPEC_AMBIGUOUS,	/* "%s: ambiguous job spec" */
	JOBSPEC_NOT_A_SPEC,	/* no '%' and not allowed bare */
};

/*
 * Resolves spec.  With bare_numbers, "3" means "%3" (fg, bg, disown do
 * this, as in bash; wait and kill read such words as PIDs).
 */
enum jobspec_result	jobspec_resolve(const struct jobtab *,
			    const char *spec, bool bare_numbers,
			    struct job **out);

#endif
