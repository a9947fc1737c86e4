/*
 * check_pty_term: a tiny terminal emulator for the pty tests, so that they
 * can assert what a user would see.  An 80x24 screen of code points, one
 * column each; xterm's deferred wrap at the right margin; CR, LF, BS, TAB;
 * CSI cursor motion, erasing, insertion and deletion; other CSI, OSC and
 * ESC sequences are consumed and ignored.
 */
#ifndef JOBSH_CHECK_PTY_TERM_H
#define JOBSH_CHECK_PTY_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TERM_ROWS	24
#define TERM_COLS	80

struct term {
	uint32_t	 cell[TERM_ROWS][TERM_COLS];	/* 0 is blank */
	int		 row;
	int		 col;
	bool		 wrap_pending;	/* printed in the last column */
	long		 scrolled;	/* rows gone off the top */
	int		 saved_row;
	int		 saved_col;

	int		 state;		/* of the escape sequence parser */
	char		 params[64];
	size_t		 n_params;
	uint32_t	 cp;		/* UTF-8 decoding */
	int		 cp_left;
};

void	 term_init(struct term *);
void	 term_feed(struct term *, const char *, size_t);
/* A row as UTF-8 without trailing blanks; returns buf. */
char	*term_row(const struct term *, int, char *, size_t);
/* The first row at or after from whose text is exactly text, or -1. */
int	 term_find_row(const struct term *, const char *, int);
/* How many rows contain needle. */
int	 term_count_rows(const struct term *, const char *);
/* The last row that is not blank, or -1. */
int	 term_last_row(const struct term *);
/* The whole screen, one line per row, for failure messages. */
char	*term_dump(const struct term *);

#endif
