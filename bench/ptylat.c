/*
 * ptylat: how long a background job's end takes to reach the terminal.
 *
 *   ptylat -m MARK -d DIR [-n COUNT] [-s SECONDS] [-c LINE] -- SHELL [ARG...]
 *
 * Starts SHELL on a new pseudo-terminal (forkpty), waits for its prompt,
 * sends LINE if given (e.g. "set -b" for bash), then COUNT times types
 *
 *     MARK -s SECONDS -t DIR/ptylat.stamp &
 *
 * The job sleeps SECONDS (so the shell is idle at its prompt), writes
 * CLOCK_MONOTONIC just before it exits, and exits.  ptylat reads the pty
 * master all along and notes the time at which the word "Done" arrives;
 * the latency is that time less the job's stamp.  A sample with no "Done"
 * within SECONDS + 3 s is a timeout.  Prints one key=value line:
 *
 *     samples=K timeouts=T min_us=.. median_us=.. max_us=.. [error=...]
 *
 * and each latency on standard error.  Exits 0 when it could measure,
 * 1 when the shell gave no prompt or died, 2 on usage errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int	 master = -1;
static pid_t	 child = -1;
static char	 acc[1 << 16];
static size_t	 acclen;

static long long
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Reads what the pty has for up to ms milliseconds (until quiet_ms of
 * silence if quiet_ms > 0), appending to acc.  Returns -1 when the shell
 * has gone (EIO on the master), 1 when needle appeared (time in *seen),
 * else 0.
 */
static int
pump(int ms, int quiet_ms, const char *needle, long long *seen)
{
	struct pollfd	 pfd = { .fd = master, .events = POLLIN };
	long long	 end = now_ns() + (long long)ms * 1000000LL, left;
	char		 buf[4096];
	ssize_t		 n;
	int		 r;

	for (;;) {
		left = (end - now_ns()) / 1000000LL;
		if (left <= 0)
			return 0;
		if (quiet_ms > 0 && left > quiet_ms)
			left = quiet_ms;
		r = poll(&pfd, 1, (int)left);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == 0) {
			if (quiet_ms > 0)
				return 0;
			continue;
		}
		n = read(master, buf, sizeof buf);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return -1;
		if (acclen + (size_t)n >= sizeof acc - 1) {
			/* keep the tail: a needle may straddle reads */
			memmove(acc, acc + acclen - 64, 64);
			acclen = 64;
		}
		memcpy(acc + acclen, buf, (size_t)n);
		acclen += (size_t)n;
		acc[acclen] = '\0';
		if (needle != NULL && strstr(acc, needle) != NULL) {
			*seen = now_ns();
			return 1;
		}
	}
}

static void
say(const char *s)
{
	size_t	len = strlen(s), off = 0;
	ssize_t	w;

	while (off < len) {
		w = write(master, s + off, len - off);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		off += (size_t)w;
	}
}

static void
finish(void)
{
	int	i;

	if (child <= 0)
		return;
	say("exit\n");
	for (i = 0; i < 100; i++) {
		if (waitpid(child, NULL, WNOHANG) == child)
			return;
		pump(10, 0, NULL, NULL);
	}
	kill(-child, SIGKILL);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

static int
cmp(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static void
usage(void)
{
	fputs("usage: ptylat -m MARK -d DIR [-n COUNT] [-s SECONDS] [-c LINE] "
	    "-- SHELL [ARG...]\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct winsize	 ws = { .ws_row = 24, .ws_col = 200 };
	const char	*mark = NULL, *dir = NULL, *setup = NULL;
	char		 line[8400], stampfile[4096], buf[64];
	long long	*lat, seen, stamp;
	double		 secs = 0.2;
	int		 n = 10, c, i, k = 0, timeouts = 0, r, fd;
	ssize_t		 got;

	while ((c = getopt(argc, argv, "+m:d:n:s:c:")) != -1) {
		switch (c) {
		case 'm': mark = optarg; break;
		case 'd': dir = optarg; break;
		case 'n': n = atoi(optarg); break;
		case 's': secs = atof(optarg); break;
		case 'c': setup = optarg; break;
		default: usage();
		}
	}
	if (mark == NULL || dir == NULL || optind >= argc || n < 1)
		usage();
	if ((lat = calloc((size_t)n, sizeof *lat)) == NULL)
		return 2;
	snprintf(stampfile, sizeof stampfile, "%s/ptylat.stamp", dir);

	if ((child = forkpty(&master, NULL, NULL, &ws)) == -1) {
		perror("forkpty");
		return 2;
	}
	if (child == 0) {
		setenv("TERM", "xterm", 1);
		setenv("PS1", "$ ", 1);
		execvp(argv[optind], argv + optind);
		perror(argv[optind]);
		_exit(127);
	}
	/* The prompt: some output, then quiet. */
	if (pump(3000, 300, NULL, NULL) < 0 || acclen == 0) {
		fprintf(stderr, "ptylat: no prompt; the shell wrote:\n%s\n",
		    acc);
		printf("samples=0 timeouts=0 error=%s\n", acclen == 0 ?
		    "no-prompt" : "shell-exited");
		finish();
		return 1;
	}
	if (setup != NULL) {
		snprintf(line, sizeof line, "%s\n", setup);
		say(line);
		pump(300, 200, NULL, NULL);
	}
	for (i = 0; i < n; i++) {
		unlink(stampfile);
		acclen = 0;
		acc[0] = '\0';
		snprintf(line, sizeof line, "%s -s %g -t %s &\n", mark, secs,
		    stampfile);
		say(line);
		r = pump((int)(secs * 1000) + 3000, 0, "Done", &seen);
		if (r < 0) {
			fprintf(stderr, "ptylat: the shell left; it wrote:\n%s\n",
			    acc);
			printf("samples=%d timeouts=%d error=shell-exited\n", k,
			    timeouts);
			child = -1;
			return 1;
		}
		stamp = 0;
		if ((fd = open(stampfile, O_RDONLY)) != -1) {
			if ((got = read(fd, buf, sizeof buf - 1)) > 0) {
				buf[got] = '\0';
				stamp = atoll(buf);
			}
			close(fd);
		}
		if (r == 0 || stamp == 0) {
			timeouts++;
			fprintf(stderr, "ptylat: sample %d: %s\n", i, r == 0 ?
			    "no Done within the time-out" : "no stamp");
		} else {
			lat[k++] = seen - stamp;
			fprintf(stderr, "ptylat: sample %d: %.3f ms\n", i,
			    (double)(seen - stamp) / 1e6);
		}
		pump(100, 0, NULL, NULL);	/* let the prompt settle */
	}
	finish();
	if (k == 0) {
		printf("samples=0 timeouts=%d error=no-notification\n",
		    timeouts);
		return 0;
	}
	qsort(lat, (size_t)k, sizeof *lat, cmp);
	printf("samples=%d timeouts=%d min_us=%lld median_us=%lld "
	    "max_us=%lld\n", k, timeouts, lat[0] / 1000,
	    (k % 2 ? lat[k / 2] : (lat[k / 2 - 1] + lat[k / 2]) / 2) / 1000,
	    lat[k - 1] / 1000);
	return 0;
}
