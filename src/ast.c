/*
 * ast: the life cycle of a parsed program.  The program struct lives in its
 * own arena, so dropping the last reference frees the whole tree at once.
 */
#include <stddef.h>

#include "arena.h"
#include "ast.h"

struct ast_program *
ast_program_ref(struct ast_program *prog)
{
	prog->refs++;
	return prog;
}

void
ast_program_unref(struct ast_program *prog)
{
	if (prog == NULL)
		return;
	if (--prog->refs == 0)
		arena_free(prog->arena);	/* prog is inside it */
}
