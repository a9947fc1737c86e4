/*
 * spawnways: how fast can one process start N background children?
 *
 *   spawnways WAY N
 *
 * Starts N x /bin/true, each in its own process group as a job-control
 * shell would, reaps them all at the end (as the floor of W2 does), and
 * prints the wall time per child in µs.  WAY is how each
 * child is started:
 *
 *   spawn     posix_spawn as jobsh calls it: every signal back to its
 *             default (POSIX_SPAWN_SETSIGDEF with all signals), an empty
 *             mask, a new process group;
 *   clone     clone(CLONE_VM | CLONE_VFORK) and a child that resets only
 *             the ten signals this program catches (what posix_spawn
 *             would do if it knew which ones the caller changed);
 *   fork      fork and execve, as dash starts a background job;
 *   threads2  posix_spawn as in `spawn`, from two threads at once.
 *
 * The parent catches the same signals as jobsh, so that the child has
 * handlers to reset.  bench.sh runs each way several times and reports
 * the medians: the figures say which ways can let the parent go on while
 * a child execs (see RESULTS.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char	**environ;

static char	*true_argv[] = { "/bin/true", NULL };
static const int caught[] = { SIGCHLD, SIGINT, SIGQUIT, SIGTSTP, SIGTTIN,
    SIGTTOU, SIGHUP, SIGTERM, SIGWINCH, SIGCONT };
#define N_CAUGHT	(sizeof caught / sizeof caught[0])

static posix_spawnattr_t	attr;
static sigset_t			empty_mask;
static long			per_thread;

static void
die(const char *what)
{
	perror(what);
	exit(2);
}

static void
on_signal(int sig)
{
	(void)sig;
}

static double
now(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
set_handlers(void (*handler)(int))
{
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	for (i = 0; i < N_CAUGHT; i++)
		if (sigaction(caught[i], &sa, NULL) == -1)
			die("sigaction");
}

static void
init_attr(void)
{
	sigset_t	all;

	sigfillset(&all);
	sigdelset(&all, SIGKILL);
	sigdelset(&all, SIGSTOP);
	sigemptyset(&empty_mask);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setsigmask(&attr, &empty_mask);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
}

static pid_t
by_spawn(void)
{
	pid_t	pid;
	int	rc;

	rc = posix_spawn(&pid, true_argv[0], NULL, &attr, true_argv, environ);
	if (rc != 0) {
		errno = rc;
		die("posix_spawn");
	}
	return pid;
}

/* Runs on the parent's memory until execve: only async-signal-safe calls,
   and all signals blocked until the handlers are gone. */
static int
clone_child(void *arg)
{
	(void)arg;
	set_handlers(SIG_DFL);
	setpgid(0, 0);
	sigprocmask(SIG_SETMASK, &empty_mask, NULL);
	execve(true_argv[0], true_argv, environ);
	_exit(127);
}

static pid_t
by_clone(void)
{
	static char	*stack;
	const size_t	 size = 64 * 1024;
	sigset_t	 all, old;
	pid_t		 pid;

	if (stack == NULL && (stack = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0)) == MAP_FAILED)
		die("mmap");
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = clone(clone_child, stack + size, CLONE_VM | CLONE_VFORK | SIGCHLD,
	    NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid == -1)
		die("clone");
	return pid;
}

static pid_t
by_fork(void)
{
	pid_t	pid = fork();

	if (pid == -1)
		die("fork");
	if (pid == 0) {
		set_handlers(SIG_DFL);
		setpgid(0, 0);
		execve(true_argv[0], true_argv, environ);
		_exit(127);
	}
	setpgid(pid, pid);
	return pid;
}

static void
reap_all(void)
{
	int	st;

	while (waitpid(-1, &st, 0) > 0 || errno == EINTR)
		;
}

static void *
spawn_thread(void *arg)
{
	long	i;

	(void)arg;
	for (i = 0; i < per_thread; i++)
		by_spawn();
	return NULL;
}

static void
run_threads(long n)
{
	pthread_t	t[2];
	int		i;

	per_thread = n / 2;
	for (i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, spawn_thread, NULL) != 0)
			die("pthread_create");
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
}

int
main(int argc, char **argv)
{
	pid_t	(*start)(void) = NULL;
	long	n, i;
	double	t0;

	if (argc != 3 || (n = atol(argv[2])) < 2) {
		fputs("usage: spawnways spawn|clone|fork|threads2 N\n", stderr);
		return 2;
	}
	if (strcmp(argv[1], "spawn") == 0)
		start = by_spawn;
	else if (strcmp(argv[1], "clone") == 0)
		start = by_clone;
	else if (strcmp(argv[1], "fork") == 0)
		start = by_fork;
	else if (strcmp(argv[1], "threads2") != 0) {
		fprintf(stderr, "spawnways: %s: unknown way\n", argv[1]);
		return 2;
	}
	set_handlers(on_signal);
	init_attr();
	t0 = now();
	if (start == NULL)
		run_threads(n);
	else
		for (i = 0; i < n; i++)
			start();
	reap_all();
	printf("%.1f\n", (now() - t0) / (double)n * 1e6);
	return 0;
}
