/*
 * shellprompt: $PS1 or $PS2 expanded for the shell as it stands (user,
 * host, directory, jobs, last status); for the editor and for the plain
 * terminal source alike.
 */
#ifndef JOBSH_SHELLPROMPT_H
#define JOBSH_SHELLPROMPT_H

#include <stdbool.h>

struct shell;

/* A malloc'd string, with PROMPT_IGNORE around invisible text. */
char	*shell_prompt(struct shell *, bool continuation);

#endif
