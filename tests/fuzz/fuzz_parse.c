/*
 * fuzz_parse: libFuzzer target for parse_command.  Feeds the input the way
 * the shell does, one command after another, and walks every tree so that
 * the sanitizers see each node and string.
 *
 *	clang -fsanitize=fuzzer,address,undefined -Iinclude \
 *	    tests/fuzz/fuzz_parse.c src/parse.c src/ast.c src/arena.c \
 *	    src/xmalloc.c src/strbuf.c src/strvec.c -o fuzz_parse
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	walk_list(const struct ast_list *);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static void
walk_words(char *const *v, size_t n)
{
	size_t	i;

	check(v != NULL && v[n] == NULL);
	for (i = 0; i < n; i++)
		check(strlen(v[i]) > 0);
}

static void
walk_command(const struct ast_command *c)
{
	size_t	i;

	walk_words(c->assigns, c->n_assigns);
	walk_words(c->words, c->n_words);
	for (i = 0; i < c->n_redirs; i++) {
		check(c->redirs[i].fd >= 0);
		check(strlen(c->redirs[i].target) > 0);
	}
	if (c->kind == AST_SUBSHELL) {
		check(c->body != NULL && c->n_words == 0 && c->n_assigns == 0);
		walk_list(c->body);
	} else {
		check(c->body == NULL);
		check(c->n_words + c->n_assigns + c->n_redirs > 0);
	}
}

static void
walk_list(const struct ast_list *l)
{
	const struct ast_and_or		*ao;
	const struct ast_pipeline	*pl;
	size_t				 i, j, k;

	check(l->n_items >= 1);
	for (i = 0; i < l->n_items; i++) {
		ao = &l->items[i];
		check(ao->n_pipelines >= 1 && strlen(ao->text) > 0);
		for (j = 0; j < ao->n_pipelines; j++) {
			if (j > 0)
				check(ao->connectors[j - 1] == AST_AND ||
				    ao->connectors[j - 1] == AST_OR);
			pl = &ao->pipelines[j];
			check(pl->n_commands >= 1 && strlen(pl->text) > 0);
			for (k = 0; k < pl->n_commands; k++)
				walk_command(&pl->commands[k]);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*src = (const char *)data;
	struct parse_result	 r;

	for (;;) {
		parse_command(src, size, &r);
		if (r.status == PARSE_INCOMPLETE) {
			check(r.program == NULL && r.error == NULL);
			break;
		}
		check(r.consumed <= size);
		check(size == 0 || r.consumed > 0);
		if (r.status == PARSE_ERROR) {
			check(r.program == NULL);
			check(strncmp(r.error, "syntax error near ", 18) == 0);
			free(r.error);
		} else {
			check(r.status == PARSE_OK && r.error == NULL);
			check(r.program->refs == 1);
			if (r.program->list != NULL)
				walk_list(r.program->list);
			ast_program_unref(r.program);
		}
		src += r.consumed;
		size -= r.consumed;
		if (size == 0)
			break;
	}
	return 0;
}
