/*
 * check_parse: the parser as a pure function, from text to tree, status,
 * bytes consumed and exact error messages.
 */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "check_suites.h"
#include "parse.h"

/* Parses all of src (a newline at the end is part of it) and expects OK. */
static struct ast_program *
parse_ok(const char *src)
{
	struct parse_result	r;

	parse_command(src, strlen(src), &r);
	ck_assert_msg(r.status == PARSE_OK, "\"%s\": status %d, error %s",
	    src, r.status, r.error != NULL ? r.error : "none");
	ck_assert_ptr_nonnull(r.program);
	ck_assert_ptr_null(r.error);
	ck_assert_uint_eq(r.program->refs, 1);
	ck_assert_msg(r.consumed == strlen(src), "\"%s\": consumed %zu",
	    src, r.consumed);
	return r.program;
}

static void
check_error_n(const char *src, size_t len, const char *msg)
{
	struct parse_result	r;

	parse_command(src, len, &r);
	ck_assert_msg(r.status == PARSE_ERROR, "\"%s\": status %d", src,
	    r.status);
	ck_assert_ptr_null(r.program);
	ck_assert_ptr_nonnull(r.error);
	ck_assert_str_eq(r.error, msg);
	free(r.error);
}

static void
check_error(const char *src, const char *msg)
{
	check_error_n(src, strlen(src), msg);
}

static void
check_incomplete(const char *src)
{
	struct parse_result	r;

	parse_command(src, strlen(src), &r);
	ck_assert_msg(r.status == PARSE_INCOMPLETE, "\"%s\": status %d, %s",
	    src, r.status, r.error != NULL ? r.error : "no error");
	ck_assert_ptr_null(r.program);
	ck_assert_ptr_null(r.error);
}

/* The one and_or of a one-item program. */
static struct ast_and_or *
only_and_or(struct ast_program *prog)
{
	ck_assert_ptr_nonnull(prog->list);
	ck_assert_uint_eq(prog->list->n_items, 1);
	return &prog->list->items[0];
}

static struct ast_pipeline *
only_pipeline(struct ast_program *prog)
{
	struct ast_and_or	*ao = only_and_or(prog);

	ck_assert_uint_eq(ao->n_pipelines, 1);
	return &ao->pipelines[0];
}

static struct ast_command *
only_command(struct ast_program *prog)
{
	struct ast_pipeline	*pl = only_pipeline(prog);

	ck_assert_uint_eq(pl->n_commands, 1);
	return &pl->commands[0];
}

/* Checks the words of a simple command, given as a NULL-terminated list. */
static void
check_words(const struct ast_command *c, const char *const *words)
{
	size_t	n;

	ck_assert_int_eq(c->kind, AST_SIMPLE);
	for (n = 0; words[n] != NULL; n++) {
		ck_assert_uint_gt(c->n_words, n);
		ck_assert_str_eq(c->words[n], words[n]);
	}
	ck_assert_uint_eq(c->n_words, n);
	ck_assert_ptr_null(c->words[n]);
}

static void
check_one_command_words(const char *src, const char *const *words)
{
	struct ast_program	*prog = parse_ok(src);

	check_words(only_command(prog), words);
	ast_program_unref(prog);
}

START_TEST(test_simple_command_splits_words_on_blanks)
{
	struct ast_program	*prog = parse_ok("  echo  a\tb  ");
	struct ast_command	*c = only_command(prog);

	check_words(c, (const char *[]){ "echo", "a", "b", NULL });
	ck_assert_uint_eq(c->n_assigns, 0);
	ck_assert_ptr_nonnull(c->assigns);
	ck_assert_uint_eq(c->n_redirs, 0);
	ck_assert_ptr_null(c->body);
	ck_assert_str_eq(only_and_or(prog)->text, "echo  a\tb");
	ck_assert(!only_and_or(prog)->background);
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_pipeline_of_three_commands)
{
	struct ast_program	*prog = parse_ok("a 1 | b | c 3\n");
	struct ast_pipeline	*pl = only_pipeline(prog);

	ck_assert_uint_eq(pl->n_commands, 3);
	ck_assert(!pl->negated);
	check_words(&pl->commands[0], (const char *[]){ "a", "1", NULL });
	check_words(&pl->commands[1], (const char *[]){ "b", NULL });
	check_words(&pl->commands[2], (const char *[]){ "c", "3", NULL });
	ck_assert_str_eq(pl->text, "a 1 | b | c 3");
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_and_or_binds_tighter_than_semicolon_and_ampersand)
{
	struct ast_program	*prog = parse_ok("a && b || c | d & e ; f");
	struct ast_list		*l = prog->list;
	struct ast_and_or	*ao = &l->items[0];

	ck_assert_uint_eq(l->n_items, 3);
	ck_assert_uint_eq(ao->n_pipelines, 3);
	ck_assert_int_eq(ao->connectors[0], AST_AND);
	ck_assert_int_eq(ao->connectors[1], AST_OR);
	ck_assert_uint_eq(ao->pipelines[0].n_commands, 1);
	ck_assert_uint_eq(ao->pipelines[1].n_commands, 1);
	ck_assert_uint_eq(ao->pipelines[2].n_commands, 2);
	ck_assert_str_eq(ao->pipelines[2].commands[1].words[0], "d");
	ck_assert(ao->background);
	ck_assert_str_eq(ao->text, "a && b || c | d");
	ck_assert_str_eq(ao->pipelines[2].text, "c | d");

	ck_assert_uint_eq(l->items[1].n_pipelines, 1);
	ck_assert_str_eq(l->items[1].text, "e");
	ck_assert(!l->items[1].background);
	ck_assert_str_eq(l->items[2].text, "f");
	ck_assert(!l->items[2].background);
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_trailing_semicolon_ends_the_list)
{
	struct ast_program	*prog = parse_ok("a ;  \n");

	ck_assert(!only_and_or(prog)->background);
	ck_assert_str_eq(only_and_or(prog)->text, "a");
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_trailing_ampersand_runs_the_and_or_in_background)
{
	struct ast_program	*prog = parse_ok("sleep 30 | cat &\n");
	struct ast_and_or	*ao = only_and_or(prog);

	ck_assert(ao->background);
	ck_assert_str_eq(ao->text, "sleep 30 | cat");
	ck_assert_str_eq(ao->pipelines[0].text, "sleep 30 | cat");
	ast_program_unref(prog);

	prog = parse_ok("a & b &");
	ck_assert_uint_eq(prog->list->n_items, 2);
	ck_assert(prog->list->items[0].background);
	ck_assert(prog->list->items[1].background);
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_bang_negates_the_pipeline)
{
	struct ast_program	*prog = parse_ok("! a | b");
	struct ast_pipeline	*pl = only_pipeline(prog);

	ck_assert(pl->negated);
	ck_assert_uint_eq(pl->n_commands, 2);
	check_words(&pl->commands[0], (const char *[]){ "a", NULL });
	ck_assert_str_eq(pl->text, "! a | b");
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_bang_after_and_if_negates_the_next_pipeline)
{
	struct ast_program	*prog = parse_ok("a && ! b");
	struct ast_and_or	*ao = only_and_or(prog);

	ck_assert(!ao->pipelines[0].negated);
	ck_assert(ao->pipelines[1].negated);
	ck_assert_str_eq(ao->pipelines[1].text, "! b");
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_bang_is_a_word_outside_pipeline_start)
{
	struct ast_program	*prog;

	check_one_command_words("echo !", (const char *[]){ "echo", "!",
	    NULL });
	check_one_command_words("!a", (const char *[]){ "!a", NULL });
	prog = parse_ok("!a");
	ck_assert(!only_pipeline(prog)->negated);
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_double_bang_is_an_error)
{
	check_error("! ! a", "syntax error near '!'");
	check_error("!", "syntax error near end of line");
	check_error("! \n", "syntax error near end of line");
}
END_TEST

START_TEST(test_subshell_takes_redirections)
{
	struct ast_program	*prog = parse_ok("(a; b) >out 2>&1 &");
	struct ast_and_or	*ao = only_and_or(prog);
	struct ast_command	*c = only_command(prog);

	ck_assert_int_eq(c->kind, AST_SUBSHELL);
	ck_assert_ptr_nonnull(c->body);
	ck_assert_uint_eq(c->body->n_items, 2);
	ck_assert_str_eq(c->body->items[0].text, "a");
	ck_assert_str_eq(c->body->items[1].text, "b");
	ck_assert_uint_eq(c->n_words, 0);
	ck_assert_uint_eq(c->n_assigns, 0);
	ck_assert_uint_eq(c->n_redirs, 2);
	ck_assert_int_eq(c->redirs[0].fd, 1);
	ck_assert_int_eq(c->redirs[0].op, AST_REDIR_OUT);
	ck_assert_str_eq(c->redirs[0].target, "out");
	ck_assert_int_eq(c->redirs[1].fd, 2);
	ck_assert_int_eq(c->redirs[1].op, AST_REDIR_DUP_OUT);
	ck_assert_str_eq(c->redirs[1].target, "1");
	ck_assert(ao->background);
	ck_assert_str_eq(ao->text, "(a; b) >out 2>&1");
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_newlines_separate_commands_inside_parentheses)
{
	struct ast_program	*prog = parse_ok("(\necho a\n\necho b\n)\n");
	struct ast_command	*c = only_command(prog);

	ck_assert_int_eq(c->kind, AST_SUBSHELL);
	ck_assert_uint_eq(c->body->n_items, 2);
	check_words(&c->body->items[0].pipelines[0].commands[0],
	    (const char *[]){ "echo", "a", NULL });
	check_words(&c->body->items[1].pipelines[0].commands[0],
	    (const char *[]){ "echo", "b", NULL });
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_nested_subshells_span_lines)
{
	struct ast_program	*prog = parse_ok("(a\n(b\nc) >f\n) | d\n");
	struct ast_pipeline	*pl = only_pipeline(prog);
	struct ast_list		*outer, *inner;

	ck_assert_uint_eq(pl->n_commands, 2);
	outer = pl->commands[0].body;
	ck_assert_uint_eq(outer->n_items, 2);
	ck_assert_int_eq(outer->items[1].pipelines[0].commands[0].kind,
	    AST_SUBSHELL);
	ck_assert_uint_eq(outer->items[1].pipelines[0].commands[0].n_redirs,
	    1);
	inner = outer->items[1].pipelines[0].commands[0].body;
	ck_assert_uint_eq(inner->n_items, 2);
	ck_assert_str_eq(inner->items[1].text, "c");
	ck_assert_str_eq(outer->items[1].text, "(b; c) >f");
	ck_assert_str_eq(pl->text, "(a; (b; c) >f) | d");
	ast_program_unref(prog);
}
END_TEST

/* As bash lists a command typed over several lines: on one line. */
START_TEST(test_text_of_a_command_over_several_lines_is_one_line)
{
	static const struct {
		const char	*src;
		const char	*text;
	} cases[] = {
		{ "a &&\n  b\n", "a && b" },
		{ "a |\n\n b ||\n c\n", "a | b || c" },
		{ "(\n a\n b\n)\n", "(a; b)" },
		{ "a \\\n   && b\n", "a && b" },
		{ "a && # why\n b\n", "a && b" },
		{ "echo 'x\ny' \"p\nq\" && b\n", "echo 'x\ny' \"p\nq\" && b" },
		{ "echo a\\#b c#d && e\n", "echo a\\#b c#d && e" },
	};
	struct ast_program	*prog;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		prog = parse_ok(cases[i].src);
		ck_assert_str_eq(only_and_or(prog)->text, cases[i].text);
		ast_program_unref(prog);
	}
}
END_TEST

START_TEST(test_separators_inside_parentheses)
{
	struct ast_program	*prog = parse_ok("(a & b ;) ; ((c))");
	struct ast_list		*body;

	ck_assert_uint_eq(prog->list->n_items, 2);
	body = prog->list->items[0].pipelines[0].commands[0].body;
	ck_assert_uint_eq(body->n_items, 2);
	ck_assert(body->items[0].background);
	ck_assert(!body->items[1].background);
	body = prog->list->items[1].pipelines[0].commands[0].body;
	ck_assert_int_eq(body->items[0].pipelines[0].commands[0].kind,
	    AST_SUBSHELL);
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_empty_parentheses_are_an_error)
{
	check_error("()", "syntax error near ')'");
	check_error("(\n)", "syntax error near ')'");
	check_error("( ; )", "syntax error near ';'");
	check_error("(a ; ; )", "syntax error near ';'");
}
END_TEST

START_TEST(test_assignments_come_before_the_first_word)
{
	struct ast_program	*prog = parse_ok("A=1 _b2='x y' cmd C=3");
	struct ast_command	*c = only_command(prog);

	ck_assert_uint_eq(c->n_assigns, 2);
	ck_assert_str_eq(c->assigns[0], "A=1");
	ck_assert_str_eq(c->assigns[1], "_b2='x y'");
	ck_assert_ptr_null(c->assigns[2]);
	check_words(c, (const char *[]){ "cmd", "C=3", NULL });
	ast_program_unref(prog);

	prog = parse_ok(">f A=1 2>g B= cmd");
	c = only_command(prog);
	ck_assert_uint_eq(c->n_assigns, 2);
	ck_assert_str_eq(c->assigns[1], "B=");
	ck_assert_uint_eq(c->n_redirs, 2);
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_assignment_alone_is_a_command)
{
	struct ast_program	*prog = parse_ok("x=1");
	struct ast_command	*c = only_command(prog);

	ck_assert_uint_eq(c->n_assigns, 1);
	ck_assert_str_eq(c->assigns[0], "x=1");
	check_words(c, (const char *[]){ NULL });
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_invalid_names_make_ordinary_words)
{
	static const char *const srcs[] = {
		"1a=b", "a-b=c", "'a'=b", "=x", "a\\=b", "\"a\"=b", "a.b=c",
	};
	struct ast_program	*prog;
	struct ast_command	*c;
	size_t			 i;

	for (i = 0; i < sizeof srcs / sizeof *srcs; i++) {
		prog = parse_ok(srcs[i]);
		c = only_command(prog);
		ck_assert_msg(c->n_assigns == 0, "%s", srcs[i]);
		check_words(c, (const char *[]){ srcs[i], NULL });
		ast_program_unref(prog);
	}
}
END_TEST

START_TEST(test_redirections_fill_default_fds)
{
	static const struct {
		const char		*src;
		int			 fd;
		enum ast_redir_op	 op;
		const char		*target;
	} cases[] = {
		{ "c <f", 0, AST_REDIR_IN, "f" },
		{ "c 3<f", 3, AST_REDIR_IN, "f" },
		{ "c >f", 1, AST_REDIR_OUT, "f" },
		{ "c 2>f", 2, AST_REDIR_OUT, "f" },
		{ "c >>f", 1, AST_REDIR_APPEND, "f" },
		{ "c 2>> f", 2, AST_REDIR_APPEND, "f" },
		{ "c >|f", 1, AST_REDIR_CLOBBER, "f" },
		{ "c 5>|f", 5, AST_REDIR_CLOBBER, "f" },
		{ "c <>f", 0, AST_REDIR_RDWR, "f" },
		{ "c 7<>f", 7, AST_REDIR_RDWR, "f" },
		{ "c >&2", 1, AST_REDIR_DUP_OUT, "2" },
		{ "c 2>&1", 2, AST_REDIR_DUP_OUT, "1" },
		{ "c >&-", 1, AST_REDIR_DUP_OUT, "-" },
		{ "c 3>&-", 3, AST_REDIR_DUP_OUT, "-" },
		{ "c <&3", 0, AST_REDIR_DUP_IN, "3" },
		{ "c 4<&0", 4, AST_REDIR_DUP_IN, "0" },
		{ "c <&-", 0, AST_REDIR_DUP_IN, "-" },
		{ "c 0<&-", 0, AST_REDIR_DUP_IN, "-" },
		{ "c > 'a b'", 1, AST_REDIR_OUT, "'a b'" },
		{ "c 2147483647>f", INT_MAX, AST_REDIR_OUT, "f" },
		{ "c 007>f", 7, AST_REDIR_OUT, "f" },
	};
	struct ast_program	*prog;
	struct ast_command	*c;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		prog = parse_ok(cases[i].src);
		c = only_command(prog);
		check_words(c, (const char *[]){ "c", NULL });
		ck_assert_msg(c->n_redirs == 1, "%s", cases[i].src);
		ck_assert_msg(c->redirs[0].fd == cases[i].fd, "%s: fd %d",
		    cases[i].src, c->redirs[0].fd);
		ck_assert_msg(c->redirs[0].op == cases[i].op, "%s: op %d",
		    cases[i].src, c->redirs[0].op);
		ck_assert_str_eq(c->redirs[0].target, cases[i].target);
		ast_program_unref(prog);
	}
}
END_TEST

START_TEST(test_redirections_may_appear_anywhere)
{
	struct ast_program	*prog = parse_ok("<in cmd a >out b 2>>err");
	struct ast_command	*c = only_command(prog);

	check_words(c, (const char *[]){ "cmd", "a", "b", NULL });
	ck_assert_uint_eq(c->n_redirs, 3);
	ck_assert_str_eq(c->redirs[0].target, "in");
	ck_assert_str_eq(c->redirs[1].target, "out");
	ck_assert_str_eq(c->redirs[2].target, "err");
	ck_assert_int_eq(c->redirs[2].fd, 2);
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_redirection_alone_is_a_command)
{
	struct ast_program	*prog = parse_ok(">f");
	struct ast_command	*c = only_command(prog);

	ck_assert_uint_eq(c->n_redirs, 1);
	check_words(c, (const char *[]){ NULL });
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_io_number_must_touch_the_operator)
{
	struct ast_program	*prog;
	struct ast_command	*c;

	prog = parse_ok("echo 2 >x");
	c = only_command(prog);
	check_words(c, (const char *[]){ "echo", "2", NULL });
	ck_assert_int_eq(c->redirs[0].fd, 1);
	ast_program_unref(prog);

	prog = parse_ok("echo a2>x");
	c = only_command(prog);
	check_words(c, (const char *[]){ "echo", "a2", NULL });
	ck_assert_int_eq(c->redirs[0].fd, 1);
	ast_program_unref(prog);

	prog = parse_ok("echo '2'>x");
	c = only_command(prog);
	check_words(c, (const char *[]){ "echo", "'2'", NULL });
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_number_touching_the_next_operator_is_a_target)
{
	struct ast_program	*prog = parse_ok("echo x >&2>/dev/null");
	struct ast_command	*c = only_command(prog);

	ck_assert_uint_eq(c->n_redirs, 2);
	ck_assert_int_eq(c->redirs[0].op, AST_REDIR_DUP_OUT);
	ck_assert_str_eq(c->redirs[0].target, "2");
	ck_assert_int_eq(c->redirs[1].fd, 1);
	ck_assert_str_eq(c->redirs[1].target, "/dev/null");
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_overflowing_fd_is_an_error)
{
	check_error("echo 99999999999>x", "syntax error near '99999999999'");
	check_error("echo 2147483648>x", "syntax error near '2147483648'");
}
END_TEST

START_TEST(test_redirection_needs_a_target)
{
	check_error("echo >\n", "syntax error near end of line");
	check_error("echo >", "syntax error near end of line");
	check_error("echo > |", "syntax error near '|'");
	check_error("echo < >x", "syntax error near '>'");
	check_error("echo 2>& ;", "syntax error near ';'");
	check_error("echo >> &", "syntax error near '&'");
	check_error("(echo >)", "syntax error near ')'");
}
END_TEST

START_TEST(test_quotes_keep_blanks_and_operators_in_a_word)
{
	check_one_command_words("echo 'a b;c' \"d | e\" f\\ g a\\;b '(<>)'",
	    (const char *[]){ "echo", "'a b;c'", "\"d | e\"", "f\\ g",
	    "a\\;b", "'(<>)'", NULL });
}
END_TEST

START_TEST(test_quoted_parts_join_into_one_word)
{
	check_one_command_words("a'b c'd\"e f\"g\\ h",
	    (const char *[]){ "a'b c'd\"e f\"g\\ h", NULL });
	check_one_command_words("''", (const char *[]){ "''", NULL });
	check_one_command_words("'a\nb' c",
	    (const char *[]){ "'a\nb'", "c", NULL });
}
END_TEST

START_TEST(test_backslash_escapes_a_quote_only_inside_double_quotes)
{
	check_one_command_words("echo \"a\\\"b\" c",
	    (const char *[]){ "echo", "\"a\\\"b\"", "c", NULL });
	check_one_command_words("echo 'a\\' b",
	    (const char *[]){ "echo", "'a\\'", "b", NULL });
	check_one_command_words("echo \\' \\\"",
	    (const char *[]){ "echo", "\\'", "\\\"", NULL });
	check_one_command_words("echo \"'\" '\"'",
	    (const char *[]){ "echo", "\"'\"", "'\"'", NULL });
}
END_TEST

START_TEST(test_words_keep_raw_text_verbatim)
{
	check_one_command_words("echo ~/x $HOME \"$x\"'$y' $ a$",
	    (const char *[]){ "echo", "~/x", "$HOME", "\"$x\"'$y'", "$",
	    "a$", NULL });
}
END_TEST

START_TEST(test_parameter_braces_belong_to_the_word)
{
	check_one_command_words("echo ${a:-b c} ${x:-\"}\"}y ${a:-${b}}d",
	    (const char *[]){ "echo", "${a:-b c}", "${x:-\"}\"}y",
	    "${a:-${b}}d", NULL });
	check_one_command_words("echo \"${a:-'x y'}\" ${a:-'}'} ${a;b}",
	    (const char *[]){ "echo", "\"${a:-'x y'}\"", "${a:-'}'}",
	    "${a;b}", NULL });
	check_one_command_words("echo $a{b c}",
	    (const char *[]){ "echo", "$a{b", "c}", NULL });
}
END_TEST

START_TEST(test_hash_starts_a_comment_only_at_a_word_start)
{
	struct ast_program	*prog;

	check_one_command_words("echo a#b #c d",
	    (const char *[]){ "echo", "a#b", NULL });
	check_one_command_words("echo '#a' \\#b",
	    (const char *[]){ "echo", "'#a'", "\\#b", NULL });
	prog = parse_ok("echo a;#c ; d\n");
	check_words(only_command(prog), (const char *[]){ "echo", "a", NULL });
	ck_assert_str_eq(only_and_or(prog)->text, "echo a");
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_blank_and_comment_lines_are_empty_programs)
{
	static const char *const srcs[] = {
		"", "\n", " \t\n", "# only\n", "   # x ; y\n", "\\\n\n", "#",
	};
	struct ast_program	*prog;
	size_t			 i;

	for (i = 0; i < sizeof srcs / sizeof *srcs; i++) {
		prog = parse_ok(srcs[i]);
		ck_assert_ptr_null(prog->list);
		ck_assert_ptr_nonnull(prog->arena);
		ast_program_unref(prog);
	}
}
END_TEST

START_TEST(test_blank_line_consumes_only_itself)
{
	struct parse_result	r;

	parse_command("\n\necho a\n", 9, &r);
	ck_assert_int_eq(r.status, PARSE_OK);
	ck_assert_uint_eq(r.consumed, 1);
	ck_assert_ptr_null(r.program->list);
	ast_program_unref(r.program);

	parse_command("# c\necho a\n", 11, &r);
	ck_assert_int_eq(r.status, PARSE_OK);
	ck_assert_uint_eq(r.consumed, 4);
	ast_program_unref(r.program);
}
END_TEST

START_TEST(test_program_is_reference_counted)
{
	struct ast_program	*prog = parse_ok("a | b");

	ck_assert_ptr_eq(ast_program_ref(prog), prog);
	ck_assert_uint_eq(prog->refs, 2);
	ast_program_unref(prog);
	ck_assert_uint_eq(prog->refs, 1);
	ck_assert_str_eq(only_and_or(prog)->text, "a | b");
	ast_program_unref(prog);
	ast_program_unref(NULL);
}
END_TEST

START_TEST(test_backslash_newline_continues_a_word)
{
	struct ast_program	*prog = parse_ok("echo a\\\nb\n");

	check_words(only_command(prog),
	    (const char *[]){ "echo", "a\\\nb", NULL });
	/* The text, as jobs lists it, is on one line, as bash's. */
	ck_assert_str_eq(only_and_or(prog)->text, "echo ab");
	ast_program_unref(prog);

	prog = parse_ok("echo a\\\n\n");
	check_words(only_command(prog),
	    (const char *[]){ "echo", "a\\\n", NULL });
	ck_assert_str_eq(only_and_or(prog)->text, "echo a");
	ast_program_unref(prog);

	prog = parse_ok("echo a\\ \\\n\\\n\n");
	ck_assert_str_eq(only_and_or(prog)->text, "echo a\\ ");
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_backslash_newline_between_words_is_a_blank)
{
	check_one_command_words("echo a \\\n b\n",
	    (const char *[]){ "echo", "a", "b", NULL });
	check_one_command_words("\\\necho \"x\\\ny\" 'p\\\nq'\n",
	    (const char *[]){ "echo", "\"x\\\ny\"", "'p\\\nq'", NULL });
}
END_TEST

START_TEST(test_backslash_newline_inside_an_operator_joins_it)
{
	struct ast_program	*prog = parse_ok("a &\\\n& b >\\\n> f\n");
	struct ast_and_or	*ao = only_and_or(prog);

	ck_assert_uint_eq(ao->n_pipelines, 2);
	ck_assert_int_eq(ao->connectors[0], AST_AND);
	ck_assert_int_eq(ao->pipelines[1].commands[0].redirs[0].op,
	    AST_REDIR_APPEND);
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_trailing_lone_backslash_is_literal)
{
	check_one_command_words("echo a\\",
	    (const char *[]){ "echo", "a\\", NULL });
}
END_TEST

START_TEST(test_unfinished_constructs_are_incomplete)
{
	static const char *const srcs[] = {
		"echo 'abc", "echo 'abc\n", "echo \"abc\n", "echo \"a\\\"\n",
		"echo a\\\n", "echo a \\\n", "\\\n", "a &\\\n", "echo \"a\\\n",
		"a |", "a |\n", "a | # c\n", "a |\n\n", "a &&", "a &&\n",
		"a && \n# c\n", "a ||", "a ||\n", "! a |", "(echo a",
		"(echo a\n", "((a)\n", "(a;", "(a &&\n", "(", "(\n", "(echo >",
		"echo ${a", "echo ${a\n", "echo \"${a}", "echo ${a:-\"}",
		"echo ${a:-'}", "echo ${a:-${b}", "x=${a:-\n", "echo \"a\\",
		"echo $\\\n", "echo ${a:-\\\n", "a | 'x", "a && \"x",
	};
	size_t	i;

	for (i = 0; i < sizeof srcs / sizeof *srcs; i++)
		check_incomplete(srcs[i]);
}
END_TEST

START_TEST(test_completed_continuation_parses)
{
	struct ast_program	*prog;

	prog = parse_ok("echo 'a\nb' | \n\n cat &&\n# c\n true\n");
	ck_assert_uint_eq(only_and_or(prog)->n_pipelines, 2);
	ck_assert_uint_eq(only_and_or(prog)->pipelines[0].n_commands, 2);
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_consumed_stops_at_the_first_newline)
{
	const char		*src = "echo a\necho 'b\n";
	struct parse_result	 r;

	parse_command(src, strlen(src), &r);
	ck_assert_int_eq(r.status, PARSE_OK);
	ck_assert_uint_eq(r.consumed, 7);
	check_words(only_command(r.program),
	    (const char *[]){ "echo", "a", NULL });
	ast_program_unref(r.program);

	parse_command(src + 7, strlen(src + 7), &r);
	ck_assert_int_eq(r.status, PARSE_INCOMPLETE);
}
END_TEST

START_TEST(test_continued_command_consumes_every_line)
{
	const char		*src = "a |\nb\nc\n";
	struct parse_result	 r;

	parse_command(src, strlen(src), &r);
	ck_assert_int_eq(r.status, PARSE_OK);
	ck_assert_uint_eq(r.consumed, 6);
	ast_program_unref(r.program);

	parse_command(src + 6, 2, &r);
	ck_assert_int_eq(r.status, PARSE_OK);
	ck_assert_uint_eq(r.consumed, 2);
	ast_program_unref(r.program);

	src = "(a\nb) ; c\nd\n";
	parse_command(src, strlen(src), &r);
	ck_assert_int_eq(r.status, PARSE_OK);
	ck_assert_uint_eq(r.consumed, 10);
	ck_assert_uint_eq(r.program->list->n_items, 2);
	ast_program_unref(r.program);
}
END_TEST

START_TEST(test_command_without_newline_consumes_everything)
{
	ast_program_unref(parse_ok("echo a"));
	ast_program_unref(parse_ok("echo a ; "));
	ast_program_unref(parse_ok("echo a # c"));
}
END_TEST

START_TEST(test_syntax_errors_name_the_token)
{
	static const struct {
		const char	*src;
		const char	*msg;
	} cases[] = {
		{ ";", "syntax error near ';'" },
		{ " ; a", "syntax error near ';'" },
		{ "a & ;", "syntax error near ';'" },
		{ "a ; ; b", "syntax error near ';'" },
		{ "a ;; b", "syntax error near ';;'" },
		{ "& a", "syntax error near '&'" },
		{ "| a", "syntax error near '|'" },
		{ "&& a", "syntax error near '&&'" },
		{ "|| a", "syntax error near '||'" },
		{ "a && ;", "syntax error near ';'" },
		{ "a &&& b", "syntax error near '&'" },
		{ "a | | b", "syntax error near '|'" },
		{ "a |& b", "syntax error near '&'" },
		{ "a || &&", "syntax error near '&&'" },
		{ ")", "syntax error near ')'" },
		{ "a )", "syntax error near ')'" },
		{ "(a))", "syntax error near ')'" },
		{ "(a) b", "syntax error near 'b'" },
		{ "(a) x=1", "syntax error near 'x=1'" },
		{ "(a) (b)", "syntax error near '('" },
		{ "echo a (b)", "syntax error near '('" },
		{ "x=1 (a)", "syntax error near '('" },
		{ "a b ( \n", "syntax error near '('" },
		{ "a |\n;", "syntax error near ';'" },
		{ "a && \n )", "syntax error near ')'" },
		{ "(a | )", "syntax error near ')'" },
		{ "echo < <(ls)", "syntax error near '<'" },
		{ "echo <(ls)", "syntax error near '('" },
	};
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++)
		check_error(cases[i].src, cases[i].msg);
}
END_TEST

START_TEST(test_error_consumes_through_its_line)
{
	const char		*src = "echo )\necho b\n";
	struct parse_result	 r;

	parse_command(src, strlen(src), &r);
	ck_assert_int_eq(r.status, PARSE_ERROR);
	ck_assert_uint_eq(r.consumed, 7);
	free(r.error);

	src = "(a\n) ) x\nb\n";
	parse_command(src, strlen(src), &r);
	ck_assert_int_eq(r.status, PARSE_ERROR);
	ck_assert_uint_eq(r.consumed, 9);
	free(r.error);

	src = "echo >\nb\n";
	parse_command(src, strlen(src), &r);
	ck_assert_int_eq(r.status, PARSE_ERROR);
	ck_assert_uint_eq(r.consumed, 7);
	free(r.error);

	parse_command("echo $(x) ; y", 13, &r);
	ck_assert_int_eq(r.status, PARSE_ERROR);
	ck_assert_uint_eq(r.consumed, 13);
	free(r.error);
}
END_TEST

START_TEST(test_control_flow_words_are_refused_in_command_position)
{
	static const char *const words[] = {
		"if", "then", "else", "elif", "fi", "do", "done", "case",
		"esac", "while", "until", "for", "in", "select", "function",
		"{", "}", "[[", "]]", "time",
	};
	/* Before and after the word. */
	static const char *const forms[][2] = {
		{ "", " x" }, { "", "" }, { "a ; ", " x" }, { "a | ", "" },
		{ "! ", "" }, { "(", " x)" }, { "a &&\n ", "" },
		{ "(a\n", ")" },
	};
	char	src[64], msg[128];
	size_t	i, j;

	for (i = 0; i < sizeof words / sizeof *words; i++) {
		snprintf(msg, sizeof msg,
		    "syntax error near '%s': control flow is not supported",
		    words[i]);
		for (j = 0; j < sizeof forms / sizeof *forms; j++) {
			snprintf(src, sizeof src, "%s%s%s", forms[j][0],
			    words[i], forms[j][1]);
			check_error(src, msg);
		}
	}
	check_error("if true; then echo; fi",
	    "syntax error near 'if': control flow is not supported");
	check_error("for i in a b; do echo; done",
	    "syntax error near 'for': control flow is not supported");
}
END_TEST

START_TEST(test_control_flow_words_are_ordinary_elsewhere)
{
	struct ast_program	*prog;

	check_one_command_words("echo if fi then { }",
	    (const char *[]){ "echo", "if", "fi", "then", "{", "}", NULL });
	check_one_command_words("'if' x", (const char *[]){ "'if'", "x",
	    NULL });
	check_one_command_words("iff", (const char *[]){ "iff", NULL });
	check_one_command_words("{a}", (const char *[]){ "{a}", NULL });
	prog = parse_ok("x=if");
	ck_assert_str_eq(only_command(prog)->assigns[0], "x=if");
	ast_program_unref(prog);
}
END_TEST

START_TEST(test_function_definitions_are_refused)
{
	static const char *const msg =
	    "syntax error near '(': functions are not supported";

	check_error("foo()", msg);
	check_error("foo() { echo; }", msg);
	check_error("foo () { echo; }\n", msg);
	check_error("a | foo ()", msg);
	check_error("function foo { echo; }",
	    "syntax error near 'function': control flow is not supported");
}
END_TEST

START_TEST(test_here_documents_are_refused)
{
	static const char *const msg =
	    "syntax error near '<<': here-documents are not supported";

	check_error("cat <<EOF", msg);
	check_error("cat <<-EOF", msg);
	check_error("cat <<<x", msg);
	check_error("cat 0<<EOF", msg);
	check_error("<<EOF", msg);
	check_error("cat <\\\n<EOF", msg);
}
END_TEST

START_TEST(test_substitutions_are_refused)
{
	static const char *const cmdsub =
	    "syntax error near '$(': command substitution is not supported";
	static const char *const backquote =
	    "syntax error near '`': command substitution is not supported";
	static const char *const arith =
	    "syntax error near '$((': arithmetic expansion is not supported";

	check_error("echo $(ls)", cmdsub);
	check_error("echo a$(ls)b", cmdsub);
	check_error("echo \"$(ls)\"", cmdsub);
	check_error("echo ${a:-$(b)}", cmdsub);
	check_error("echo $\\\n(ls)", cmdsub);
	check_error("x=$(ls)", cmdsub);
	check_error("echo $(", cmdsub);
	check_error("echo `ls`", backquote);
	check_error("echo \"a`ls`\"", backquote);
	check_error("echo ${a:-`ls`}", backquote);
	check_error("echo $((1+2))", arith);
	check_error("echo \"$((1))\"", arith);
}
END_TEST

START_TEST(test_quoted_or_escaped_substitutions_are_words)
{
	check_one_command_words("echo '$(ls)' '`x`' \\` \"\\$(x)\" \"\\`\"",
	    (const char *[]){ "echo", "'$(ls)'", "'`x`'", "\\`",
	    "\"\\$(x)\"", "\"\\`\"", NULL });
}
END_TEST

START_TEST(test_nul_byte_is_an_error)
{
	static const char *const msg = "syntax error near '\\0'";
	struct parse_result	 r;

	check_error_n("\0", 1, msg);
	check_error_n("echo a\0b", 8, msg);
	check_error_n("echo '\0'", 8, msg);
	check_error_n("echo \"\0\"", 8, msg);
	check_error_n("echo \\\0", 7, msg);
	check_error_n("echo ${\0}", 9, msg);
	check_error_n("echo # \0", 8, msg);

	parse_command("echo a\0b\nc\n", 11, &r);
	ck_assert_int_eq(r.status, PARSE_ERROR);
	ck_assert_uint_eq(r.consumed, 9);
	free(r.error);

	/* Nothing past the command is looked at. */
	parse_command("a\n\0", 3, &r);
	ck_assert_int_eq(r.status, PARSE_OK);
	ck_assert_uint_eq(r.consumed, 2);
	ast_program_unref(r.program);
}
END_TEST

/* n "(" then "a" then n ")" (or none), malloc'd. */
static char *
nested(size_t n, bool closed)
{
	char	*s = malloc(2 * n + 2);

	ck_assert_ptr_nonnull(s);
	memset(s, '(', n);
	s[n] = 'a';
	memset(s + n + 1, ')', closed ? n : 0);
	s[n + 1 + (closed ? n : 0)] = '\0';
	return s;
}

START_TEST(test_nesting_deeper_than_the_cap_is_an_error)
{
	static const char *const msg =
	    "syntax error near '(': nesting too deep";
	char	*s;

	s = nested(100000, true);
	check_error(s, msg);
	free(s);
	s = nested(100000, false);
	check_error(s, msg);
	free(s);
	s = nested(1001, true);
	check_error(s, msg);
	free(s);
}
END_TEST

START_TEST(test_nesting_at_the_cap_parses)
{
	struct ast_program	*prog;
	struct ast_command	*c;
	char			*s = nested(1000, true);
	size_t			 depth = 0;

	prog = parse_ok(s);
	c = only_command(prog);
	while (c->kind == AST_SUBSHELL) {
		depth++;
		ck_assert_uint_eq(c->body->n_items, 1);
		c = &c->body->items[0].pipelines[0].commands[0];
	}
	ck_assert_uint_eq(depth, 1000);
	check_words(c, (const char *[]){ "a", NULL });
	ast_program_unref(prog);
	free(s);
}
END_TEST

START_TEST(test_parameter_nesting_is_capped)
{
	static const char *const msg =
	    "syntax error near '${': nesting too deep";
	char	*s = malloc(200001);
	size_t	 i;

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < 100000; i++)
		memcpy(s + 2 * i, "${", 2);
	s[200000] = '\0';
	check_error(s, msg);
	free(s);
}
END_TEST

START_TEST(test_huge_line_parses)
{
	size_t			 n = 10 * 1024 * 1024, i;
	char			*s = malloc(n + 1);
	struct ast_program	*prog;

	ck_assert_ptr_nonnull(s);
	/* One 10 MB word. */
	memcpy(s, "echo ", 5);
	memset(s + 5, 'a', n - 6);
	s[n - 1] = '\n';
	s[n] = '\0';
	prog = parse_ok(s);
	ck_assert_uint_eq(strlen(only_command(prog)->words[1]), n - 6);
	ast_program_unref(prog);

	/* A million words. */
	for (i = 0; i + 2 <= n; i += 2)
		memcpy(s + i, "a ", 2);
	prog = parse_ok(s);
	ck_assert_uint_eq(only_command(prog)->n_words, n / 2);
	ast_program_unref(prog);

	/* A pipeline of a million commands. */
	for (i = 0; i + 2 <= n; i += 2)
		memcpy(s + i, "a|", 2);
	s[n - 1] = '\n';
	prog = parse_ok(s);
	ck_assert_uint_eq(only_pipeline(prog)->n_commands, n / 2);
	ast_program_unref(prog);
	free(s);
}
END_TEST

START_TEST(test_text_of_deeply_nested_commands_is_cut)
{
	size_t			 depth = 1000, word = 1024 * 1024;
	char			*s = malloc(2 * depth + word + 1);
	struct ast_program	*prog;
	struct ast_pipeline	*pl;
	const char		*outer;

	ck_assert_ptr_nonnull(s);
	memset(s, '(', depth);
	memset(s + depth, 'a', word);
	memset(s + depth + word, ')', depth);
	s[2 * depth + word] = '\0';
	prog = parse_ok(s);

	/* The innermost texts are whole, the outer ones cut short. */
	pl = only_pipeline(prog);
	outer = pl->text;
	ck_assert_uint_eq(strlen(outer), 64 + 3);
	ck_assert_str_eq(outer + 64, "...");
	while (pl->commands[0].kind == AST_SUBSHELL)
		pl = &pl->commands[0].body->items[0].pipelines[0];
	ck_assert_uint_eq(strlen(pl->text), word);
	ast_program_unref(prog);
	free(s);
}
END_TEST

START_TEST(test_text_fields_omit_terminators_and_comments)
{
	struct ast_program	*prog = parse_ok("  a  &&  b ; c & # x\n");
	struct ast_list		*l = prog->list;

	ck_assert_uint_eq(l->n_items, 2);
	ck_assert_str_eq(l->items[0].text, "a  &&  b");
	ck_assert_str_eq(l->items[0].pipelines[0].text, "a");
	ck_assert_str_eq(l->items[0].pipelines[1].text, "b");
	ck_assert_str_eq(l->items[1].text, "c");
	ck_assert(l->items[1].background);
	ast_program_unref(prog);
}
END_TEST

Suite *
parse_suite(void)
{
	Suite	*s = suite_create("parse");
	TCase	*tc;

	tc = tcase_create("structure");
	tcase_add_test(tc, test_simple_command_splits_words_on_blanks);
	tcase_add_test(tc, test_pipeline_of_three_commands);
	tcase_add_test(tc,
	    test_and_or_binds_tighter_than_semicolon_and_ampersand);
	tcase_add_test(tc, test_trailing_semicolon_ends_the_list);
	tcase_add_test(tc,
	    test_trailing_ampersand_runs_the_and_or_in_background);
	tcase_add_test(tc, test_bang_negates_the_pipeline);
	tcase_add_test(tc, test_bang_after_and_if_negates_the_next_pipeline);
	tcase_add_test(tc, test_bang_is_a_word_outside_pipeline_start);
	tcase_add_test(tc, test_double_bang_is_an_error);
	tcase_add_test(tc, test_subshell_takes_redirections);
	tcase_add_test(tc, test_newlines_separate_commands_inside_parentheses);
	tcase_add_test(tc, test_nested_subshells_span_lines);
	tcase_add_test(tc, test_separators_inside_parentheses);
	tcase_add_test(tc, test_text_of_a_command_over_several_lines_is_one_line);
	tcase_add_test(tc, test_empty_parentheses_are_an_error);
	tcase_add_test(tc, test_program_is_reference_counted);
	tcase_add_test(tc, test_text_fields_omit_terminators_and_comments);
	suite_add_tcase(s, tc);

	tc = tcase_create("simple commands");
	tcase_add_test(tc, test_assignments_come_before_the_first_word);
	tcase_add_test(tc, test_assignment_alone_is_a_command);
	tcase_add_test(tc, test_invalid_names_make_ordinary_words);
	tcase_add_test(tc, test_redirections_fill_default_fds);
	tcase_add_test(tc, test_redirections_may_appear_anywhere);
	tcase_add_test(tc, test_redirection_alone_is_a_command);
	tcase_add_test(tc, test_io_number_must_touch_the_operator);
	tcase_add_test(tc, test_number_touching_the_next_operator_is_a_target);
	tcase_add_test(tc, test_overflowing_fd_is_an_error);
	tcase_add_test(tc, test_redirection_needs_a_target);
	suite_add_tcase(s, tc);

	tc = tcase_create("words");
	tcase_add_test(tc, test_quotes_keep_blanks_and_operators_in_a_word);
	tcase_add_test(tc, test_quoted_parts_join_into_one_word);
	tcase_add_test(tc,
	    test_backslash_escapes_a_quote_only_inside_double_quotes);
	tcase_add_test(tc, test_words_keep_raw_text_verbatim);
	tcase_add_test(tc, test_parameter_braces_belong_to_the_word);
	tcase_add_test(tc, test_hash_starts_a_comment_only_at_a_word_start);
	tcase_add_test(tc, test_blank_and_comment_lines_are_empty_programs);
	tcase_add_test(tc, test_blank_line_consumes_only_itself);
	suite_add_tcase(s, tc);

	tc = tcase_create("continuation");
	tcase_add_test(tc, test_backslash_newline_continues_a_word);
	tcase_add_test(tc, test_backslash_newline_between_words_is_a_blank);
	tcase_add_test(tc, test_backslash_newline_inside_an_operator_joins_it);
	tcase_add_test(tc, test_trailing_lone_backslash_is_literal);
	tcase_add_test(tc, test_unfinished_constructs_are_incomplete);
	tcase_add_test(tc, test_completed_continuation_parses);
	tcase_add_test(tc, test_consumed_stops_at_the_first_newline);
	tcase_add_test(tc, test_continued_command_consumes_every_line);
	tcase_add_test(tc, test_command_without_newline_consumes_everything);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_syntax_errors_name_the_token);
	tcase_add_test(tc, test_error_consumes_through_its_line);
	tcase_add_test(tc,
	    test_control_flow_words_are_refused_in_command_position);
	tcase_add_test(tc, test_control_flow_words_are_ordinary_elsewhere);
	tcase_add_test(tc, test_function_definitions_are_refused);
	tcase_add_test(tc, test_here_documents_are_refused);
	tcase_add_test(tc, test_substitutions_are_refused);
	tcase_add_test(tc, test_quoted_or_escaped_substitutions_are_words);
	tcase_add_test(tc, test_nul_byte_is_an_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	/* Sanitizers make the 10 MB cases slow, not wrong. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_nesting_deeper_than_the_cap_is_an_error);
	tcase_add_test(tc, test_nesting_at_the_cap_parses);
	tcase_add_test(tc, test_parameter_nesting_is_capped);
	tcase_add_test(tc, test_huge_line_parses);
	tcase_add_test(tc, test_text_of_deeply_nested_commands_is_cut);
	suite_add_tcase(s, tc);

	return s;
}
