/*
 * floor: the process work of each benchmark workload, done with no shell.
 *
 *   floor W1 N           N x (spawn /bin/true, wait for it)
 *   floor W2 N           N x spawn /bin/true, then reap all N
 *   floor W3 N           N x spawn /bin/sleep 1, then reap all N
 *   floor W4 N STAMP     N x spawn /bin/sleep 60 (left running, as a
 *                        shell leaves its jobs), spawn STAMP twice,
 *                        100 x write a "jobs" listing of N lines to
 *                        /dev/null, spawn STAMP again
 *   floor W5             nothing: the cost of starting a small program
 *   floor W6 N           N x (pipe, spawn /bin/echo hi into it, spawn
 *                        /bin/cat from it to /dev/null, wait for both)
 *
 * Children are started with posix_spawn (glibc: clone(CLONE_VM|
 * CLONE_VFORK) + exec), as jobsh starts them; with -f, with fork +
 * execve instead (what dash and bash do), for comparison.
 * STAMP is the bench's mark program with its arguments, one string
 * split at spaces (e.g. "/path/mark -t /tmp/stamps"), spawned the way the
 * shells spawn it in the W4 workload files.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void
die(const char *what)
{
	perror(what);
	exit(2);
}

static int	use_fork;	/* -f: fork + execve instead of posix_spawn */

#define TO_DEVNULL	(-2)

/* Starts argv[0] with stdin from in and stdout to out (-1: inherited). */
static pid_t
spawn(char *const argv[], int in, int out)
{
	posix_spawn_file_actions_t	 fa, *fap = NULL;
	pid_t				 pid;
	int				 err, fd;

	if (use_fork) {
		if ((pid = fork()) == -1)
			die("fork");
		if (pid == 0) {
			if (in >= 0)
				dup2(in, 0);
			if (out >= 0)
				dup2(out, 1);
			else if (out == TO_DEVNULL) {
				if ((fd = open("/dev/null", O_WRONLY |
				    O_CREAT | O_TRUNC, 0666)) == -1)
					_exit(126);
				dup2(fd, 1);
				close(fd);
			}
			execve(argv[0], argv, environ);
			_exit(127);
		}
		return pid;
	}
	if (in >= 0 || out != -1) {
		posix_spawn_file_actions_init(&fa);
		if (in >= 0)
			posix_spawn_file_actions_adddup2(&fa, in, 0);
		if (out >= 0)
			posix_spawn_file_actions_adddup2(&fa, out, 1);
		else if (out == TO_DEVNULL)
			posix_spawn_file_actions_addopen(&fa, 1, "/dev/null",
			    O_WRONLY | O_CREAT | O_TRUNC, 0666);
		fap = &fa;
	}
	err = posix_spawn(&pid, argv[0], fap, NULL, argv, environ);
	if (fap != NULL)
		posix_spawn_file_actions_destroy(fap);
	if (err != 0) {
		errno = err;
		die(argv[0]);
	}
	return pid;
}

static void
reap(pid_t pid)
{
	int	st;

	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			die("waitpid");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "floor: child %ld failed (status %#x)\n",
		    (long)pid, st);
		exit(1);
	}
}

static void
reap_all(long n)
{
	while (n-- > 0)
		reap(-1);
}

/* Splits "prog arg arg" at spaces into a NULL-terminated vector. */
static char **
split(char *s)
{
	static char	*v[16];
	int		 i = 0;
	char		*tok;

	for (tok = strtok(s, " "); tok != NULL && i < 15;
	    tok = strtok(NULL, " "))
		v[i++] = tok;
	v[i] = NULL;
	if (i == 0) {
		fputs("floor: empty STAMP command\n", stderr);
		exit(2);
	}
	return v;
}

/*
 * N sleep 60 left running, then the listings between stamps: the gap
 * between the first two stamps is the cost of a stamp, to subtract.
 */
static void
w4(long n, char *stamp, int listings)
{
	char	*sleep60[] = { "/bin/sleep", "60", NULL };
	char	**st = split(stamp);
	char	 line[96];
	char	*buf;
	size_t	 len, cap;
	long	 i;
	int	 fd, k;

	for (i = 0; i < n; i++)
		spawn(sleep60, -1, -1);
	reap(spawn(st, -1, -1));
	reap(spawn(st, -1, -1));
	if ((fd = open("/dev/null", O_WRONLY | O_CLOEXEC)) == -1)
		die("/dev/null");
	cap = (size_t)n * 64 + 64;
	if ((buf = malloc(cap)) == NULL)
		die("malloc");
	for (k = 0; k < listings; k++) {
		/* What `jobs` prints: one formatted line a job, one write. */
		len = 0;
		for (i = 0; i < n; i++) {
			int	w = snprintf(line, sizeof line,
			    "[%ld]%c  Running                 /bin/sleep 60 &\n",
			    i + 1, i == n - 1 ? '+' : i == n - 2 ? '-' : ' ');

			if (len + (size_t)w > cap)
				break;
			memcpy(buf + len, line, (size_t)w);
			len += (size_t)w;
		}
		if (write(fd, buf, len) == -1)
			die("write");
	}
	free(buf);
	close(fd);
	reap(spawn(st, -1, -1));
}

static void
w6(long n)
{
	char	*echo[] = { "/bin/echo", "hi", NULL };
	char	*cat[] = { "/bin/cat", NULL };
	pid_t	 a, b;
	int	 p[2];
	long	 i;

	for (i = 0; i < n; i++) {
		if (pipe2(p, O_CLOEXEC) == -1)
			die("pipe");
		a = spawn(echo, -1, p[1]);
		b = spawn(cat, p[0], TO_DEVNULL);
		close(p[0]);
		close(p[1]);
		reap(a);
		reap(b);
	}
}

static void
usage(void)
{
	fputs("usage: floor [-f] W1|W2|W3|W6 N | floor [-f] W4 N STAMP | "
	    "floor W5\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	char	*true_[] = { "/bin/true", NULL };
	char	*sleep1[] = { "/bin/sleep", "1", NULL };
	char	*end;
	long	 n = 0, i;

	if (argc > 1 && strcmp(argv[1], "-f") == 0) {
		use_fork = 1;
		argc--;
		argv++;
	}
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "W5") == 0)
		return 0;
	if (argc < 3)
		usage();
	n = strtol(argv[2], &end, 10);
	if (*end != '\0' || n < 0)
		usage();
	if (strcmp(argv[1], "W1") == 0) {
		for (i = 0; i < n; i++)
			reap(spawn(true_, -1, -1));
	} else if (strcmp(argv[1], "W2") == 0) {
		for (i = 0; i < n; i++)
			spawn(true_, -1, -1);
		reap_all(n);
	} else if (strcmp(argv[1], "W3") == 0) {
		for (i = 0; i < n; i++)
			spawn(sleep1, -1, -1);
		reap_all(n);
	} else if (strcmp(argv[1], "W4") == 0 && argc == 4) {
		w4(n, argv[3], 100);
	} else if (strcmp(argv[1], "W6") == 0) {
		w6(n);
	} else
		usage();
	return 0;
}
