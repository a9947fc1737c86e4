/*
 * Unit tests of the reaper and the spawner: a status that arrives before
 * its process is claimed is kept (only while one is expected), a tracked
 * process gets its statuses, and a call handed to the spawner thread is
 * reported once, by settle or through the loop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <ev.h>

#include "check_suites.h"
#include "reaper.h"
#include "spawner.h"

extern char	**environ;

static struct ev_loop	*loop;
static struct reaper	*reaper;

struct seen {
	int	calls;
	int	wstatus;
	pid_t	pid;
	int	error;
};

static struct seen	reaped;

static void
reaped_cb(void *owner, int wstatus)
{
	pid_t	pid = *(pid_t *)owner;

	reaped.calls++;
	reaped.wstatus = wstatus;
	if (WIFEXITED(wstatus) || WIFSIGNALED(wstatus))
		reaper_untrack(reaper, pid);
}

static pid_t
start_exit(int code)
{
	pid_t	pid = fork();

	if (pid == 0)
		_exit(code);
	ck_assert_int_gt(pid, 0);
	return pid;
}

/* Until the loop has seen the child's end (it is a zombie, then gone). */
static void
let_loop_reap(pid_t pid)
{
	siginfo_t	info;
	int		i;

	ck_assert_int_eq(waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT),
	    0);
	for (i = 0; i < 2000 && kill(pid, 0) == 0; i++) {
		ev_run(loop, EVRUN_NOWAIT);
		usleep(1000);
	}
	ev_run(loop, EVRUN_NOWAIT);
}

static void
setup(void)
{
	loop = ev_loop_new(EVFLAG_AUTO);
	reaper = reaper_new(loop, reaped_cb);
	reaper_prepare(reaper);
	reaped.calls = 0;
}

static void
teardown(void)
{
	reaper_free(reaper);
	ev_loop_destroy(loop);
}

START_TEST(test_reaper_keeps_status_until_claimed)
{
	pid_t	pid;
	int	wstatus = -1;

	reaper_expect(reaper, 1);
	pid = start_exit(5);
	let_loop_reap(pid);
	ck_assert_int_eq(reaped.calls, 0);
	ck_assert(reaper_claim(reaper, pid, &pid, 0, &wstatus));
	ck_assert(WIFEXITED(wstatus));
	ck_assert_int_eq(WEXITSTATUS(wstatus), 5);
	reaper_untrack(reaper, pid);
	reaper_expect(reaper, -1);
}
END_TEST

START_TEST(test_reaper_ignores_status_kept_before_mark)
{
	pid_t		pid, later;
	uintptr_t	since;
	int		wstatus = -1;

	reaper_expect(reaper, 1);
	pid = start_exit(5);
	let_loop_reap(pid);
	since = reaper_mark(reaper);
	ck_assert(!reaper_claim(reaper, pid, &pid, since, &wstatus));
	reaper_untrack(reaper, pid);
	later = start_exit(3);
	let_loop_reap(later);
	ck_assert(reaper_claim(reaper, later, &later, since, &wstatus));
	ck_assert_int_eq(WEXITSTATUS(wstatus), 3);
	reaper_untrack(reaper, later);
	reaper_expect(reaper, -1);
}
END_TEST

START_TEST(test_reaper_drops_unknown_when_none_expected)
{
	pid_t	pid = start_exit(6);
	int	wstatus = -1;

	let_loop_reap(pid);
	ck_assert(!reaper_claim(reaper, pid, &pid, 0, &wstatus));
	ck_assert_int_eq(waitpid(pid, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
	reaper_untrack(reaper, pid);
}
END_TEST

START_TEST(test_reaper_tracked_child_keeps_loop_alive)
{
	pid_t	pid = start_exit(7);

	reaper_track(reaper, pid, &pid);
	ev_run(loop, 0);
	ck_assert_int_eq(reaped.calls, 1);
	ck_assert_int_eq(WEXITSTATUS(reaped.wstatus), 7);
}
END_TEST

static char	 sh_word[] = "/bin/sh", c_word[] = "-c", exit4_word[] = "exit 4";
static char	*exit4_argv[] = { sh_word, c_word, exit4_word, NULL };

static void
spawned_cb(struct spawn_call *call, void *arg)
{
	struct seen	*s = arg;

	s->calls++;
	s->pid = call->pid;
	s->error = call->error;
}

static void
init_call(struct spawn_call *call, const char *path)
{
	memset(call, 0, sizeof *call);
	call->path = path;
	call->argv = exit4_argv;
	call->envp = environ;
	call->error = -1;
}

static void
expect_exit4(const struct seen *s)
{
	int	wstatus;

	ck_assert_int_eq(s->calls, 1);
	ck_assert_int_eq(s->error, 0);
	ck_assert_int_gt(s->pid, 0);
	ck_assert_int_eq(waitpid(s->pid, &wstatus, 0), s->pid);
	ck_assert_int_eq(WEXITSTATUS(wstatus), 4);
}

START_TEST(test_spawner_settle_reports_once)
{
	struct seen		 s = { 0, 0, 0, 0 };
	struct spawner		*sp = spawner_new(loop, spawned_cb, &s);
	struct spawn_call	 call;

	init_call(&call, "/bin/sh");
	ck_assert(spawner_submit(sp, &call));
	spawner_settle(sp);
	spawner_settle(sp);
	expect_exit4(&s);
	spawner_free(sp);
	ck_assert_int_eq(s.calls, 1);
}
END_TEST

START_TEST(test_spawner_reports_through_loop)
{
	struct seen		 s = { 0, 0, 0, 0 };
	struct spawner		*sp = spawner_new(loop, spawned_cb, &s);
	struct spawn_call	 call;

	reaper_free(reaper);	/* its watcher would reap the child */
	reaper = NULL;
	init_call(&call, "/bin/sh");
	ck_assert(spawner_submit(sp, &call));
	ev_run(loop, 0);	/* alive while the call is out */
	expect_exit4(&s);
	spawner_free(sp);
}
END_TEST

START_TEST(test_spawner_reports_errors)
{
	struct seen		 s = { 0, 0, 0, 0 };
	struct spawner		*sp = spawner_new(loop, spawned_cb, &s);
	struct spawn_call	 call;

	init_call(&call, "/nonexistent/sh");
	ck_assert(spawner_submit(sp, &call));
	spawner_settle(sp);
	ck_assert_int_eq(s.calls, 1);
	ck_assert_int_eq(s.error, ENOENT);
	spawner_free(sp);
}
END_TEST

START_TEST(test_spawner_queues_more_calls_than_workers)
{
	struct seen		 s = { 0, 0, 0, 0 };
	struct spawner		*sp = spawner_new(loop, spawned_cb, &s);
	struct spawn_call	 calls[16];
	size_t			 i;

	for (i = 0; i < 16; i++) {
		init_call(&calls[i], "/nonexistent/sh");
		ck_assert(spawner_submit(sp, &calls[i]));
	}
	spawner_settle(sp);
	ck_assert_int_eq(s.calls, 16);
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(calls[i].error, ENOENT);
	spawner_free(sp);
}
END_TEST

START_TEST(test_spawner_retired_runs_nothing)
{
	struct seen		 s = { 0, 0, 0, 0 };
	struct spawner		*sp = spawner_new(loop, spawned_cb, &s);
	struct spawn_call	 call;

	init_call(&call, "/bin/sh");
	ck_assert(!spawner_retire(sp));
	ck_assert(!spawner_submit(sp, &call));
	ck_assert_int_eq(s.calls, 0);
	spawner_free(sp);
}
END_TEST

Suite *
spawn_suite(void)
{
	Suite	*s = suite_create("spawn");
	TCase	*tc = tcase_create("reaper and spawner");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_reaper_keeps_status_until_claimed);
	tcase_add_test(tc, test_reaper_ignores_status_kept_before_mark);
	tcase_add_test(tc, test_reaper_drops_unknown_when_none_expected);
	tcase_add_test(tc, test_reaper_tracked_child_keeps_loop_alive);
	tcase_add_test(tc, test_spawner_settle_reports_once);
	tcase_add_test(tc, test_spawner_reports_through_loop);
	tcase_add_test(tc, test_spawner_reports_errors);
	tcase_add_test(tc, test_spawner_queues_more_calls_than_workers);
	tcase_add_test(tc, test_spawner_retired_runs_nothing);
	suite_add_tcase(s, tc);
	return s;
}
