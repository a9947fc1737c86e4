/*
 * Unit tests of variables (copy-on-write sharing, the cached environment)
 * and of the integer map behind PID lookups.
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "check_suites.h"
#include "intmap.h"
#include "vars.h"

START_TEST(test_vars_set_get_unset)
{
	struct vars	*vs = vars_new();

	ck_assert_ptr_null(vars_get(vs, "A"));
	vars_set(&vs, "A", "1");
	ck_assert_str_eq(vars_get(vs, "A"), "1");
	vars_set(&vs, "A", "2");
	ck_assert_str_eq(vars_get(vs, "A"), "2");
	vars_unset(&vs, "A");
	ck_assert_ptr_null(vars_get(vs, "A"));
	vars_unref(vs);
}
END_TEST

START_TEST(test_vars_shared_copy_is_unaffected_by_changes)
{
	struct vars	*parent = vars_new(), *child;

	vars_set(&parent, "X", "parent");
	child = vars_share(parent);
	vars_set(&child, "X", "child");
	vars_set(&child, "Y", "new");
	ck_assert_ptr_ne(child, parent);
	ck_assert_str_eq(vars_get(parent, "X"), "parent");
	ck_assert_ptr_null(vars_get(parent, "Y"));
	ck_assert_str_eq(vars_get(child, "X"), "child");
	vars_unref(child);
	vars_unref(parent);
}
END_TEST

START_TEST(test_vars_environ_has_only_exported)
{
	static char	 home[] = "HOME=/h", bad[] = "BAD-NAME=x";
	char		*env[] = { home, bad, NULL };
	struct vars	*vs = vars_from_environ(env);
	char *const	*e;
	int		 n = 0;

	vars_set(&vs, "LOCAL", "1");
	vars_set(&vs, "EXP", "2");
	vars_export(&vs, "EXP");
	for (e = vars_environ(vs); *e != NULL; e++) {
		n++;
		ck_assert(strcmp(*e, "HOME=/h") == 0 ||
		    strcmp(*e, "EXP=2") == 0);
	}
	ck_assert_int_eq(n, 2);
	vars_set(&vs, "EXP", "3");
	for (e = vars_environ(vs); *e != NULL; e++)
		ck_assert(strcmp(*e, "EXP=2") != 0);
	vars_unref(vs);
}
END_TEST

/* Imported values are used in place: changing, sharing and unsetting them
   must neither free nor alter the environment's strings. */
START_TEST(test_vars_imported_values_stay_in_environ)
{
	static char	 a1[] = "A=first", b[] = "B=bee", a2[] = "A=second";
	char		*env[] = { a1, b, a2, NULL };
	struct vars	*vs = vars_from_environ(env), *copy;

	ck_assert_str_eq(vars_get(vs, "A"), "second");
	copy = vars_share(vs);
	vars_set(&copy, "B", "changed");
	ck_assert_str_eq(vars_get(vs, "B"), "bee");
	ck_assert_str_eq(vars_get(copy, "B"), "changed");
	vars_unset(&vs, "A");
	ck_assert_ptr_null(vars_get(vs, "A"));
	ck_assert_str_eq(vars_get(copy, "A"), "second");
	vars_unref(copy);
	vars_unref(vs);
	ck_assert_str_eq(a1, "A=first");
	ck_assert_str_eq(b, "B=bee");
	ck_assert_str_eq(a2, "A=second");
}
END_TEST

START_TEST(test_vars_many_names_survive_growth)
{
	struct vars	*vs = vars_new();
	char		 name[16], value[16];
	int		 i;

	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "V%d", i);
		snprintf(value, sizeof value, "%d", i * 7);
		vars_set(&vs, name, value);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "V%d", i);
		snprintf(value, sizeof value, "%d", i * 7);
		ck_assert_str_eq(vars_get(vs, name), value);
	}
	vars_unref(vs);
}
END_TEST

START_TEST(test_vars_valid_names)
{
	ck_assert(vars_valid_name("_a1", 3));
	ck_assert(!vars_valid_name("1a", 2));
	ck_assert(!vars_valid_name("a-b", 3));
	ck_assert(!vars_valid_name("", 0));
}
END_TEST

START_TEST(test_intmap_put_get_remove_many)
{
	struct intmap	m = INTMAP_INIT;
	long		i;

	for (i = 0; i < 20000; i++)
		intmap_put(&m, i * 3, (void *)(i + 1));
	for (i = 0; i < 20000; i += 2)
		intmap_remove(&m, i * 3);
	for (i = 0; i < 20000; i++) {
		void	*v = intmap_get(&m, i * 3);

		if (i % 2 == 0)
			ck_assert_ptr_null(v);
		else
			ck_assert_ptr_eq(v, (void *)(i + 1));
	}
	ck_assert_ptr_null(intmap_get(&m, 1));
	intmap_clear(&m);
}
END_TEST

Suite *
vars_suite(void)
{
	Suite	*s = suite_create("vars");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_vars_set_get_unset);
	tcase_add_test(tc, test_vars_shared_copy_is_unaffected_by_changes);
	tcase_add_test(tc, test_vars_environ_has_only_exported);
	tcase_add_test(tc, test_vars_imported_values_stay_in_environ);
	tcase_add_test(tc, test_vars_many_names_survive_growth);
	tcase_add_test(tc, test_vars_valid_names);
	tcase_add_test(tc, test_intmap_put_get_remove_many);
	suite_add_tcase(s, tc);
	return s;
}
