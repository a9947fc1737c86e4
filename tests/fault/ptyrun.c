/*
 * ptyrun: runs a command on a pseudo-terminal and drives it from a script,
 * for the fault tests (tests/fault/run.sh).
 *
 *   ptyrun [-t SECS] [-e SECS] [-o LOG] SCRIPT CMD [ARG...]
 *
 * The command leads a new session on the pty (80x24).  ptyrun is a child
 * subreaper: whatever the command leaves behind comes back to it.  When
 * the script ends, or on failure, every process still in the command's
 * session or still a child of ptyrun is reported ("stray PID COMM") on
 * stderr, killed with SIGKILL and reaped; strays make the run fail.
 *
 * SCRIPT lines (escapes in TEXT: \r \n \t \e \\ \xHH):
 *   send TEXT          write TEXT to the terminal
 *   trysend TEXT       the same, but a terminal already closed (the
 *                      command has exited) is not an error
 *   lines FILE         write each line of FILE followed by \r, waiting
 *                      for the echo of each line before the next
 *   expect TEXT        wait for TEXT in the output after the last match
 *   sleep MS
 *   pidfile PATH       wait until PATH holds a PID: the target of kill
 *                      and storm (default: the command itself)
 *   kill SIG           send SIG (a number or a name such as HUP) to it
 *   storm MAXUS SIG... from now on, until "storm off", send one of the
 *                      SIGs, picked at random, every 0..MAXUS µs, also
 *                      while sending, expecting and sleeping
 *   storm off
 *   exit               wait until the command exits
 *   # comment
 *
 * Prints on stdout "status exit N" or "status signal N" once the command
 * has exited, and "signals N" when it stormed.  Exits 0 when every step
 * succeeded and nothing stray was left, 1 otherwise, 2 on usage errors.
 * -t bounds the whole run (default 60 s), -e each expect or exit (10 s).
 * Every byte the command wrote goes to LOG when given.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static pid_t	 child = -1;		/* the command, session leader */
static pid_t	 target = -1;		/* what kill and storm signal */
static int	 master = -1;
static bool	 exited;
static int	 wstatus;
static char	*out;			/* everything read from the pty */
static size_t	 out_len, out_cap, mark;
static FILE	*logf;
static double	 deadline;		/* of the whole run */
static double	 step_secs = 10;

static bool	 storming;
static long	 storm_max_us;
static int	 storm_sigs[16];
static int	 n_storm_sigs;
static double	 next_storm;
static unsigned long signals_sent;

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
fail(const char *fmt, ...)
{
	va_list	ap;

	fputs("ptyrun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Shows the end of the output, escaped, for a failure message. */
static void
show_tail(void)
{
	size_t	from = out_len > 600 ? out_len - 600 : 0, i;

	fputs("ptyrun: last output: \"", stderr);
	for (i = from; i < out_len; i++) {
		unsigned char	c = (unsigned char)out[i];

		if (c == '\n')
			fputs("\\n", stderr);
		else if (c == '\r')
			fputs("\\r", stderr);
		else if (c < 32 || c == 127)
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
	fputs("\"\n", stderr);
}

static int
signal_number(const char *name)
{
	static const struct { const char *name; int sig; } table[] = {
		{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
		{ "KILL", SIGKILL }, { "TERM", SIGTERM }, { "TSTP", SIGTSTP },
		{ "CONT", SIGCONT }, { "CHLD", SIGCHLD }, { "WINCH", SIGWINCH },
		{ "URG", SIGURG }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
		{ "STOP", SIGSTOP }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM },
	};
	size_t	i;

	if (strncmp(name, "SIG", 3) == 0)
		name += 3;
	if (isdigit((unsigned char)*name))
		return atoi(name);
	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(name, table[i].name) == 0)
			return table[i].sig;
	return -1;
}

static size_t
unescape(const char *s, char *buf)
{
	size_t	n = 0;

	while (*s != '\0') {
		if (*s != '\\' || s[1] == '\0') {
			buf[n++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'r': buf[n++] = '\r'; s++; break;
		case 'n': buf[n++] = '\n'; s++; break;
		case 't': buf[n++] = '\t'; s++; break;
		case 'e': buf[n++] = 27; s++; break;
		case 'x': {
			char	hex[3] = { 0 };

			if (isxdigit((unsigned char)s[1]))
				hex[0] = s[1];
			if (hex[0] && isxdigit((unsigned char)s[2]))
				hex[1] = s[2];
			buf[n++] = (char)strtol(hex, NULL, 16);
			s += 1 + strlen(hex);
			break;
		}
		default: buf[n++] = *s++; break;
		}
	}
	return n;
}

static void
reap(void)
{
	pid_t	pid;
	int	st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		if (pid == child) {
			exited = true;
			wstatus = st;
		}
}

static void
read_output(void)
{
	char	buf[65536];
	ssize_t	n;

	if (master < 0)
		return;
	for (;;) {
		n = read(master, buf, sizeof buf);
		if (n > 0) {
			if (out_len + (size_t)n + 1 > out_cap) {
				out_cap = (out_len + (size_t)n + 1) * 2;
				out = realloc(out, out_cap);
				if (out == NULL)
					abort();
			}
			memcpy(out + out_len, buf, (size_t)n);
			out_len += (size_t)n;
			out[out_len] = '\0';
			if (logf != NULL)
				fwrite(buf, 1, (size_t)n, logf);
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == 0 || (n == -1 && errno != EAGAIN)) {
			/* EIO: no slave side open any more. */
			close(master);
			master = -1;
		}
		return;
	}
}

static void
storm_tick(void)
{
	double	t;

	if (!storming || target <= 0)
		return;
	t = now();
	if (t < next_storm)
		return;
	if (kill(target, storm_sigs[random() % n_storm_sigs]) == 0)
		signals_sent++;
	next_storm = t + (double)(random() % (storm_max_us + 1)) / 1e6;
}

/*
 * One turn of the loop: storms, reads what is there, reaps, and waits
 * at most max_s (less when storming) for output or room to write.
 */
static void
pump(double max_s, bool want_write)
{
	struct pollfd	pfd;
	struct timespec	ts;
	double		wait_s = max_s;

	storm_tick();
	if (storming) {
		double	until = next_storm - now();

		if (until < wait_s)
			wait_s = until > 0 ? until : 0;
	}
	if (wait_s > 0.01)
		wait_s = 0.01;		/* reap and check deadlines often */
	ts.tv_sec = (time_t)wait_s;
	ts.tv_nsec = (long)((wait_s - (double)ts.tv_sec) * 1e9);
	if (master >= 0) {
		pfd.fd = master;
		pfd.events = POLLIN | (want_write ? POLLOUT : 0);
		if (ppoll(&pfd, 1, &ts, NULL) > 0)
			read_output();
	} else
		nanosleep(&ts, NULL);
	reap();
}

static bool
out_of_time(double until)
{
	if (now() <= deadline && now() <= until)
		return false;
	return true;
}

static bool
send_bytes(const char *buf, size_t len)
{
	double	until = now() + step_secs;
	size_t	done = 0;
	ssize_t	n;

	while (done < len) {
		if (master < 0) {
			fail("cannot send: the terminal is closed");
			return false;
		}
		n = write(master, buf + done, len - done);
		if (n > 0)
			done += (size_t)n;
		else if (n == -1 && errno != EAGAIN && errno != EINTR) {
			fail("write: %s", strerror(errno));
			return false;
		}
		if (out_of_time(until)) {
			fail("timed out sending input");
			return false;
		}
		pump(done < len ? 0.01 : 0, done < len);
	}
	return true;
}

static bool
expect(const char *text, size_t len)
{
	double	until = now() + step_secs;
	char	*hit;

	for (;;) {
		if (out_len > mark && (hit = memmem(out + mark, out_len - mark,
		    text, len)) != NULL) {
			mark = (size_t)(hit - out) + len;
			return true;
		}
		if (out_of_time(until) || (master < 0 && exited)) {
			fail("did not see \"%.*s\"%s", (int)len, text,
			    master < 0 ? " (terminal closed)" : "");
			return false;
		}
		pump(0.01, false);
	}
}

static bool
sleep_ms(long ms)
{
	double	until = now() + (double)ms / 1000;

	while (now() < until) {
		if (now() > deadline)
			return false;
		pump(until - now(), false);
	}
	return true;
}

static bool
wait_exit(void)
{
	double	until = now() + step_secs;

	while (!exited) {
		if (out_of_time(until)) {
			fail("the command did not exit");
			return false;
		}
		pump(0.01, false);
	}
	/* Whatever it wrote last. */
	pump(0, false);
	return true;
}

static bool
read_pidfile(const char *path)
{
	double	until = now() + step_secs;
	FILE	*f;
	long	 pid;

	for (;;) {
		if ((f = fopen(path, "r")) != NULL) {
			pid = 0;
			if (fscanf(f, "%ld", &pid) == 1 && pid > 0) {
				fclose(f);
				target = (pid_t)pid;
				return true;
			}
			fclose(f);
		}
		if (out_of_time(until)) {
			fail("%s: no PID", path);
			return false;
		}
		pump(0.01, false);
	}
}

/* Each line, then \r; the next one once this one's echo is seen. */
static bool
send_lines(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;
	bool	 ok = true;

	if (f == NULL) {
		fail("%s: %s", path, strerror(errno));
		return false;
	}
	while (ok && (n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		ok = send_bytes(line, (size_t)n) && expect(line, (size_t)n) &&
		    send_bytes("\r", 1);
	}
	free(line);
	fclose(f);
	return ok;
}

static bool
run_step(char *line)
{
	char	*arg, *buf, *tok;
	size_t	 len;
	bool	 ok;
	int	 sig;

	line[strcspn(line, "\n")] = '\0';
	if (line[0] == '#' || line[0] == '\0')
		return true;
	arg = strchr(line, ' ');
	if (arg != NULL)
		*arg++ = '\0';
	else
		arg = line + strlen(line);
	if (strcmp(line, "trysend") == 0) {
		pump(0.05, false);
		if (master < 0 || exited)
			return true;
		buf = malloc(strlen(arg) + 1);
		len = unescape(arg, buf);
		(void)send_bytes(buf, len);
		free(buf);
		return true;
	}
	if (strcmp(line, "send") == 0 || strcmp(line, "expect") == 0) {
		buf = malloc(strlen(arg) + 1);
		len = unescape(arg, buf);
		ok = line[0] == 's' ? send_bytes(buf, len) : expect(buf, len);
		free(buf);
		return ok;
	}
	if (strcmp(line, "lines") == 0)
		return send_lines(arg);
	if (strcmp(line, "sleep") == 0)
		return sleep_ms(atol(arg));
	if (strcmp(line, "pidfile") == 0)
		return read_pidfile(arg);
	if (strcmp(line, "kill") == 0) {
		if ((sig = signal_number(arg)) < 0 || kill(target, sig) == -1) {
			fail("kill %s %ld: %s", arg, (long)target,
			    sig < 0 ? "bad signal" : strerror(errno));
			return false;
		}
		return true;
	}
	if (strcmp(line, "storm") == 0) {
		if (strcmp(arg, "off") == 0) {
			storming = false;
			return true;
		}
		storm_max_us = strtol(arg, &arg, 10);
		n_storm_sigs = 0;
		while ((tok = strtok(arg, " ")) != NULL && n_storm_sigs < 16) {
			arg = NULL;
			if ((sig = signal_number(tok)) < 0) {
				fail("%s: bad signal", tok);
				return false;
			}
			storm_sigs[n_storm_sigs++] = sig;
		}
		storming = n_storm_sigs > 0;
		next_storm = now();
		return true;
	}
	if (strcmp(line, "exit") == 0)
		return wait_exit();
	fail("unknown step: %s", line);
	return false;
}

/* The session's live processes and our own children: counts them, and
   reports and kills them when told to. */
static int
strays(bool report, bool kill_them)
{
	char		 path[64], buf[512], *p, comm[64];
	DIR		*d = opendir("/proc");
	struct dirent	*e;
	long		 pid, ppid, sid;
	int		 n = 0;
	FILE		*f;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		pid = atol(e->d_name);
		if (pid == getpid())
			continue;
		snprintf(path, sizeof path, "/proc/%ld/stat", pid);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(buf, sizeof buf, f) == NULL) {
			fclose(f);
			continue;
		}
		fclose(f);
		/* pid (comm) state ppid pgrp session */
		if ((p = strrchr(buf, ')')) == NULL)
			continue;
		snprintf(comm, sizeof comm, "%.*s",
		    (int)(p - strchr(buf, '(') - 1), strchr(buf, '(') + 1);
		if (sscanf(p + 2, "%*c %ld %*d %ld", &ppid, &sid) != 2)
			continue;
		if (p[2] == 'Z')
			continue;	/* reaped by us or by its parent */
		if (sid != child && ppid != getpid())
			continue;
		if (pid == child && !exited)
			continue;
		if (report)
			fprintf(stderr, "stray %ld %s\n", pid, comm);
		if (kill_them)
			kill((pid_t)pid, SIGKILL);
		n++;
	}
	closedir(d);
	return n;
}

static void
cleanup_and_check(bool *ok)
{
	int	rounds;

	if (!exited) {
		kill(-child, SIGKILL);
		kill(child, SIGKILL);
		for (rounds = 0; rounds < 500 && !exited; rounds++) {
			usleep(2000);
			reap();
		}
	}
	/* A process signalled just before the command exited may take a
	   moment to go. */
	for (rounds = 0; rounds < 50 && strays(false, false) > 0; rounds++) {
		usleep(10000);
		reap();
	}
	if (strays(true, true) > 0)
		*ok = false;
	for (rounds = 0; rounds < 100 && strays(false, true) > 0; rounds++) {
		usleep(10000);
		reap();
	}
	usleep(2000);
	reap();
}

static void
usage(void)
{
	fputs("usage: ptyrun [-t SECS] [-e SECS] [-o LOG] SCRIPT CMD [ARG...]\n",
	    stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct winsize	 ws = { .ws_row = 24, .ws_col = 80 };
	double		 total = 60;
	FILE		*script;
	char		*line = NULL;
	size_t		 cap = 0;
	bool		 ok = true;
	int		 c;

	while ((c = getopt(argc, argv, "+t:e:o:")) != -1) {
		switch (c) {
		case 't': total = atof(optarg); break;
		case 'e': step_secs = atof(optarg); break;
		case 'o':
			if ((logf = fopen(optarg, "we")) == NULL) {
				perror(optarg);
				return 2;
			}
			break;
		default: usage();
		}
	}
	if (argc - optind < 2)
		usage();
	if ((script = fopen(argv[optind], "re")) == NULL) {
		perror(argv[optind]);
		return 2;
	}
	srandom((unsigned)getpid() ^ (unsigned)time(NULL));
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	deadline = now() + total;
	child = forkpty(&master, NULL, NULL, &ws);
	if (child == -1) {
		perror("forkpty");
		return 2;
	}
	if (child == 0) {
		setenv("TERM", "xterm", 0);
		execvp(argv[optind + 1], argv + optind + 1);
		perror(argv[optind + 1]);
		_exit(127);
	}
	target = child;
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	fcntl(master, F_SETFD, FD_CLOEXEC);
	while (ok && getline(&line, &cap, script) > 0)
		ok = run_step(line);
	if (now() > deadline) {
		fail("out of time (-t %g)", total);
		ok = false;
	}
	free(line);
	fclose(script);
	storming = false;
	if (!exited) {
		if (ok)
			fail("the script ended with the command still running");
		ok = false;
	}
	cleanup_and_check(&ok);
	if (exited) {
		if (WIFEXITED(wstatus))
			printf("status exit %d\n", WEXITSTATUS(wstatus));
		else if (WIFSIGNALED(wstatus))
			printf("status signal %d\n", WTERMSIG(wstatus));
	}
	if (signals_sent > 0)
		printf("signals %lu\n", signals_sent);
	if (!ok)
		show_tail();
	if (logf != NULL)
		fclose(logf);
	free(out);
	return ok ? 0 : 1;
}
