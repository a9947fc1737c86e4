/*
 * Unit tests for expand.c, against a fake shell: a small table of
 * variables and positional parameters behind struct expand_ops.
 */
#include <sys/stat.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_suites.h"
#include "expand.h"
#include "strbuf.h"
#include "strvec.h"
#include "xmalloc.h"

#define FAKE_VARS	32

struct fake_var {
	char	*name;
	char	*value;
};

struct fake {
	struct fake_var	 vars[FAKE_VARS];
	char		*argv[8];
	size_t		 argc;
	unsigned int	 assigns;
};

static struct fake		fake;
static struct expand_ops	ops;
static char			result[8192];
static char			tmpdir[PATH_MAX];
static char			olddir[PATH_MAX];

static struct fake_var *
fake_find(const char *name)
{
	size_t	i;

	for (i = 0; i < FAKE_VARS; i++) {
		if (fake.vars[i].name != NULL &&
		    strcmp(fake.vars[i].name, name) == 0)
			return &fake.vars[i];
	}
	return NULL;
}

/* Sets a variable, or unsets it when value is NULL. */
static void
fake_set(const char *name, const char *value)
{
	struct fake_var	*v = fake_find(name);
	size_t		 i;

	if (v == NULL) {
		if (value == NULL)
			return;
		for (i = 0; i < FAKE_VARS && fake.vars[i].name != NULL; i++)
			;
		ck_assert_uint_lt(i, FAKE_VARS);
		v = &fake.vars[i];
		v->name = xstrdup(name);
	}
	free(v->value);
	v->value = NULL;
	if (value != NULL)
		v->value = xstrdup(value);
	else {
		free(v->name);
		v->name = NULL;
	}
}

static const char *
fake_lookup(void *data, const char *name)
{
	struct fake	*f = data;
	struct fake_var	*v;

	ck_assert_ptr_eq(f, &fake);
	v = fake_find(name);
	return v != NULL ? v->value : NULL;
}

static void
fake_assign(void *data, const char *name, const char *value)
{
	struct fake	*f = data;

	f->assigns++;
	fake_set(name, value);
}

static size_t
fake_positional(void *data, char *const **argv)
{
	struct fake	*f = data;

	*argv = f->argv;
	return f->argc;
}

/* Sets the positional parameters: fake_args(0) clears them. */
static void
fake_args(size_t n, ...)
{
	va_list	ap;
	size_t	i;

	for (i = 0; i < fake.argc; i++)
		free(fake.argv[i]);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		fake.argv[i] = xstrdup(va_arg(ap, const char *));
	va_end(ap);
	fake.argv[n] = NULL;
	fake.argc = n;
}

static void
setup(void)
{
	memset(&fake, 0, sizeof fake);
	ops.lookup = fake_lookup;
	ops.assign = fake_assign;
	ops.positional = fake_positional;
	ops.data = &fake;
	ops.noglob = false;
	fake_set("HOME", "/home/test");
	fake_set("a", "x");
	fake_set("e", "");
	fake_set("sp", "x  y");
	fake_set("?", "0");
	fake_set("!", "4242");
	fake_set("$", "100");
	fake_set("#", "0");
	fake_set("-", "ix");
	fake_set("0", "jobsh");
}

static void
teardown(void)
{
	size_t	i;

	for (i = 0; i < FAKE_VARS; i++) {
		free(fake.vars[i].name);
		free(fake.vars[i].value);
	}
	fake_args(0);
}

/* The fields of one word as "<f1><f2>", or "error: MSG". */
static const char *
fields(const char *word)
{
	struct strvec	 out = STRVEC_INIT;
	struct strbuf	 sb = STRBUF_INIT;
	char		*error = NULL;
	char *const	 words[] = { (char *)word };
	size_t		 i;

	if (expand_fields(&ops, words, 1, &out, &error) != 0) {
		ck_assert_ptr_nonnull(error);
		ck_assert_uint_eq(out.n, 0);
		strbuf_addf(&sb, "error: %s", error);
		free(error);
	} else {
		ck_assert_ptr_null(error);
		for (i = 0; i < out.n; i++)
			strbuf_addf(&sb, "<%s>", out.v[i]);
	}
	snprintf(result, sizeof result, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
	strvec_clear(&out);
	return result;
}

/* expand_word's string, or "error: MSG". */
static const char *
word_as(const char *word, bool assignment)
{
	char	*out = NULL, *error = NULL;

	if (expand_word(&ops, word, assignment, &out, &error) != 0) {
		ck_assert_ptr_nonnull(error);
		snprintf(result, sizeof result, "error: %s", error);
		free(error);
	} else {
		ck_assert_ptr_null(error);
		snprintf(result, sizeof result, "%s", out);
		free(out);
	}
	return result;
}

static const char *
word(const char *w)
{
	return word_as(w, false);
}

static void
touch(const char *name)
{
	int	fd;

	fd = open(name, O_WRONLY|O_CREAT|O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

static void
glob_setup(void)
{
	setup();
	ck_assert_ptr_nonnull(getcwd(olddir, sizeof olddir));
	snprintf(tmpdir, sizeof tmpdir, "/tmp/check_expand.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	ck_assert_int_eq(chdir(tmpdir), 0);
	touch("a.c");
	touch("b.c");
	touch("*.c");
	touch("s p.c");
	touch(".hidden.c");
	touch("c.h");
	ck_assert_int_eq(mkdir("dir", 0755), 0);
	touch("dir/in.c");
}

static void
glob_teardown(void)
{
	static const char *const files[] = {
		"a.c", "b.c", "*.c", "s p.c", ".hidden.c", "c.h", "dir/in.c"
	};
	size_t	i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		unlink(files[i]);
	rmdir("dir");
	ck_assert_int_eq(chdir(olddir), 0);
	rmdir(tmpdir);
	teardown();
}

/* Quoting and literal text. */

START_TEST(test_plain_word_is_copied_unchanged)
{
	ck_assert_str_eq(fields("hello-world.txt"), "<hello-world.txt>");
	ck_assert_str_eq(word("a=b:c"), "a=b:c");
}
END_TEST

START_TEST(test_single_quotes_keep_everything_literal)
{
	ck_assert_str_eq(fields("'a $a \\c \"d\" ~'"), "<a $a \\c \"d\" ~>");
	ck_assert_str_eq(fields("''"), "<>");
}
END_TEST

START_TEST(test_double_quotes_expand_parameters_without_splitting)
{
	ck_assert_str_eq(fields("\"$sp\""), "<x  y>");
	ck_assert_str_eq(fields("\"a 'b' $a\""), "<a 'b' x>");
	ck_assert_str_eq(fields("\"\""), "<>");
}
END_TEST

START_TEST(test_backslash_outside_quotes_quotes_any_character)
{
	ck_assert_str_eq(fields("a\\b\\ c"), "<ab c>");
	ck_assert_str_eq(fields("\\$a"), "<$a>");
	ck_assert_str_eq(fields("\\'x"), "<'x>");
	ck_assert_str_eq(fields("\\\\"), "<\\>");
}
END_TEST

START_TEST(test_backslash_in_double_quotes_escapes_only_five_characters)
{
	ck_assert_str_eq(fields("\"a\\b\\$\\\"\\\\\\`c\""), "<a\\b$\"\\`c>");
	ck_assert_str_eq(fields("\"\\$a\""), "<$a>");
	ck_assert_str_eq(fields("\"\\'\""), "<\\'>");
}
END_TEST

START_TEST(test_line_continuation_is_removed_outside_single_quotes)
{
	ck_assert_str_eq(fields("a\\\nb"), "<ab>");
	ck_assert_str_eq(fields("\"a\\\nb\""), "<ab>");
	ck_assert_str_eq(fields("$HO\\\nME"), "</home/test>");
	ck_assert_str_eq(fields("'a\\\nb'"), "<a\\\nb>");
	ck_assert_str_eq(fields("a\\\\\\\nb"), "<a\\b>");
	ck_assert_str_eq(word("x\\\ny"), "xy");
}
END_TEST

START_TEST(test_quoting_forms_concatenate_into_one_field)
{
	ck_assert_str_eq(fields("\"$HOME\"/a'b c'\\ d"),
	    "</home/test/ab c d>");
	ck_assert_str_eq(fields("'a'\"b\"c\\d$a"), "<abcdx>");
}
END_TEST

/* Parameters. */

START_TEST(test_unset_and_empty_variables_expand_to_nothing)
{
	ck_assert_str_eq(fields("x$nosuch"), "<x>");
	ck_assert_str_eq(fields("${nosuch}y"), "<y>");
	ck_assert_str_eq(fields("$e$nosuch"), "");
	ck_assert_str_eq(word("$nosuch"), "");
}
END_TEST

START_TEST(test_name_ends_at_first_non_name_character)
{
	fake_set("a_1", "long");
	ck_assert_str_eq(fields("$a-b"), "<x-b>");
	ck_assert_str_eq(fields("$a_1"), "<long>");
	ck_assert_str_eq(fields("${a}_1"), "<x_1>");
	ck_assert_str_eq(fields("$a.$a"), "<x.x>");
}
END_TEST

START_TEST(test_special_parameters_are_looked_up_by_symbol)
{
	fake_set("1", "one");
	fake_set("10", "ten");
	ck_assert_str_eq(fields("$?/$!/$$/$#/$-/$0"),
	    "<0/4242/100/0/ix/jobsh>");
	ck_assert_str_eq(fields("$1"), "<one>");
	ck_assert_str_eq(fields("$10"), "<one0>");
	ck_assert_str_eq(fields("${10}"), "<ten>");
	ck_assert_str_eq(fields("${?}${#}"), "<00>");
}
END_TEST

START_TEST(test_dollar_without_a_name_is_literal)
{
	ck_assert_str_eq(fields("$"), "<$>");
	ck_assert_str_eq(fields("a$"), "<a$>");
	ck_assert_str_eq(fields("\"$\""), "<$>");
	ck_assert_str_eq(fields("$/$%$="), "<$/$%$=>");
	ck_assert_str_eq(fields("$'x'"), "<$x>");
	ck_assert_str_eq(word("a$ b"), "a$ b");
}
END_TEST

START_TEST(test_default_forms_choose_word_when_unset_or_null)
{
	ck_assert_str_eq(fields("${nosuch:-d}"), "<d>");
	ck_assert_str_eq(fields("${e:-d}"), "<d>");
	ck_assert_str_eq(fields("${a:-d}"), "<x>");
	ck_assert_str_eq(fields("${nosuch-d}"), "<d>");
	ck_assert_str_eq(fields("x${e-d}"), "<x>");
	ck_assert_str_eq(fields("${nosuch:-}"), "");
}
END_TEST

START_TEST(test_alternative_forms_choose_word_when_set)
{
	ck_assert_str_eq(fields("${a:+alt}"), "<alt>");
	ck_assert_str_eq(fields("x${e:+alt}"), "<x>");
	ck_assert_str_eq(fields("${e+alt}"), "<alt>");
	ck_assert_str_eq(fields("x${nosuch+alt}"), "<x>");
}
END_TEST

START_TEST(test_assign_forms_set_the_variable)
{
	ck_assert_str_eq(fields("${v:=new}"), "<new>");
	ck_assert_str_eq(fake_lookup(&fake, "v"), "new");
	ck_assert_str_eq(fields("${e=other}x"), "<x>");
	ck_assert_str_eq(fake_lookup(&fake, "e"), "");
	ck_assert_uint_eq(fake.assigns, 1);
	ck_assert_str_eq(fields("${e:=\"$a y\"}"), "<x><y>");
	ck_assert_str_eq(fake_lookup(&fake, "e"), "x y");
	ck_assert_str_eq(fields("\"${w:=~/p q}\""), "<~/p q>");
	ck_assert_str_eq(fields("${t:=~/p}"), "</home/test/p>");
	ck_assert_str_eq(fake_lookup(&fake, "t"), "/home/test/p");
}
END_TEST

START_TEST(test_assigning_to_a_special_parameter_is_an_error)
{
	ck_assert_str_eq(fields("${1:=x}"),
	    "error: $1: cannot assign in this way");
	ck_assert_str_eq(fields("${@=x}"),
	    "error: $@: cannot assign in this way");
	ck_assert_str_eq(word("${#:=x}"), "0");
	ck_assert_uint_eq(fake.assigns, 0);
}
END_TEST

START_TEST(test_error_forms_report_name_and_message)
{
	ck_assert_str_eq(fields("${nosuch?}"),
	    "error: nosuch: parameter not set");
	ck_assert_str_eq(fields("${e:?}"),
	    "error: e: parameter null or not set");
	ck_assert_str_eq(fields("${nosuch:?}"),
	    "error: nosuch: parameter null or not set");
	ck_assert_str_eq(fields("${nosuch?custom  $a}"),
	    "error: nosuch: custom  x");
	ck_assert_str_eq(fields("${1?}"), "error: 1: parameter not set");
	ck_assert_str_eq(fields("${e?}y"), "<y>");
	ck_assert_str_eq(fields("${a:?boom}"), "<x>");
	ck_assert_str_eq(word("${nosuch?}"),
	    "error: nosuch: parameter not set");
}
END_TEST

START_TEST(test_operator_word_is_expanded_only_when_used)
{
	ck_assert_str_eq(fields("${a:-${nosuch?never}}"), "<x>");
	ck_assert_str_eq(fields("${e:+${v:=never}}"), "");
	ck_assert_ptr_null(fake_lookup(&fake, "v"));
	ck_assert_str_eq(fields("${a:+${nosuch?used}}"), "error: nosuch: used");
	ck_assert_str_eq(fields("${e:-${nosuch:-${a}}}"), "<x>");
}
END_TEST

START_TEST(test_operator_word_takes_tilde_and_quotes)
{
	ck_assert_str_eq(fields("${nosuch:-~/x}"), "</home/test/x>");
	ck_assert_str_eq(fields("${nosuch:-'a  b'}"), "<a  b>");
	ck_assert_str_eq(fields("\"${nosuch:-'a'}\""), "<'a'>");
	ck_assert_str_eq(fields("\"${nosuch:-\"a  b\"}\""), "<a  b>");
	ck_assert_str_eq(fields("${nosuch:-\"}\"}"), "<}>");
	ck_assert_str_eq(fields("${nosuch:-a\\}b}"), "<a}b>");
	ck_assert_str_eq(fields("\"${nosuch:-a\\}b}\""), "<a}b>");
	ck_assert_str_eq(fields("\"${nosuch:-\"a\\}b\"}\""), "<a}b>");
	ck_assert_str_eq(fields("${nosuch:-\"a\\}b\"}"), "<a\\}b>");
	ck_assert_str_eq(fields("${nosuch:-\"$e\"}"), "<>");
	ck_assert_str_eq(fields("\"${e:-'}'}\""), "<'}'>");
	ck_assert_str_eq(fields("${e:-'}'}"), "<}>");
}
END_TEST

START_TEST(test_unquoted_operator_word_is_split_but_quoted_one_is_not)
{
	ck_assert_str_eq(fields("${nosuch:-x y}"), "<x><y>");
	ck_assert_str_eq(fields("${nosuch:-\"x y\" z}"), "<x y><z>");
	ck_assert_str_eq(fields("\"${nosuch:-x y}\""), "<x y>");
	ck_assert_str_eq(fields("${nosuch:-$sp}"), "<x><y>");
}
END_TEST

START_TEST(test_length_counts_value_and_parameters)
{
	ck_assert_str_eq(fields("${#a}"), "<1>");
	ck_assert_str_eq(fields("${#sp}"), "<4>");
	ck_assert_str_eq(fields("${#nosuch}"), "<0>");
	ck_assert_str_eq(fields("${#}"), "<0>");
	fake_args(3, "a", "b", "c");
	ck_assert_str_eq(fields("${#@}${#*}"), "<33>");
	ck_assert_str_eq(fields("${##}"), "<1>");
}
END_TEST

START_TEST(test_bad_substitution_is_reported_with_its_text)
{
	ck_assert_str_eq(fields("${a b}"), "error: ${a b}: bad substitution");
	ck_assert_str_eq(fields("x${}"), "error: ${}: bad substitution");
	ck_assert_str_eq(fields("${a%b}"), "error: ${a%b}: bad substitution");
	ck_assert_str_eq(fields("${a:x}"), "error: ${a:x}: bad substitution");
	ck_assert_str_eq(fields("${1a}"), "error: ${1a}: bad substitution");
	ck_assert_str_eq(word("\"${!x}\""), "error: ${!x}: bad substitution");
}
END_TEST

START_TEST(test_failed_expansion_leaves_output_unchanged)
{
	struct strvec	 out = STRVEC_INIT;
	char		*error = NULL;
	char		 w0[] = "a", w1[] = "$a", w2[] = "${nosuch?}";
	char		 w3[] = "b";
	char *const	 words[] = { w0, w1, w2, w3 };

	strvec_push(&out, "before");
	ck_assert_int_eq(expand_fields(&ops, words, 4, &out, &error), -1);
	ck_assert_str_eq(error, "nosuch: parameter not set");
	ck_assert_uint_eq(out.n, 1);
	ck_assert_str_eq(out.v[0], "before");
	ck_assert_ptr_null(out.v[1]);
	free(error);
	strvec_clear(&out);
}
END_TEST

/* Field splitting. */

START_TEST(test_default_ifs_splits_and_trims_whitespace)
{
	fake_set("w", " \t x  y\n ");
	ck_assert_str_eq(fields("$w"), "<x><y>");
	ck_assert_str_eq(fields("pre${w}post"), "<pre><x><y><post>");
	ck_assert_str_eq(fields("$sp"), "<x><y>");
}
END_TEST

START_TEST(test_unset_ifs_splits_like_default)
{
	fake_set("IFS", NULL);
	ck_assert_str_eq(fields("$sp"), "<x><y>");
	fake_set("IFS", " \t\n");
	ck_assert_str_eq(fields("$sp"), "<x><y>");
}
END_TEST

START_TEST(test_non_whitespace_ifs_delimits_empty_fields)
{
	fake_set("IFS", ":");
	fake_set("v", ":x::y:");
	ck_assert_str_eq(fields("$v"), "<><x><><y>");
	ck_assert_str_eq(fields("${v}z"), "<><x><><y><z>");
	fake_set("v", "a::");
	ck_assert_str_eq(fields("$v"), "<a><>");
	fake_set("v", ":");
	ck_assert_str_eq(fields("$v"), "<>");
	fake_set("v", "a b");
	ck_assert_str_eq(fields("$v"), "<a b>");
}
END_TEST

START_TEST(test_ifs_whitespace_around_a_delimiter_is_part_of_it)
{
	fake_set("IFS", " :");
	fake_set("v", "x : y");
	ck_assert_str_eq(fields("$v"), "<x><y>");
	fake_set("v", " : x");
	ck_assert_str_eq(fields("$v"), "<><x>");
	fake_set("v", " :a: :b:: ");
	ck_assert_str_eq(fields("$v"), "<><a><><b><>");
	fake_set("v", "  a   b  ");
	ck_assert_str_eq(fields("$v"), "<a><b>");
}
END_TEST

START_TEST(test_empty_ifs_disables_splitting)
{
	fake_set("IFS", "");
	ck_assert_str_eq(fields("$sp"), "<x  y>");
	ck_assert_str_eq(fields("$e"), "");
}
END_TEST

START_TEST(test_literal_and_quoted_text_is_never_split)
{
	fake_set("IFS", "ab:");
	ck_assert_str_eq(fields("xaby:z"), "<xaby:z>");
	fake_set("v", "1a2");
	ck_assert_str_eq(fields("\"$v\"b$v"), "<1a2b1><2>");
	ck_assert_str_eq(fields("'a:b'"), "<a:b>");
}
END_TEST

START_TEST(test_empty_unquoted_expansion_removes_the_word)
{
	fake_set("blank", "   ");
	ck_assert_str_eq(fields("$e"), "");
	ck_assert_str_eq(fields("$nosuch$e"), "");
	ck_assert_str_eq(fields("$blank"), "");
	ck_assert_str_eq(fields("\"$e\""), "<>");
	ck_assert_str_eq(fields("''$e"), "<>");
	ck_assert_str_eq(fields("$e\"\""), "<>");
}
END_TEST

START_TEST(test_quoted_empty_string_next_to_a_delimiter_keeps_a_field)
{
	fake_set("v", " x");
	ck_assert_str_eq(fields("\"\"$v"), "<><x>");
	fake_set("v", "x ");
	ck_assert_str_eq(fields("$v''"), "<x><>");
}
END_TEST

/* $@ and $*. */

START_TEST(test_quoted_at_with_no_parameters_gives_no_fields)
{
	ck_assert_str_eq(fields("\"$@\""), "");
	ck_assert_str_eq(fields("\"${@}\""), "");
	ck_assert_str_eq(fields("\"$@$e\""), "");
	ck_assert_str_eq(fields("\"$@\"''"), "<>");
	ck_assert_str_eq(fields("\"x$@\""), "<x>");
	ck_assert_str_eq(fields("a\"$@\"b"), "<ab>");
	ck_assert_str_eq(fields("$@"), "");
}
END_TEST

START_TEST(test_quoted_at_with_one_parameter_gives_one_field)
{
	fake_args(1, "a  b");
	ck_assert_str_eq(fields("\"$@\""), "<a  b>");
	ck_assert_str_eq(fields("$@"), "<a><b>");
	fake_args(1, "");
	ck_assert_str_eq(fields("\"$@\""), "<>");
	ck_assert_str_eq(fields("$@"), "");
}
END_TEST

START_TEST(test_quoted_at_joins_its_ends_to_adjacent_text)
{
	fake_args(3, "1", "2 2", "3");
	ck_assert_str_eq(fields("\"$@\""), "<1><2 2><3>");
	ck_assert_str_eq(fields("\"a$@b\""), "<a1><2 2><3b>");
	ck_assert_str_eq(fields("a\"$@\"b"), "<a1><2 2><3b>");
	ck_assert_str_eq(fields("\"$@$@\""), "<1><2 2><31><2 2><3>");
	ck_assert_str_eq(fields("$@"), "<1><2><2><3>");
}
END_TEST

START_TEST(test_empty_parameters_survive_only_quoted_at)
{
	fake_args(3, "", "x", "");
	ck_assert_str_eq(fields("\"$@\""), "<><x><>");
	ck_assert_str_eq(fields("$@"), "<x>");
	ck_assert_str_eq(fields("$*"), "<x>");
	ck_assert_str_eq(fields("\"a$@b\""), "<a><x><b>");
}
END_TEST

START_TEST(test_quoted_star_joins_with_first_ifs_character)
{
	fake_args(3, "1", "2", "3");
	ck_assert_str_eq(fields("\"$*\""), "<1 2 3>");
	fake_set("IFS", ":-");
	ck_assert_str_eq(fields("\"$*\""), "<1:2:3>");
	ck_assert_str_eq(fields("\"${*}\""), "<1:2:3>");
	fake_set("IFS", "");
	ck_assert_str_eq(fields("\"$*\""), "<123>");
	ck_assert_str_eq(fields("$*"), "<1><2><3>");
	ck_assert_str_eq(fields("$@"), "<1><2><3>");
	fake_args(0);
	ck_assert_str_eq(fields("\"$*\""), "<>");
}
END_TEST

START_TEST(test_expand_word_joins_at_with_spaces)
{
	fake_args(3, "1", "2", "3");
	ck_assert_str_eq(word("$@"), "1 2 3");
	ck_assert_str_eq(word("\"a$@b\""), "a1 2 3b");
	fake_set("IFS", ":");
	ck_assert_str_eq(word("$*"), "1:2:3");
	ck_assert_str_eq(word("\"$@\""), "1 2 3");
	fake_args(0);
	ck_assert_str_eq(word("\"$@\""), "");
}
END_TEST

START_TEST(test_expand_word_neither_splits_nor_globs)
{
	ck_assert_str_eq(word("$sp*"), "x  y*");
	ck_assert_str_eq(word("\"$a\"'*'\\?"), "x*?");
	ck_assert_str_eq(word("''"), "");
	ck_assert_str_eq(word(""), "");
}
END_TEST

START_TEST(test_default_forms_on_positional_parameters)
{
	ck_assert_str_eq(fields("${@:-none}"), "<none>");
	ck_assert_str_eq(fields("${*:+some}x"), "<x>");
	fake_args(2, "a", "b");
	ck_assert_str_eq(fields("\"${@:-none}\""), "<a><b>");
	ck_assert_str_eq(fields("${*:+some}"), "<some>");
}
END_TEST

/* Tilde. */

START_TEST(test_tilde_expands_to_home)
{
	ck_assert_str_eq(fields("~"), "</home/test>");
	ck_assert_str_eq(fields("~/x"), "</home/test/x>");
	ck_assert_str_eq(fields("~/'x y'"), "</home/test/x y>");
	fake_set("HOME", "/a b*");
	ck_assert_str_eq(fields("~/c"), "</a b*/c>");
	fake_set("HOME", "");
	ck_assert_str_eq(fields("~"), "<>");
}
END_TEST

START_TEST(test_tilde_without_home_asks_the_password_database)
{
	struct passwd	*pw = getpwuid(getuid());
	char		 want[PATH_MAX + 8];

	if (pw == NULL)
		return;
	snprintf(want, sizeof want, "<%s>", pw->pw_dir);
	fake_set("HOME", NULL);
	ck_assert_str_eq(fields("~"), want);
}
END_TEST

START_TEST(test_tilde_user_expands_to_that_users_home)
{
	struct passwd	*pw = getpwnam("root");
	char		 want[PATH_MAX + 8];

	if (pw == NULL)
		return;
	snprintf(want, sizeof want, "<%s/bin>", pw->pw_dir);
	ck_assert_str_eq(fields("~root/bin"), want);
	ck_assert_str_eq(fields("~no_such_user_xyz/a"),
	    "<~no_such_user_xyz/a>");
}
END_TEST

START_TEST(test_quoted_or_inner_tilde_stays_literal)
{
	ck_assert_str_eq(fields("\"~\""), "<~>");
	ck_assert_str_eq(fields("\\~"), "<~>");
	ck_assert_str_eq(fields("~\"root\""), "<~root>");
	ck_assert_str_eq(fields("~$a"), "<~x>");
	ck_assert_str_eq(fields("a~"), "<a~>");
	ck_assert_str_eq(fields("a:~"), "<a:~>");
	ck_assert_str_eq(fields("x=~"), "<x=~>");
}
END_TEST

START_TEST(test_tilde_plus_and_minus_name_working_directories)
{
	fake_set("PWD", "/here");
	fake_set("OLDPWD", "/there");
	ck_assert_str_eq(fields("~+/a"), "</here/a>");
	ck_assert_str_eq(fields("~-"), "</there>");
}
END_TEST

START_TEST(test_assignment_tilde_follows_colons_and_first_equals)
{
	ck_assert_str_eq(word_as("~:a:~/b:~", true),
	    "/home/test:a:/home/test/b:/home/test");
	ck_assert_str_eq(word_as("P=~/x:~", true), "P=/home/test/x:/home/test");
	ck_assert_str_eq(word_as("P=a=~", true), "P=a=~");
	ck_assert_str_eq(word_as("a:\"~\":\\~", true), "a:~:~");
	ck_assert_str_eq(word_as("a:~:b", false), "a:~:b");
	ck_assert_str_eq(word_as("~", false), "/home/test");
}
END_TEST

/* Pathname expansion. */

START_TEST(test_glob_matches_in_sorted_order)
{
	ck_assert_str_eq(fields("*.c"), "<*.c><a.c><b.c><s p.c>");
	ck_assert_str_eq(fields("[ab].?"), "<a.c><b.c>");
	ck_assert_str_eq(fields("*/*.c"), "<dir/in.c>");
}
END_TEST

START_TEST(test_glob_skips_hidden_files)
{
	ck_assert_str_eq(fields("*h*"), "<c.h>");
	ck_assert_str_eq(fields(".h*"), "<.hidden.c>");
}
END_TEST

START_TEST(test_glob_without_match_keeps_the_word_after_quote_removal)
{
	ck_assert_str_eq(fields("*.zz"), "<*.zz>");
	ck_assert_str_eq(fields("'x'*.zz"), "<x*.zz>");
	ck_assert_str_eq(fields("[a"), "<[a>");
}
END_TEST

START_TEST(test_quoted_glob_characters_match_only_themselves)
{
	ck_assert_str_eq(fields("\"*\".c"), "<*.c>");
	ck_assert_str_eq(fields("\"*\"*"), "<*.c>");
	ck_assert_str_eq(fields("\\*.c"), "<*.c>");
	ck_assert_str_eq(fields("'[ab]'.*"), "<[ab].*>");
	fake_set("v", "*");
	ck_assert_str_eq(fields("\"$v\"*"), "<*.c>");
}
END_TEST

START_TEST(test_unquoted_expansion_results_are_globbed)
{
	fake_set("v", "*.c");
	ck_assert_str_eq(fields("$v"), "<*.c><a.c><b.c><s p.c>");
	ck_assert_str_eq(fields("\"$v\""), "<*.c>");
	fake_set("v", "a.* b.*");
	ck_assert_str_eq(fields("$v"), "<a.c><b.c>");
	ck_assert_str_eq(fields("${nosuch:-[a].c}"), "<a.c>");
}
END_TEST

START_TEST(test_noglob_leaves_patterns_alone)
{
	ops.noglob = true;
	ck_assert_str_eq(fields("*.c"), "<*.c>");
	ck_assert_str_eq(fields("'a'[b]"), "<a[b]>");
}
END_TEST

/* Robustness. */

static void
expand_both(const char *w)
{
	struct strvec	 out = STRVEC_INIT;
	char		*error = NULL, *s = NULL;
	char *const	 words[] = { (char *)w };

	if (expand_fields(&ops, words, 1, &out, &error) != 0)
		ck_assert_ptr_nonnull(error);
	free(error);
	error = NULL;
	strvec_clear(&out);
	if (expand_word(&ops, w, true, &s, &error) != 0)
		ck_assert_ptr_nonnull(error);
	else
		ck_assert_ptr_nonnull(s);
	free(error);
	free(s);
}

START_TEST(test_malformed_words_expand_without_crashing)
{
	static const char *const odd[] = {
		"\"abc", "'abc", "$", "${", "${a", "${a:-", "${a:-\"", "\\",
		"\"\\", "${#", "${#a", "${a:-\"}", "~", "[", "\"$@", "${}}",
		"}}}", "$${", "${'}'}", "\"${a:-'}'}\"", "${a:-$", "~\\",
		"~'", "a\\\n", "\\\n", "'\\\n", "${a=", "${@:?", "\"$",
		"${#:-}", "${##}", "${10", "$123456789012345678901234567890",
	};
	size_t	i;

	fake_args(2, "p", "q");
	for (i = 0; i < sizeof odd / sizeof odd[0]; i++)
		expand_both(odd[i]);
	ck_assert_str_eq(fields("\"abc"), "<abc>");
	ck_assert_str_eq(fields("'abc"), "<abc>");
	ck_assert_str_eq(fields("${a"), "<${a>");
	ck_assert_str_eq(fields("\\"), "<\\>");
}
END_TEST

START_TEST(test_random_words_expand_without_crashing)
{
	static const char	 alphabet[] = "$'\"\\~*?[]{}:=-+#@!/ ab1\n%";
	char			 buf[40];
	unsigned long		 seed = 12345;
	size_t			 i, j, len;

	fake_args(3, "", "x y", "*");
	for (i = 0; i < 20000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		len = (seed >> 33) % (sizeof buf - 1);
		for (j = 0; j < len; j++) {
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			buf[j] = alphabet[(seed >> 33) % (sizeof alphabet - 1)];
		}
		buf[len] = '\0';
		expand_both(buf);
	}
}
END_TEST

START_TEST(test_deep_nesting_is_refused_not_crashed)
{
	struct strbuf	 sb = STRBUF_INIT;
	size_t		 i;

	for (i = 0; i < 100000; i++)
		strbuf_addstr(&sb, "${e:-");
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, '}');
	expand_both(strbuf_str(&sb));
	strbuf_truncate(&sb, 0);
	for (i = 0; i < 100000; i++)
		strbuf_addstr(&sb, "\"${");
	expand_both(strbuf_str(&sb));
	strbuf_truncate(&sb, 0);
	for (i = 0; i < 50; i++)
		strbuf_addstr(&sb, "${e:-");
	strbuf_addch(&sb, 'z');
	for (i = 0; i < 50; i++)
		strbuf_addch(&sb, '}');
	ck_assert_str_eq(fields(strbuf_str(&sb)), "<z>");
	strbuf_free(&sb);
}
END_TEST

Suite *
expand_suite(void)
{
	Suite	*s = suite_create("expand");
	TCase	*tc;

	tc = tcase_create("quoting");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_plain_word_is_copied_unchanged);
	tcase_add_test(tc, test_single_quotes_keep_everything_literal);
	tcase_add_test(tc,
	    test_double_quotes_expand_parameters_without_splitting);
	tcase_add_test(tc, test_backslash_outside_quotes_quotes_any_character);
	tcase_add_test(tc,
	    test_backslash_in_double_quotes_escapes_only_five_characters);
	tcase_add_test(tc,
	    test_line_continuation_is_removed_outside_single_quotes);
	tcase_add_test(tc, test_quoting_forms_concatenate_into_one_field);
	suite_add_tcase(s, tc);

	tc = tcase_create("parameters");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_unset_and_empty_variables_expand_to_nothing);
	tcase_add_test(tc, test_name_ends_at_first_non_name_character);
	tcase_add_test(tc, test_special_parameters_are_looked_up_by_symbol);
	tcase_add_test(tc, test_dollar_without_a_name_is_literal);
	tcase_add_test(tc, test_default_forms_choose_word_when_unset_or_null);
	tcase_add_test(tc, test_alternative_forms_choose_word_when_set);
	tcase_add_test(tc, test_assign_forms_set_the_variable);
	tcase_add_test(tc, test_assigning_to_a_special_parameter_is_an_error);
	tcase_add_test(tc, test_error_forms_report_name_and_message);
	tcase_add_test(tc, test_operator_word_is_expanded_only_when_used);
	tcase_add_test(tc, test_operator_word_takes_tilde_and_quotes);
	tcase_add_test(tc,
	    test_unquoted_operator_word_is_split_but_quoted_one_is_not);
	tcase_add_test(tc, test_length_counts_value_and_parameters);
	tcase_add_test(tc, test_bad_substitution_is_reported_with_its_text);
	tcase_add_test(tc, test_failed_expansion_leaves_output_unchanged);
	suite_add_tcase(s, tc);

	tc = tcase_create("splitting");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_default_ifs_splits_and_trims_whitespace);
	tcase_add_test(tc, test_unset_ifs_splits_like_default);
	tcase_add_test(tc, test_non_whitespace_ifs_delimits_empty_fields);
	tcase_add_test(tc,
	    test_ifs_whitespace_around_a_delimiter_is_part_of_it);
	tcase_add_test(tc, test_empty_ifs_disables_splitting);
	tcase_add_test(tc, test_literal_and_quoted_text_is_never_split);
	tcase_add_test(tc, test_empty_unquoted_expansion_removes_the_word);
	tcase_add_test(tc,
	    test_quoted_empty_string_next_to_a_delimiter_keeps_a_field);
	suite_add_tcase(s, tc);

	tc = tcase_create("positional");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_quoted_at_with_no_parameters_gives_no_fields);
	tcase_add_test(tc, test_quoted_at_with_one_parameter_gives_one_field);
	tcase_add_test(tc, test_quoted_at_joins_its_ends_to_adjacent_text);
	tcase_add_test(tc, test_empty_parameters_survive_only_quoted_at);
	tcase_add_test(tc, test_quoted_star_joins_with_first_ifs_character);
	tcase_add_test(tc, test_expand_word_joins_at_with_spaces);
	tcase_add_test(tc, test_expand_word_neither_splits_nor_globs);
	tcase_add_test(tc, test_default_forms_on_positional_parameters);
	suite_add_tcase(s, tc);

	tc = tcase_create("tilde");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_tilde_expands_to_home);
	tcase_add_test(tc, test_tilde_without_home_asks_the_password_database);
	tcase_add_test(tc, test_tilde_user_expands_to_that_users_home);
	tcase_add_test(tc, test_quoted_or_inner_tilde_stays_literal);
	tcase_add_test(tc, test_tilde_plus_and_minus_name_working_directories);
	tcase_add_test(tc,
	    test_assignment_tilde_follows_colons_and_first_equals);
	suite_add_tcase(s, tc);

	tc = tcase_create("glob");
	tcase_add_checked_fixture(tc, glob_setup, glob_teardown);
	tcase_add_test(tc, test_glob_matches_in_sorted_order);
	tcase_add_test(tc, test_glob_skips_hidden_files);
	tcase_add_test(tc,
	    test_glob_without_match_keeps_the_word_after_quote_removal);
	tcase_add_test(tc, test_quoted_glob_characters_match_only_themselves);
	tcase_add_test(tc, test_unquoted_expansion_results_are_globbed);
	tcase_add_test(tc, test_noglob_leaves_patterns_alone);
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_add_checked_fixture(tc, glob_setup, glob_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_malformed_words_expand_without_crashing);
	tcase_add_test(tc, test_random_words_expand_without_crashing);
	tcase_add_test(tc, test_deep_nesting_is_refused_not_crashed);
	suite_add_tcase(s, tc);

	return s;
}
