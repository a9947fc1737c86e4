/*
 * parse: a pure function from shell text to a syntax tree.  No I/O, no
 * global state: the same bytes always give the same result, so it can be
 * unit-tested and fuzzed.
 */
#ifndef JOBSH_PARSE_H
#define JOBSH_PARSE_H

#include <stddef.h>

#include "ast.h"

enum parse_status {
	PARSE_OK,		/* one complete command was parsed */
	PARSE_INCOMPLETE,	/* the text ends inside a construct that
				   continues on the next line */
	PARSE_ERROR,		/* a syntax error */
};

struct parse_result {
	enum parse_status	 status;
	/* PARSE_OK: the complete command, with refs == 1 (caller unrefs).
	   Its list is NULL when the line was blank or only a comment. */
	struct ast_program	*program;
	/* PARSE_OK: bytes of src used, including the terminating newline;
	   PARSE_ERROR: bytes up to and including the end of the offending
	   line, so a caller can skip it. */
	size_t			 consumed;
	/* PARSE_ERROR: a malloc'd message without the "jobsh: " prefix, e.g.
	   "syntax error near ')'" or "syntax error near end of line". */
	char			*error;
};

/*
 * Parses the first complete command in src[0..len): a list ended by a
 * newline or by the end of src.  Bytes may be anything, NUL included.
 */
void	parse_command(const char *src, size_t len, struct parse_result *);

#endif
