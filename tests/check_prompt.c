/*
 * Unit tests of prompt expansion.
 */
#include <stdlib.h>

#include <check.h>

#include "check_suites.h"
#include "prompt.h"

static const struct prompt_info info = {
	"ann", "box.example.org", "/home/ann/src/jobsh", "/home/ann", 2, 7, 0
};

static void
expect(const char *ps, const struct prompt_info *pi, const char *want)
{
	char	*got = prompt_expand(ps, pi);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_prompt_escapes_expand)
{
	expect("\\u@\\h:\\w\\$ ", &info, "ann@box:~/src/jobsh$ ");
	expect("\\W \\j \\?", &info, "jobsh 2 7");
	expect("a\\nb\\\\c", &info, "a\nb\\c");
}
END_TEST

START_TEST(test_prompt_default_shows_jobs_only_when_any)
{
	struct prompt_info	none = info;

	none.jobs = 0;
	expect(PROMPT_DEFAULT_PS1, &info, "~/src/jobsh [2]$ ");
	expect(PROMPT_DEFAULT_PS1, &none, "~/src/jobsh$ ");
}
END_TEST

START_TEST(test_prompt_root_gets_hash)
{
	struct prompt_info	root = info;

	root.root = 1;
	expect("\\$", &root, "#");
}
END_TEST

START_TEST(test_prompt_home_is_tilde_only_at_a_boundary)
{
	struct prompt_info	pi = info;

	pi.cwd = "/home/anne";
	expect("\\w", &pi, "/home/anne");
	pi.cwd = "/home/ann";
	expect("\\w \\W", &pi, "~ ~");
	pi.cwd = "/";
	expect("\\W", &pi, "/");
}
END_TEST

START_TEST(test_prompt_invisible_and_octal)
{
	expect("\\[\\e[1m\\]x\\033\\a", &info, "\001\033[1m\001x\033\a");
	expect("\\q", &info, "\\q");
	expect("end\\", &info, "end\\");
}
END_TEST

Suite *
prompt_suite(void)
{
	Suite	*s = suite_create("prompt");
	TCase	*tc = tcase_create("expand");

	tcase_add_test(tc, test_prompt_escapes_expand);
	tcase_add_test(tc, test_prompt_default_shows_jobs_only_when_any);
	tcase_add_test(tc, test_prompt_root_gets_hash);
	tcase_add_test(tc, test_prompt_home_is_tilde_only_at_a_boundary);
	tcase_add_test(tc, test_prompt_invisible_and_octal);
	suite_add_tcase(s, tc);
	return s;
}
