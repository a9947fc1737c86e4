/*
 * complete: Tab completion — commands (builtins and $PATH) in command
 * position, file names elsewhere, %job specs and $variables.
 */
#ifndef JOBSH_COMPLETE_H
#define JOBSH_COMPLETE_H

#include <histedit.h>

#include "strvec.h"

struct shell;

/* Binds Tab to completion on el. */
void	complete_install(EditLine *);

/*
 * The candidates for the word ending at the cursor: word is the text typed
 * so far, command tells whether it is in command position.  Sorted, no
 * duplicates.  Candidates are whole words (files keep a trailing '/').
 */
void	complete_candidates(struct shell *, const char *word, int command,
	    struct strvec *out);

#endif
