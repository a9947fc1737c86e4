/*
 * The unit test runner: every module's suite in one srunner.
 */
#include <stdlib.h>

#include <check.h>

#include "check_suites.h"

int
main(void)
{
	SRunner	*sr = srunner_create(parse_suite());
	int	 failed;

	srunner_add_suite(sr, expand_suite());
	srunner_add_suite(sr, future_suite());
	srunner_add_suite(sr, jobs_suite());
	srunner_add_suite(sr, prompt_suite());
	srunner_add_suite(sr, spawn_suite());
	srunner_add_suite(sr, vars_suite());
	srunner_add_suite(sr, pty_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
