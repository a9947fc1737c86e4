/*
 * Unit tests of the job table and job-spec resolution: numbering, the
 * current and previous job, lookup by PID, and the memory of finished jobs;
 * and job_awaits, which keeps waits from closing a cycle.
 */
#include <check.h>
#include <stdlib.h>
#include <ev.h>

#include "check_suites.h"
#include "future.h"
#include "job.h"
#include "jobspec.h"
#include "jobtab.h"
#include "report.h"
#include "shell.h"

static struct shell	sh;

static void
setup(void)
{
	static char	 path[] = "PATH=/bin";
	char		*env[] = { path, NULL };

	shell_init(&sh, env);
}

/* Settles every job so that nothing is left waiting on the loop. */
static void
teardown(void)
{
	struct job	*job;

	for (job = jobtab_first(sh.jobs); job != NULL;
	    job = jobtab_next(sh.jobs, job))
		job_finish(job, 0);
	ev_run(sh.loop, EVRUN_NOWAIT);
	shell_destroy(&sh);
}

static struct job *
add_job(const char *text, long pid)
{
	struct job	*job = job_new(&sh, text);

	job->background = true;
	job->pid = pid;
	jobtab_add(sh.jobs, job);
	job_unref(job);
	return job;
}

/* Finishes a job and takes it out of the listing. */
static void
retire(struct job *job)
{
	job_finish(job, 0);
	jobtab_remove(sh.jobs, job);
}

static void
stop(struct job *job)
{
	job->state = JOB_STOPPED;
	jobtab_touch(sh.jobs, job);
}

static struct job *
resolve(const char *spec, enum jobspec_result want)
{
	struct job	*job;

	ck_assert_int_eq(jobspec_resolve(sh.jobs, spec, false, &job), want);
	return job;
}

START_TEST(test_job_numbers_follow_the_highest)
{
	struct job	*a = add_job("a", 0), *b = add_job("b", 0);
	struct job	*c = add_job("c", 0), *d;

	ck_assert_int_eq(a->number, 1);
	ck_assert_int_eq(c->number, 3);
	retire(b);
	d = add_job("d", 0);
	ck_assert_int_eq(d->number, 4);
	retire(d);
	retire(c);
	ck_assert_int_eq(add_job("e", 0)->number, 2);
}
END_TEST

START_TEST(test_empty_table_numbers_from_one)
{
	struct job	*a = add_job("a", 0);

	retire(a);
	ck_assert_int_eq(jobtab_count(sh.jobs), 0);
	ck_assert_int_eq(add_job("b", 0)->number, 1);
}
END_TEST

START_TEST(test_current_is_newest_background_job)
{
	struct job	*a = add_job("a", 0), *b = add_job("b", 0);

	ck_assert_ptr_eq(jobtab_current(sh.jobs), b);
	ck_assert_ptr_eq(jobtab_previous(sh.jobs), a);
	ck_assert_ptr_eq(resolve("%%", JOBSPEC_OK), b);
	ck_assert_ptr_eq(resolve("%+", JOBSPEC_OK), b);
	ck_assert_ptr_eq(resolve("%", JOBSPEC_OK), b);
	ck_assert_ptr_eq(resolve("%-", JOBSPEC_OK), a);
}
END_TEST

START_TEST(test_stopped_job_becomes_current)
{
	struct job	*a = add_job("a", 0), *b = add_job("b", 0);
	struct job	*c = add_job("c", 0);

	stop(a);
	ck_assert_ptr_eq(jobtab_current(sh.jobs), a);
	ck_assert_ptr_eq(jobtab_previous(sh.jobs), c);
	stop(b);
	ck_assert_ptr_eq(jobtab_current(sh.jobs), b);
	ck_assert_ptr_eq(jobtab_previous(sh.jobs), a);
	ck_assert_int_eq(report_mark(sh.jobs, b), '+');
	ck_assert_int_eq(report_mark(sh.jobs, a), '-');
	ck_assert_int_eq(report_mark(sh.jobs, c), ' ');
}
END_TEST

START_TEST(test_spec_by_number_prefix_and_substring)
{
	struct job	*a = add_job("sleep 30", 0);
	struct job	*b = add_job("vim notes.txt", 0);

	ck_assert_ptr_eq(resolve("%1", JOBSPEC_OK), a);
	ck_assert_ptr_eq(resolve("%2", JOBSPEC_OK), b);
	ck_assert_ptr_eq(resolve("%sl", JOBSPEC_OK), a);
	ck_assert_ptr_eq(resolve("%?notes", JOBSPEC_OK), b);
	resolve("%7", JOBSPEC_NO_SUCH);
	resolve("%zz", JOBSPEC_NO_SUCH);
	resolve("%?e", JOBSPEC_AMBIGUOUS);
	resolve("1", JOBSPEC_NOT_A_SPEC);
}
END_TEST

START_TEST(test_bare_numbers_only_when_asked)
{
	struct job	*a = add_job("a", 0), *job;

	ck_assert_int_eq(jobspec_resolve(sh.jobs, "1", true, &job),
	    JOBSPEC_OK);
	ck_assert_ptr_eq(job, a);
	ck_assert_int_eq(jobspec_resolve(sh.jobs, "1x", true, &job),
	    JOBSPEC_NOT_A_SPEC);
}
END_TEST

START_TEST(test_the_only_job_is_also_the_previous)
{
	struct job	*a = add_job("a", 0);

	ck_assert_ptr_eq(resolve("%-", JOBSPEC_OK), a);
}
END_TEST

START_TEST(test_no_current_job_in_empty_table)
{
	resolve("%%", JOBSPEC_NO_SUCH);
	resolve("%-", JOBSPEC_NO_SUCH);
	resolve("%99999999999999", JOBSPEC_NO_SUCH);
}
END_TEST

START_TEST(test_finished_job_is_remembered_by_number_and_pid)
{
	struct job	*a = add_job("a", 1234);

	job_finish(a, 3);
	jobtab_remove(sh.jobs, a);
	ck_assert_ptr_null(jobtab_listed(sh.jobs, 1));
	ck_assert_ptr_eq(jobtab_get(sh.jobs, 1), a);
	ck_assert_ptr_eq(jobtab_by_pid(sh.jobs, 1234), a);
	ck_assert_ptr_eq(resolve("%1", JOBSPEC_OK), a);
	ck_assert_int_eq(future_status(a->result), 3);
}
END_TEST

START_TEST(test_reused_number_names_the_newest_job)
{
	struct job	*a = add_job("a", 1), *b;

	job_finish(a, 0);
	jobtab_remove(sh.jobs, a);
	b = add_job("b", 2);
	ck_assert_int_eq(b->number, 1);
	ck_assert_ptr_eq(resolve("%1", JOBSPEC_OK), b);
	ck_assert_ptr_eq(jobtab_by_pid(sh.jobs, 1), a);
}
END_TEST

START_TEST(test_at_least_a_thousand_finished_pids_are_remembered)
{
	struct job	*job;
	long		 pid;

	for (pid = 1; pid <= 1500; pid++) {
		job = add_job("j", pid);
		job_finish(job, (int)(pid % 256));
		jobtab_remove(sh.jobs, job);
	}
	for (pid = 501; pid <= 1500; pid++) {
		job = jobtab_by_pid(sh.jobs, pid);
		ck_assert_ptr_nonnull(job);
		ck_assert_int_eq(future_status(job->result), (int)(pid % 256));
	}
}
END_TEST

START_TEST(test_running_job_removed_is_forgotten)
{
	struct job	*a = add_job("a", 42);

	job_ref(a);
	jobtab_remove(sh.jobs, a);
	ck_assert_int_eq(a->number, 0);
	ck_assert_ptr_null(jobtab_by_pid(sh.jobs, 42));
	ck_assert_ptr_null(jobtab_get(sh.jobs, 1));
	job_finish(a, 0);
	job_unref(a);
}
END_TEST

START_TEST(test_iteration_in_number_order)
{
	struct job	*job;
	int		 expect[] = { 1, 3, 4 }, i = 0;

	add_job("a", 0);
	job = add_job("b", 0);
	add_job("c", 0);
	add_job("d", 0);
	retire(job);
	for (job = jobtab_first(sh.jobs); job != NULL;
	    job = jobtab_next(sh.jobs, job))
		ck_assert_int_eq(job->number, expect[i++]);
	ck_assert_int_eq(i, 3);
}
END_TEST

/* A wait leaf stand-in: the job waits for the jobs in targets. */
struct fake_wait {
	struct job_leaf	  leaf;
	struct job	**targets;
	size_t		  n;
};

static int
fake_signal(struct job_leaf *leaf, int sig)
{
	(void)leaf;
	(void)sig;
	return 0;
}

static struct job *
fake_awaited(struct job_leaf *leaf, size_t i)
{
	struct fake_wait	*w = (struct fake_wait *)leaf;

	return i < w->n ? w->targets[i] : NULL;
}

static const struct leaf_ops fake_wait_ops = {
	fake_signal, true, fake_awaited
};

static void
fake_wait(struct fake_wait *w, struct job *in, struct job **targets,
    size_t n)
{
	w->targets = targets;
	w->n = n;
	job_leaf_add(in, &w->leaf, &fake_wait_ops);
}

START_TEST(test_awaits_follows_waits_through_jobs)
{
	struct job		*a = add_job("a", 0), *b = add_job("b", 0),
				*c = add_job("c", 0), *d = add_job("d", 0);
	struct job		*a_waits[] = { b, d }, *b_waits[] = { c },
				*d_waits[] = { c };
	struct fake_wait	 wa, wb, wd;

	fake_wait(&wa, a, a_waits, 2);
	fake_wait(&wb, b, b_waits, 1);
	fake_wait(&wd, d, d_waits, 1);
	ck_assert(job_awaits(a, a));
	ck_assert(job_awaits(a, b));
	ck_assert(job_awaits(a, c));
	ck_assert(job_awaits(d, c));
	ck_assert(!job_awaits(c, a));
	ck_assert(!job_awaits(b, a));
	ck_assert(!job_awaits(b, d));
	job_leaf_set_state(&wa.leaf, LEAF_DONE);
	ck_assert(!job_awaits(a, c));
	job_leaf_set_state(&wb.leaf, LEAF_DONE);
	job_leaf_set_state(&wd.leaf, LEAF_DONE);
}
END_TEST

/* A chain as long as a big job table, walked without recursion. */
START_TEST(test_awaits_walks_a_long_chain)
{
	enum { N = 100000 };
	struct job		**jobs = calloc(N, sizeof *jobs);
	struct fake_wait	 *waits = calloc(N, sizeof *waits);
	size_t			  i;

	ck_assert(jobs != NULL && waits != NULL);
	for (i = 0; i < N; i++)
		jobs[i] = add_job("j", 0);
	for (i = 0; i + 1 < N; i++)
		fake_wait(&waits[i], jobs[i], &jobs[i + 1], 1);
	ck_assert(job_awaits(jobs[0], jobs[N - 1]));
	ck_assert(!job_awaits(jobs[N - 1], jobs[0]));
	for (i = 0; i + 1 < N; i++)
		job_leaf_set_state(&waits[i].leaf, LEAF_DONE);
	free(waits);
	free(jobs);
}
END_TEST

Suite *
jobs_suite(void)
{
	Suite	*s = suite_create("jobs");
	TCase	*tc = tcase_create("table");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_job_numbers_follow_the_highest);
	tcase_add_test(tc, test_empty_table_numbers_from_one);
	tcase_add_test(tc, test_current_is_newest_background_job);
	tcase_add_test(tc, test_stopped_job_becomes_current);
	tcase_add_test(tc, test_spec_by_number_prefix_and_substring);
	tcase_add_test(tc, test_bare_numbers_only_when_asked);
	tcase_add_test(tc, test_the_only_job_is_also_the_previous);
	tcase_add_test(tc, test_no_current_job_in_empty_table);
	tcase_add_test(tc, test_finished_job_is_remembered_by_number_and_pid);
	tcase_add_test(tc, test_reused_number_names_the_newest_job);
	tcase_add_test(tc,
	    test_at_least_a_thousand_finished_pids_are_remembered);
	tcase_add_test(tc, test_running_job_removed_is_forgotten);
	tcase_add_test(tc, test_iteration_in_number_order);
	tcase_add_test(tc, test_awaits_follows_waits_through_jobs);
	tcase_add_test(tc, test_awaits_walks_a_long_chain);
	suite_add_tcase(s, tc);
	return s;
}
