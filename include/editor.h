/*
 * editor: the interactive prompt — libedit driven by the libev loop, one
 * editor command per readable event, so children, timers and signals are
 * served while the user types.  It is the top-level runner's source, and
 * it prints job reports over a half-typed line and redraws it intact.
 */
#ifndef JOBSH_EDITOR_H
#define JOBSH_EDITOR_H

#include <histedit.h>

struct editor;
struct history;
struct shell;
struct source;

struct editor	*editor_new(struct shell *, int fd);
void		 editor_free(struct editor *);

/* The source the top-level runner reads lines from. */
struct source	*editor_source(struct editor *);
struct history	*editor_history(struct editor *);

/* Ctrl-C at the prompt: drop the line, fresh prompt, $? = 130. */
void		 editor_interrupt(struct editor *);
/* The terminal changed size. */
void		 editor_resize(struct editor *);
/* Job reports are waiting: print them now if a line is being edited. */
void		 editor_reports_pending(struct editor *);

/* For completion, which works on the same EditLine. */
struct shell	*editor_shell(EditLine *);
void		 editor_print_above(EditLine *, const char *text);

#endif
