/*
 * Unit tests of the future module: callbacks fire exactly once, never
 * inside the call that registered them or resolved the future, a waiter
 * that comes after the result still gets it, a chain settles in one turn,
 * and future_await_turn waits for a poll.
 */
#include <check.h>
#include <ev.h>

#include "check_suites.h"
#include "future.h"

static struct ev_loop		*loop;
static struct future_sched	*sched;

struct record {
	int	calls;
	int	status;
};

static void
record_cb(struct future *f, void *arg)
{
	struct record	*r = arg;

	r->calls++;
	r->status = future_status(f);
}

static void
setup(void)
{
	loop = ev_loop_new(EVFLAG_AUTO);
	sched = future_sched_new(loop);
}

static void
teardown(void)
{
	future_sched_free(sched);
	ev_loop_destroy(loop);
}

START_TEST(test_future_never_fires_synchronously)
{
	struct future	*f = future_new(sched);
	struct record	 r = { 0, -1 };

	future_await(f, record_cb, &r);
	future_resolve(f, 3);
	ck_assert_int_eq(r.calls, 0);
	ev_run(loop, 0);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_int_eq(r.status, 3);
	future_unref(f);
}
END_TEST

START_TEST(test_future_waiter_after_result_still_fires)
{
	struct future	*f = future_new(sched);
	struct record	 r = { 0, -1 };

	future_resolve(f, 7);
	ck_assert(future_done(f));
	future_await(f, record_cb, &r);
	ck_assert_int_eq(r.calls, 0);
	ev_run(loop, 0);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_int_eq(r.status, 7);
	future_unref(f);
}
END_TEST

START_TEST(test_future_fires_once_even_if_resolved_twice)
{
	struct future	*f = future_new(sched);
	struct record	 r = { 0, -1 };

	future_await(f, record_cb, &r);
	future_resolve(f, 1);
	future_resolve(f, 2);
	ev_run(loop, 0);
	ev_run(loop, 0);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_int_eq(r.status, 1);
	ck_assert_int_eq(future_status(f), 1);
	future_unref(f);
}
END_TEST

START_TEST(test_future_every_waiter_fires_in_order)
{
	struct future	*f = future_new(sched);
	struct record	 r[3] = { { 0, -1 }, { 0, -1 }, { 0, -1 } };
	int		 i;

	for (i = 0; i < 3; i++)
		future_await(f, record_cb, &r[i]);
	future_resolve(f, 4);
	ev_run(loop, 0);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(r[i].calls, 1);
		ck_assert_int_eq(r[i].status, 4);
	}
	future_unref(f);
}
END_TEST

START_TEST(test_future_cancelled_waiter_never_fires)
{
	struct future		*f = future_new(sched);
	struct future_waiter	*w;
	struct record		 r = { 0, -1 }, other = { 0, -1 };

	w = future_await(f, record_cb, &r);
	future_await(f, record_cb, &other);
	future_cancel_wait(w);
	future_resolve(f, 0);
	ev_run(loop, 0);
	ck_assert_int_eq(r.calls, 0);
	ck_assert_int_eq(other.calls, 1);
	future_unref(f);
}
END_TEST

START_TEST(test_future_cancel_after_resolve_before_delivery)
{
	struct future		*f = future_new(sched);
	struct future_waiter	*w;
	struct record		 r = { 0, -1 };

	w = future_await(f, record_cb, &r);
	future_resolve(f, 0);
	future_cancel_wait(w);
	ev_run(loop, 0);
	ck_assert_int_eq(r.calls, 0);
	future_unref(f);
}
END_TEST

struct chain {
	struct future	*next;
	int		 fired;
};

static void
chain_cb(struct future *f, void *arg)
{
	struct chain	*c = arg;

	c->fired++;
	future_resolve(c->next, future_status(f) + 1);
}

START_TEST(test_future_callbacks_may_resolve_other_futures)
{
	struct future	*a = future_new(sched), *b = future_new(sched);
	struct chain	 c = { b, 0 };
	struct record	 r = { 0, -1 };

	future_await(a, chain_cb, &c);
	future_await(b, record_cb, &r);
	future_resolve(a, 10);
	ev_run(loop, 0);
	ck_assert_int_eq(c.fired, 1);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_int_eq(r.status, 11);
	future_unref(a);
	future_unref(b);
}
END_TEST

START_TEST(test_future_pending_waiter_keeps_future_alive)
{
	struct future	*f = future_new(sched);
	struct record	 r = { 0, -1 };

	future_await(f, record_cb, &r);
	future_unref(f);
	future_resolve(f, 5);
	ev_run(loop, 0);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_int_eq(r.status, 5);
}
END_TEST

START_TEST(test_future_thousand_resolutions_in_one_turn)
{
	struct future	*f[1000];
	struct record	 r = { 0, -1 };
	int		 i;

	for (i = 0; i < 1000; i++) {
		f[i] = future_new(sched);
		future_await(f[i], record_cb, &r);
	}
	for (i = 0; i < 1000; i++)
		future_resolve(f[i], i);
	ev_run(loop, EVRUN_ONCE);
	ck_assert_int_eq(r.calls, 1000);
	ck_assert_int_eq(r.status, 999);
	for (i = 0; i < 1000; i++)
		future_unref(f[i]);
}
END_TEST

START_TEST(test_future_chain_settles_in_one_turn)
{
	struct future	*a = future_new(sched), *b = future_new(sched);
	struct chain	 c = { b, 0 };
	struct record	 r = { 0, -1 };

	future_await(a, chain_cb, &c);
	future_await(b, record_cb, &r);
	future_resolve(a, 1);
	ev_run(loop, EVRUN_ONCE);
	ck_assert_int_eq(c.fired, 1);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_uint_eq(ev_iteration(loop), 1);
	future_unref(a);
	future_unref(b);
}
END_TEST

struct turn_step {
	struct future	*done;
	struct record	*record;
};

static void
await_turn_cb(struct future *f, void *arg)
{
	struct turn_step	*step = arg;

	(void)f;
	future_await_turn(step->done, record_cb, step->record);
}

START_TEST(test_future_await_turn_waits_for_a_poll)
{
	struct future		*a = future_new(sched), *done = future_new(sched);
	struct record		 r = { 0, -1 };
	struct turn_step	 step = { done, &r };

	future_resolve(done, 4);
	future_await(a, await_turn_cb, &step);
	future_resolve(a, 0);
	ev_run(loop, EVRUN_ONCE);
	ck_assert_int_eq(r.calls, 0);
	ev_run(loop, EVRUN_ONCE);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_int_eq(r.status, 4);
	future_unref(a);
	future_unref(done);
}
END_TEST

START_TEST(test_future_await_turn_after_a_poll_runs_at_once)
{
	struct future	*a = future_new(sched), *b = future_new(sched);
	struct chain	 c = { b, 0 };
	struct record	 r = { 0, -1 };

	future_await(a, chain_cb, &c);
	future_await_turn(b, record_cb, &r);
	future_resolve(a, 1);
	ev_run(loop, EVRUN_ONCE);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_int_eq(r.status, 2);
	future_unref(a);
	future_unref(b);
}
END_TEST

struct order {
	int	seen[3];
	int	n;
};

static void
note_order_cb(struct future *f, void *arg)
{
	struct order	*o = arg;

	o->seen[o->n++] = future_status(f);
}

START_TEST(test_future_await_turn_comes_after_the_rest_of_its_turn)
{
	struct future	*step = future_new(sched), *event = future_new(sched);
	struct order	 o = { { 0, 0, 0 }, 0 };

	future_await_turn(step, note_order_cb, &o);
	future_await(event, note_order_cb, &o);
	future_resolve(step, 1);
	future_resolve(event, 2);
	ev_run(loop, EVRUN_ONCE);
	ck_assert_int_eq(o.n, 2);
	ck_assert_int_eq(o.seen[0], 2);
	ck_assert_int_eq(o.seen[1], 1);
	future_unref(step);
	future_unref(event);
}
END_TEST

struct relay {
	struct future	*next;
	struct order	*order;
};

static void
relay_cb(struct future *f, void *arg)
{
	struct relay	*r = arg;

	note_order_cb(f, r->order);
	future_resolve(r->next, future_status(f) + 1);
}

START_TEST(test_future_await_turn_comes_after_chains_of_its_turn)
{
	struct future	*step = future_new(sched), *event = future_new(sched);
	struct future	*next = future_new(sched);
	struct order	 o = { { 0, 0, 0 }, 0 };
	struct relay	 r = { next, &o };

	future_await_turn(step, note_order_cb, &o);
	future_await(event, relay_cb, &r);
	future_await(next, note_order_cb, &o);
	future_resolve(step, 1);
	future_resolve(event, 2);
	ev_run(loop, EVRUN_ONCE);
	ck_assert_int_eq(o.n, 3);
	ck_assert_int_eq(o.seen[0], 2);
	ck_assert_int_eq(o.seen[1], 3);
	ck_assert_int_eq(o.seen[2], 1);
	future_unref(step);
	future_unref(event);
	future_unref(next);
}
END_TEST

static void
resolve_from_timer_cb(struct ev_loop *l, ev_timer *t, int revents)
{
	(void)l;
	(void)revents;
	future_resolve(t->data, 6);
}

START_TEST(test_future_settled_by_an_event_drains_in_its_turn)
{
	struct future	*f = future_new(sched);
	struct record	 r = { 0, -1 };
	ev_timer	 t;

	future_await(f, record_cb, &r);
	ev_timer_init(&t, resolve_from_timer_cb, 0, 0);
	t.data = f;
	ev_timer_start(loop, &t);
	ev_run(loop, EVRUN_ONCE);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_int_eq(r.status, 6);
	future_unref(f);
}
END_TEST

Suite *
future_suite(void)
{
	Suite	*s = suite_create("future");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_future_never_fires_synchronously);
	tcase_add_test(tc, test_future_waiter_after_result_still_fires);
	tcase_add_test(tc, test_future_fires_once_even_if_resolved_twice);
	tcase_add_test(tc, test_future_every_waiter_fires_in_order);
	tcase_add_test(tc, test_future_cancelled_waiter_never_fires);
	tcase_add_test(tc, test_future_cancel_after_resolve_before_delivery);
	tcase_add_test(tc, test_future_callbacks_may_resolve_other_futures);
	tcase_add_test(tc, test_future_pending_waiter_keeps_future_alive);
	tcase_add_test(tc, test_future_thousand_resolutions_in_one_turn);
	tcase_add_test(tc, test_future_chain_settles_in_one_turn);
	tcase_add_test(tc, test_future_await_turn_waits_for_a_poll);
	tcase_add_test(tc, test_future_await_turn_after_a_poll_runs_at_once);
	tcase_add_test(tc, test_future_settled_by_an_event_drains_in_its_turn);
	tcase_add_test(tc, test_future_await_turn_comes_after_the_rest_of_its_turn);
	tcase_add_test(tc, test_future_await_turn_comes_after_chains_of_its_turn);
	suite_add_tcase(s, tc);
	return s;
}
