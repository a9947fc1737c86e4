/*
 * plainsource: the terminal when libedit cannot be loaded.  Lines come
 * from a descriptor source as the terminal's own line discipline delivers
 * them; before each, the reports of jobs that changed and the prompt ($PS1,
 * or $PS2 for a continuation) go to stderr, as with bash --noediting.  ^D
 * with jobs left warns once, as in the editor.
 */
#ifndef JOBSH_PLAINSOURCE_H
#define JOBSH_PLAINSOURCE_H

struct shell;
struct source;

/* Takes over inner, the source of fd, which it frees with itself. */
struct source	*plain_source_new(struct shell *, struct source *inner,
		    int fd);
/* ^C at the prompt: a new prompt, or the continued command dropped. */
void		 plain_source_interrupt(struct source *);

#endif
