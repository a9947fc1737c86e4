/*
 * editline: libedit, loaded with dlopen the first time a person is at the
 * keyboard.
 *
 * A script never edits a line, yet libedit (with terminfo, libbsd and
 * libmd) linked into the shell cost every script's start-up its
 * relocations and page faults, about 2 % (bench/RESULTS.md).  The editor,
 * its completion and its history call libedit through this table.
 */
#ifndef JOBSH_EDITLINE_H
#define JOBSH_EDITLINE_H

#include <stdio.h>

#include <histedit.h>

struct editline_api {
	EditLine	*(*el_init)(const char *, FILE *, FILE *, FILE *);
	void		 (*el_end)(EditLine *);
	const char	*(*el_gets)(EditLine *, int *);
	int		 (*el_set)(EditLine *, int, ...);
	int		 (*el_get)(EditLine *, int, ...);
	int		 (*el_insertstr)(EditLine *, const char *);
	const LineInfo	*(*el_line)(EditLine *);
	const LineInfoW	*(*el_wline)(EditLine *);
	void		 (*el_resize)(EditLine *);
	int		 (*el_source)(EditLine *, const char *);
	History		*(*history_init)(void);
	void		 (*history_end)(History *);
	int		 (*history)(History *, HistEvent *, int, ...);
};

/* The loaded library; NULL until editline_load has succeeded. */
extern const struct editline_api	*libedit;

/* Loads libedit once; on failure returns -1 with a message in *why. */
int	editline_load(const char **why);

#endif
