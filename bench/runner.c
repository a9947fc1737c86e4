/*
 * runner: runs one command (a shell, or the floor) once or K times and
 * prints what it cost, as one line of key=value pairs.
 *
 *   runner [-i FILE | -p FILE] [-e ERRFILE] [-r K] [-s] -- COMMAND [ARG...]
 *   runner -a [-i FILE | -p FILE] [-e ERRFILE] [-r K] -- BASE [ARG...] --
 *          COMMAND [ARG...]
 *
 *   -i FILE   standard input is FILE (a regular file)
 *   -p FILE   standard input is a pipe, fed FILE's text by a helper process
 *             (default: /dev/null)
 *   -e FILE   standard error goes to FILE (default /dev/null); standard
 *             output always goes to /dev/null
 *   -r K      run the command K times one after the other (start-up
 *             costs); the figures are sums, maxrss the maximum
 *   -s        sample the command's live children every 2 ms (verification
 *             runs only: it costs CPU), reported as maxkids
 *   -a        alternate: K runs of COMMAND, each next to a run of BASE (the
 *             floor), in turns (BASE first, then COMMAND first, ...); one
 *             line for COMMAND, then one for BASE, whose standard input
 *             and error are /dev/null.  Pairs a few hundred microseconds
 *             long this way, rather than two blocks of K runs, so that a
 *             machine whose speed drifts slows both alike
 *
 * Printed keys:
 *   wall_ns    from just before the spawn to the command's exit
 *   cpu_ns     CPU time of the command's own process, all its threads
 *              (not its children), from its process CPU-time clock
 *              (clock_getcpuclockid), read while it is a zombie;
 *              /proc/PID/schedstat would count its main thread only
 *   utime_ms stime_ms   the same split into user and system (clock ticks)
 *   cpu_all_ns user+system from wait4: the process and its reaped children
 *   maxrss_kb  ru_maxrss from wait4: the maximum over the process and the
 *              children it reaped (a vfork-spawned child inherits the
 *              parent's high-water mark; an exec'd utility adds ~1-2 MiB)
 *   status     exit status, or 128+signal
 *   pids       process IDs allocated while the command ran, less the
 *              runner's own helpers: at least the number of processes it
 *              started (other activity on the machine can only add;
 *              one wrap-around of the PID counter is accounted for)
 *   leftover   descendants still alive when the command exited (the runner
 *              is a child subreaper: they become its children); they are
 *              then killed with SIGKILL and reaped
 *   maxkids    (-s) the most live children seen at once
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct result {
	long long	wall_ns, cpu_ns, cpu_all_ns, utime_ms, stime_ms;
	long		maxrss_kb, pids, leftover, maxkids;
	int		status;
};

static void
die(const char *what)
{
	fprintf(stderr, "runner: ");
	perror(what);
	exit(2);
}

static long long
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Reads a whole /proc file into a buffer that grows; NUL-terminated. */
static char *
slurp(const char *path, size_t *lenp)
{
	static char	*buf;
	static size_t	 cap;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			if ((buf = realloc(buf, cap)) == NULL)
				die("realloc");
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
}

/* The PIDs in /proc/PID/task/PID/children, or -1 if unreadable. */
static long
children(pid_t pid, pid_t **out)
{
	static pid_t	*v;
	static size_t	 cap;
	char		 path[64], *s, *end;
	long		 n = 0;

	snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", (long)pid,
	    (long)pid);
	if ((s = slurp(path, NULL)) == NULL)
		return -1;
	for (;;) {
		long	p = strtol(s, &end, 10);

		if (end == s)
			break;
		if ((size_t)n == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((v = realloc(v, cap * sizeof *v)) == NULL)
				die("realloc");
		}
		v[n++] = (pid_t)p;
		s = end;
	}
	if (out != NULL)
		*out = v;
	return n;
}

/* CPU of a zombie that has not been reaped yet. */
static void
zombie_cpu(pid_t pid, struct result *r)
{
	char		 path[64], *s;
	long		 hz = sysconf(_SC_CLK_TCK);
	unsigned long	 ut = 0, st = 0;
	clockid_t	 clock;
	struct timespec	 cpu;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((s = slurp(path, NULL)) != NULL && (s = strrchr(s, ')')) != NULL &&
	    sscanf(s + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
	    &ut, &st) == 2) {
		r->utime_ms += (long long)ut * 1000 / hz;
		r->stime_ms += (long long)st * 1000 / hz;
	}
	if (clock_getcpuclockid(pid, &clock) == 0 &&
	    clock_gettime(clock, &cpu) == 0)
		r->cpu_ns += (long long)cpu.tv_sec * 1000000000LL + cpu.tv_nsec;
	else	/* no such clock: fall back to the ticks */
		r->cpu_ns += ((long long)ut + (long long)st) * 1000000000LL / hz;
}

/* A throw-away child, to learn the next PID the kernel hands out. */
static pid_t
probe_pid(void)
{
	pid_t	pid;

	if ((pid = fork()) == -1)
		die("fork");
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

/*
 * PIDs handed out after first and before last.  The kernel hands them out
 * in increasing order and wraps from pid_max to 300 (RESERVED_PIDS); one
 * wrap is accounted for, more cannot be seen.
 */
static long
pids_between(pid_t first, pid_t last)
{
	static long	 pid_max;
	char		*s;

	if (pid_max == 0)
		pid_max = (s = slurp("/proc/sys/kernel/pid_max", NULL)) != NULL ?
		    atol(s) : 32768;
	if (last > first)
		return (long)last - first - 1;
	return (pid_max - first - 1) + ((long)last - 300);
}

/* Kills and reaps every descendant left over; returns how many were alive. */
static long
reap_leftovers(void)
{
	pid_t	*v;
	long	 n, i, first = -1;

	for (;;) {
		n = children(getpid(), &v);
		if (first < 0)
			first = n < 0 ? 0 : n;
		if (n <= 0)
			break;
		for (i = 0; i < n; i++)
			kill(v[i], SIGKILL);
		for (i = 0; i < n; i++)
			waitpid(v[i], NULL, 0);
	}
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return first;
}

static pid_t
start_feeder(const char *path, int wfd, int rfd)
{
	char	 buf[65536];
	ssize_t	 n, w, off;
	pid_t	 pid;
	int	 fd;

	if ((pid = fork()) == -1)
		die("fork");
	if (pid > 0)
		return pid;
	close(rfd);
	signal(SIGPIPE, SIG_DFL);
	if ((fd = open(path, O_RDONLY)) == -1)
		_exit(3);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (off = 0; off < n; off += w)
			if ((w = write(wfd, buf + off, (size_t)(n - off))) <= 0)
				_exit(0);	/* the reader left early */
	_exit(0);
}

static void
run_once(char **argv, const char *in, int piped, const char *err,
    int sample, struct result *r)
{
	posix_spawn_file_actions_t	 fa;
	struct rusage			 ru;
	siginfo_t			 si;
	pid_t				 pid, feeder = -1, probe;
	long long			 t0, t1;
	long				 kids;
	int				 p[2] = { -1, -1 }, st, e, helpers = 0;

	posix_spawn_file_actions_init(&fa);
	if (piped) {
		if (pipe2(p, O_CLOEXEC) == -1)
			die("pipe");
		posix_spawn_file_actions_adddup2(&fa, p[0], 0);
	} else
		posix_spawn_file_actions_addopen(&fa, 0,
		    in != NULL ? in : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, err != NULL ? err :
	    "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0644);

	t0 = now_ns();
	if ((e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ)) != 0) {
		errno = e;
		die(argv[0]);
	}
	if (piped) {
		close(p[0]);
		feeder = start_feeder(in, p[1], p[0]);
		helpers++;
		close(p[1]);
	}
	posix_spawn_file_actions_destroy(&fa);

	for (;;) {
		memset(&si, 0, sizeof si);
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT |
		    (sample ? WNOHANG : 0)) == -1) {
			if (errno == EINTR)
				continue;
			die("waitid");
		}
		if (si.si_pid == pid)
			break;
		/* sampling: the shell is still running */
		if ((kids = children(pid, NULL)) > r->maxkids)
			r->maxkids = kids;
		usleep(2000);
	}
	t1 = now_ns();
	zombie_cpu(pid, r);
	if (wait4(pid, &st, 0, &ru) == -1)
		die("wait4");
	if (feeder > 0)
		waitpid(feeder, NULL, 0);
	probe = probe_pid();
	r->leftover += reap_leftovers();

	r->wall_ns += t1 - t0;
	r->cpu_all_ns += (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
	    1000000000LL + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
	if (ru.ru_maxrss > r->maxrss_kb)
		r->maxrss_kb = ru.ru_maxrss;
	r->pids += pids_between(pid, probe) - helpers;
	if (WIFEXITED(st))
		st = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		st = 128 + WTERMSIG(st);
	if (st != 0 || r->status == 0)
		r->status = st;
}

static void
usage(void)
{
	fputs("usage: runner [-i FILE | -p FILE] [-e ERRFILE] [-r K] [-s] -- "
	    "COMMAND [ARG...]\n"
	    "       runner -a [-i FILE | -p FILE] [-e ERRFILE] [-r K] -- "
	    "BASE [ARG...] -- COMMAND [ARG...]\n", stderr);
	exit(2);
}

static void
print_result(const struct result *r, int sample)
{
	printf("wall_ns=%lld cpu_ns=%lld utime_ms=%lld stime_ms=%lld "
	    "cpu_all_ns=%lld maxrss_kb=%ld status=%d pids=%ld leftover=%ld "
	    "maxkids=%ld\n", r->wall_ns, r->cpu_ns, r->utime_ms, r->stime_ms,
	    r->cpu_all_ns, r->maxrss_kb, r->status, r->pids, r->leftover,
	    sample ? r->maxkids : -1L);
}

/* -a: splits argv at its "--" into base and command; K pairs in turns. */
static void
run_alternating(char **argv, const char *in, int piped, const char *err,
    long k)
{
	struct result	 base, cmd;
	char		**command;
	long		 i;

	for (command = argv; *command != NULL && strcmp(*command, "--") != 0;
	    command++)
		;
	if (command == argv || *command == NULL || command[1] == NULL)
		usage();
	*command++ = NULL;
	memset(&base, 0, sizeof base);
	memset(&cmd, 0, sizeof cmd);
	for (i = 0; i < k; i++) {
		if (i % 2 == 0)
			run_once(argv, NULL, 0, NULL, 0, &base);
		run_once(command, in, piped, err, 0, &cmd);
		if (i % 2 == 1)
			run_once(argv, NULL, 0, NULL, 0, &base);
	}
	print_result(&cmd, 0);
	print_result(&base, 0);
}

int
main(int argc, char **argv)
{
	struct result	 r;
	const char	*in = NULL, *err = NULL;
	long		 k = 1, i;
	int		 c, piped = 0, sample = 0, alternate = 0;

	while ((c = getopt(argc, argv, "+ai:p:e:r:s")) != -1) {
		switch (c) {
		case 'a':
			alternate = 1;
			break;
		case 'i':
			in = optarg;
			piped = 0;
			break;
		case 'p':
			in = optarg;
			piped = 1;
			break;
		case 'e':
			err = optarg;
			break;
		case 'r':
			k = atol(optarg);
			if (k < 1)
				usage();
			break;
		case 's':
			sample = 1;
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) == -1)
		die("prctl");
	if (alternate) {
		run_alternating(argv + optind, in, piped, err, k);
		return 0;
	}
	memset(&r, 0, sizeof r);
	for (i = 0; i < k; i++)
		run_once(argv + optind, in, piped, err, sample, &r);
	print_result(&r, sample);
	return 0;
}
