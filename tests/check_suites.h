/*
 * check_suites: one libcheck suite per module, collected by the test
 * runner.  Each tests/check_<module>.c exports its <module>_suite().
 */
#ifndef JOBSH_CHECK_SUITES_H
#define JOBSH_CHECK_SUITES_H

#include <check.h>

Suite	*expand_suite(void);
Suite	*future_suite(void);
Suite	*jobs_suite(void);
Suite	*parse_suite(void);
Suite	*prompt_suite(void);
Suite	*pty_suite(void);
Suite	*spawn_suite(void);
Suite	*vars_suite(void);

#endif
