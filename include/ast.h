/*
 * ast: the syntax tree of one complete command, as the parser builds it.
 *
 * Words are kept as raw source text, quotes and backslashes included
 * ("a'b c'$x"); the expand module interprets them when the command runs, so
 * the tree is plain data that a job can keep for as long as it runs.  All
 * nodes of one parse live in one arena owned by the struct ast_program, which
 * is reference counted because background jobs outlive the line that made
 * them.
 */
#ifndef JOBSH_AST_H
#define JOBSH_AST_H

#include <stdbool.h>
#include <stddef.h>

enum ast_redir_op {
	AST_REDIR_IN,		/* [n]<   default fd 0 */
	AST_REDIR_OUT,		/* [n]>   default fd 1 */
	AST_REDIR_APPEND,	/* [n]>>  default fd 1 */
	AST_REDIR_CLOBBER,	/* [n]>|  default fd 1 */
	AST_REDIR_RDWR,		/* [n]<>  default fd 0 */
	AST_REDIR_DUP_OUT,	/* [n]>&word default fd 1; word "-" closes */
	AST_REDIR_DUP_IN,	/* [n]<&word default fd 0; word "-" closes */
};

struct ast_redir {
	int			 fd;	/* the default already filled in */
	enum ast_redir_op	 op;
	char			*target; /* raw word */
};

enum ast_command_kind {
	AST_SIMPLE,		/* [NAME=value]... [word]... with redirections */
	AST_SUBSHELL,		/* ( list ) [redirections] */
};

struct ast_command {
	enum ast_command_kind	 kind;
	char			**assigns;	/* raw "NAME=value" words */
	size_t			  n_assigns;
	char			**words;	/* raw words; may be empty */
	size_t			  n_words;
	struct ast_redir	 *redirs;	/* in source order */
	size_t			  n_redirs;
	struct ast_list		 *body;		/* AST_SUBSHELL only */
};

struct ast_pipeline {
	bool			 negated;	/* leading "!" */
	struct ast_command	*commands;
	size_t			 n_commands;	/* >= 1 */
	char			*text;		/* source text, trimmed */
};

enum ast_connector {
	AST_AND,		/* && */
	AST_OR,			/* || */
};

struct ast_and_or {
	struct ast_pipeline	*pipelines;
	enum ast_connector	*connectors;	/* n_pipelines - 1 of them */
	size_t			 n_pipelines;	/* >= 1 */
	bool			 background;	/* terminated by "&" */
	char			*text;		/* source text without the
						   terminator, trimmed */
};

struct ast_list {
	struct ast_and_or	*items;
	size_t			 n_items;	/* >= 1 */
};

struct ast_program {
	unsigned		 refs;
	struct ast_list		*list;		/* NULL for a blank line */
	struct arena		*arena;		/* owns every node and string */
};

struct ast_program	*ast_program_ref(struct ast_program *);
void			 ast_program_unref(struct ast_program *);

#endif
