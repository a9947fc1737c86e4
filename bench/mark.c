/*
 * mark: leaves a countable trace of one job, for the bench's checks.
 *
 *   mark [-s SECONDS] FILE      append one byte "x" to FILE
 *   mark [-s SECONDS] -c FILE   append what stdin holds (a pipeline's data)
 *   mark [-s SECONDS] -t FILE   append CLOCK_MONOTONIC in ns and a newline
 *
 * -s sleeps first (fractional seconds).  Appends are single O_APPEND
 * writes, so concurrent jobs do not lose each other's marks.  The -t mark
 * is written just before the process exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void
die(const char *what)
{
	perror(what);
	exit(2);
}

static void
usage(void)
{
	fputs("usage: mark [-s SECONDS] [-c|-t] FILE\n", stderr);
	exit(2);
}

static void
append(const char *path, const char *buf, size_t len)
{
	int	fd;

	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0644)) == -1)
		die(path);
	if (write(fd, buf, len) != (ssize_t)len)
		die("write");
	close(fd);
}

int
main(int argc, char **argv)
{
	struct timespec	 ts;
	char		 buf[4096];
	double		 secs = 0;
	ssize_t		 n;
	size_t		 len = 0;
	char		 mode = 'x', *end;
	int		 c;

	while ((c = getopt(argc, argv, "cts:")) != -1) {
		switch (c) {
		case 'c':
		case 't':
			mode = (char)c;
			break;
		case 's':
			secs = strtod(optarg, &end);
			if (*end != '\0' || secs < 0)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1)
		usage();
	if (secs > 0) {
		ts.tv_sec = (time_t)secs;
		ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
	}
	switch (mode) {
	case 'x':
		append(argv[optind], "x", 1);
		break;
	case 'c':
		while ((n = read(0, buf + len, sizeof buf - len)) != 0) {
			if (n == -1 && errno == EINTR)
				continue;
			if (n == -1)
				die("read");
			len += (size_t)n;
			if (len == sizeof buf)
				break;
		}
		append(argv[optind], buf, len);
		break;
	case 't':
		clock_gettime(CLOCK_MONOTONIC, &ts);
		n = snprintf(buf, sizeof buf, "%lld\n",
		    (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
		append(argv[optind], buf, (size_t)n);
		break;
	}
	return 0;
}
