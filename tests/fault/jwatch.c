/*
 * jwatch: runs a shell and watches it, for the e2e and fault tests.
 *
 *   jwatch [-z FILE] [-g MS] [-s SIG,SIG...] [-u MAXUS] [-t SECS] [-ck]
 *          [-r FILE] CMD [ARG...]
 *
 * CMD inherits the descriptors (but see -c) and the process group of
 * jwatch; jwatch keeps none of its own open in it.  Its exit status is CMD's (a CMD
 * killed by a signal is re-raised, so callers see what they would have
 * seen without jwatch).
 *
 *   -z FILE   zombie watch: every 2 ms (less often when that would take
 *             more than a fifth of a CPU), the children of CMD (and of any
 *             descendant with CMD's name, such as a nested jobsh) are
 *             looked at; one that stays a zombie for MS milliseconds
 *             (-g, default 500) while its parent lives was not reaped:
 *             a line "zombie PID (COMM), child of PID (COMM)" is
 *             appended to FILE.
 *   -s, -u    signal storm: from the start until CMD exits, one of the
 *             SIGs (names or numbers), picked at random, is sent to CMD
 *             every 0..MAXUS µs (default 500); paused while CMD is
 *             traced (LeakSanitizer's check at exit attaches with ptrace
 *             and waits for a SIGSTOP that a SIGCONT would cancel).
 *   -t SECS   kills CMD and all its descendants after SECS: status 124.
 *   -c        closes every descriptor above 2 before CMD starts, so that
 *             what CMD's children hold above 2 can only come from CMD.
 *   -k        subreaper: when CMD has exited, its descendants still alive
 *             are reported as strays, killed and reaped.
 *   -r FILE   writes "signals N" and "stray PID COMM" lines to FILE.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct zombie {
	pid_t	pid;
	pid_t	parent;
	double	since;
	bool	seen;		/* in this round */
	bool	reported;
};

static pid_t		 child;
static char		 child_comm[64];
static struct zombie	*zombies;	/* the zombies of the last round */
static size_t		 n_zombies, cap_zombies;
static size_t		*slot_of;	/* by PID: index in zombies + 1 */
static long		 pid_max = 4194304;
static const char	*zombie_log;
static double		 grace = 0.5;

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
signal_number(const char *name)
{
	static const struct { const char *name; int sig; } table[] = {
		{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
		{ "TERM", SIGTERM }, { "TSTP", SIGTSTP }, { "CONT", SIGCONT },
		{ "CHLD", SIGCHLD }, { "WINCH", SIGWINCH }, { "URG", SIGURG },
		{ "USR1", SIGUSR1 }, { "USR2", SIGUSR2 }, { "PIPE", SIGPIPE },
		{ "ALRM", SIGALRM },
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

/* State, parent and name of a process; false when it is gone. */
static bool
stat_of(pid_t pid, char *state, pid_t *ppid, char *comm, size_t len)
{
	char	path[64], buf[512], *open_paren, *close_paren;
	long	pp;
	int	fd;
	ssize_t	n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return false;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (open_paren == NULL || close_paren == NULL ||
	    sscanf(close_paren + 2, "%c %ld", state, &pp) != 2)
		return false;
	*ppid = (pid_t)pp;
	if (comm != NULL)
		snprintf(comm, len, "%.*s", (int)(close_paren - open_paren - 1),
		    open_paren + 1);
	return true;
}

/* Calls fn for each child of pid, from /proc/PID/task/TID/children. */
static void
each_child(pid_t pid, void (*fn)(pid_t parent, pid_t kid, void *), void *arg)
{
	char		 path[320], *buf = NULL, *p, *end;
	size_t		 len, cap = 0;
	DIR		*d;
	struct dirent	*e;
	ssize_t		 n;
	int		 fd;

	snprintf(path, sizeof path, "/proc/%ld/task", (long)pid);
	if ((d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(path, sizeof path, "/proc/%ld/task/%s/children",
		    (long)pid, e->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
			continue;
		/* One read gives at most a page: read to the end. */
		len = 0;
		for (;;) {
			if (cap - len < 4097) {
				cap = cap ? cap * 2 : 16384;
				if ((buf = realloc(buf, cap)) == NULL)
					abort();
			}
			n = read(fd, buf + len, cap - len - 1);
			if (n <= 0)
				break;
			len += (size_t)n;
		}
		close(fd);
		if (len == 0)
			continue;
		buf[len] = '\0';
		for (p = buf;; p = end) {
			long	kid = strtol(p, &end, 10);

			if (end == p)
				break;
			fn(pid, (pid_t)kid, arg);
		}
	}
	closedir(d);
	free(buf);
}

static void
note_zombie(pid_t parent, pid_t pid, double t)
{
	size_t	i;

	if (pid <= 0 || pid > pid_max)
		return;
	if ((i = slot_of[pid]) != 0 && zombies[i - 1].parent == parent) {
		zombies[i - 1].seen = true;
		return;
	}
	if (n_zombies == cap_zombies) {
		cap_zombies = cap_zombies ? 2 * cap_zombies : 1024;
		zombies = realloc(zombies, cap_zombies * sizeof *zombies);
		if (zombies == NULL)
			abort();
	}
	slot_of[pid] = n_zombies + 1;
	zombies[n_zombies].pid = pid;
	zombies[n_zombies].parent = parent;
	zombies[n_zombies].since = t;
	zombies[n_zombies].seen = true;
	zombies[n_zombies].reported = false;
	n_zombies++;
}

static void
visit(pid_t parent, pid_t kid, void *arg)
{
	char	state, comm[64];
	pid_t	ppid;

	if (!stat_of(kid, &state, &ppid, comm, sizeof comm) || ppid != parent)
		return;
	if (state == 'Z')
		note_zombie(parent, kid, *(double *)arg);
	else if (strcmp(comm, child_comm) == 0)
		each_child(kid, visit, arg);
}

static void
zombie_round(void)
{
	double	t = now();
	size_t	i, j;
	char	pcomm[64], zcomm[64], state;
	pid_t	ppid;
	FILE	*f;

	for (i = 0; i < n_zombies; i++)
		zombies[i].seen = false;
	each_child(child, visit, &t);
	for (i = j = 0; i < n_zombies; i++) {
		if (!zombies[i].seen) {
			slot_of[zombies[i].pid] = 0;
			continue;
		}
		if (!zombies[i].reported && t - zombies[i].since >= grace) {
			zombies[i].reported = true;
			if (!stat_of(zombies[i].pid, &state, &ppid, zcomm,
			    sizeof zcomm))
				strcpy(zcomm, "?");
			if (!stat_of(zombies[i].parent, &state, &ppid, pcomm,
			    sizeof pcomm))
				strcpy(pcomm, "?");
			if ((f = fopen(zombie_log, "ae")) != NULL) {
				fprintf(f, "zombie %ld (%s), child of %ld (%s), "
				    "not reaped for %.0f ms\n",
				    (long)zombies[i].pid, zcomm,
				    (long)zombies[i].parent, pcomm,
				    (t - zombies[i].since) * 1000);
				fclose(f);
			}
		}
		zombies[j++] = zombies[i];
	}
	n_zombies = j;
	/* Gone ones are no longer found; the others moved. */
	for (i = 0; i < n_zombies; i++)
		slot_of[zombies[i].pid] = i + 1;
}

/* Our children other than CMD (adopted, as subreaper): live ones. */
struct sweep {
	FILE	*report;
	bool	 kill_them;
	int	 n;
};

static void
sweep_one(pid_t parent, pid_t kid, void *arg)
{
	struct sweep	*s = arg;
	char		 state, comm[64];
	pid_t		 ppid;

	(void)parent;
	if (kid == child || !stat_of(kid, &state, &ppid, comm, sizeof comm) ||
	    state == 'Z')
		return;
	s->n++;
	if (s->report != NULL)
		fprintf(s->report, "stray %ld %s\n", (long)kid, comm);
	if (s->kill_them) {
		kill(kid, SIGCONT);
		kill(kid, SIGKILL);
	}
}

static int
sweep(FILE *report, bool kill_them)
{
	struct sweep	s = { report, kill_them, 0 };

	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	each_child(getpid(), sweep_one, &s);
	return s.n;
}

/* Whether the process whose /proc/PID/status is open on fd has a
   tracer. */
static bool
traced(int status_fd)
{
	char		 buf[4096];
	ssize_t		 n;
	const char	*t;

	if (status_fd == -1 ||
	    (n = pread(status_fd, buf, sizeof buf - 1, 0)) <= 0)
		return false;
	buf[n] = '\0';
	t = strstr(buf, "\nTracerPid:");
	return t != NULL && atoi(t + strlen("\nTracerPid:")) != 0;
}

/* All descendants of pid, depth first, with SIGKILL. */
static void
kill_tree_one(pid_t parent, pid_t kid, void *arg)
{
	(void)parent;
	(void)arg;
	kill(kid, SIGSTOP);
	each_child(kid, kill_tree_one, NULL);
	kill(kid, SIGKILL);
}

int
main(int argc, char **argv)
{
	int		 storm_sigs[16], n_storm = 0, c, st = 0, sig;
	int		 status_fd = -1;
	long		 max_us = 500;
	double		 timeout = 0, start, next_storm, next_zombie;
	unsigned long	 sent = 0;
	const char	*report_path = NULL;
	bool		 subreaper = false, timed_out = false, done = false;
	bool		 close_fds = false;
	char		*tok;
	FILE		*report = NULL;
	int		 rounds;

	while ((c = getopt(argc, argv, "+z:g:s:u:t:ckr:")) != -1) {
		switch (c) {
		case 'z': zombie_log = optarg; break;
		case 'g': grace = atof(optarg) / 1000; break;
		case 's':
			for (tok = strtok(optarg, ","); tok != NULL &&
			    n_storm < 16; tok = strtok(NULL, ",")) {
				if ((sig = signal_number(tok)) <= 0) {
					fprintf(stderr, "jwatch: %s: bad "
					    "signal\n", tok);
					return 2;
				}
				storm_sigs[n_storm++] = sig;
			}
			break;
		case 'u': max_us = atol(optarg); break;
		case 't': timeout = atof(optarg); break;
		case 'c': close_fds = true; break;
		case 'k': subreaper = true; break;
		case 'r': report_path = optarg; break;
		default:
			fputs("usage: jwatch [-z FILE] [-g MS] [-s SIGS] "
			    "[-u MAXUS] [-t SECS] [-ck] [-r FILE] CMD...\n",
			    stderr);
			return 2;
		}
	}
	if (optind >= argc)
		return 2;
	if (subreaper)
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (zombie_log != NULL) {
		FILE	*f = fopen("/proc/sys/kernel/pid_max", "re");

		if (f != NULL) {
			if (fscanf(f, "%ld", &pid_max) != 1)
				pid_max = 4194304;
			fclose(f);
		}
		if ((slot_of = calloc((size_t)pid_max + 1,
		    sizeof *slot_of)) == NULL) {
			perror("jwatch");
			return 2;
		}
	}
	srandom((unsigned)getpid() ^ (unsigned)time(NULL));
	if ((child = fork()) == -1) {
		perror("jwatch: fork");
		return 126;
	}
	if (child == 0) {
		if (close_fds)
			close_range(3, ~0U, 0);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "jwatch: %s: %s\n", argv[optind],
		    strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	/* The name CMD will have once it has exec'd. */
	tok = strrchr(argv[optind], '/');
	snprintf(child_comm, 16, "%s", tok ? tok + 1 : argv[optind]);
	if (n_storm > 0) {
		char	path[64];

		snprintf(path, sizeof path, "/proc/%d/status", (int)child);
		status_fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	start = next_storm = next_zombie = now();
	while (!done) {
		double		t = now(), wake = t + 0.002;
		struct timespec	ts;
		pid_t		pid;

		while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
			if (pid == child)
				done = true;
		if (done)
			break;
		if (timeout > 0 && t - start > timeout) {
			timed_out = true;
			each_child(child, kill_tree_one, NULL);
			kill(child, SIGKILL);
			waitpid(child, &st, 0);
			break;
		}
		if (zombie_log != NULL && t >= next_zombie) {
			double	took;

			zombie_round();
			/* Every 2 ms, but never more than a fifth of a CPU. */
			took = now() - t;
			next_zombie = t + (took * 5 > 0.002 ? took * 5 : 0.002);
		}
		if (n_storm > 0) {
			if (t >= next_storm && !traced(status_fd)) {
				if (kill(child, storm_sigs[random() %
				    n_storm]) == 0)
					sent++;
				next_storm = t + (double)(random() %
				    (max_us + 1)) / 1e6;
			}
			if (next_storm < wake)
				wake = next_storm;
		}
		if (wake > t) {
			ts.tv_sec = 0;
			ts.tv_nsec = (long)((wake - t) * 1e9);
			nanosleep(&ts, NULL);
		}
	}
	if (report_path != NULL &&
	    (report = fopen(report_path, "we")) != NULL)
		fprintf(report, "signals %lu\n", sent);
	if (subreaper) {
		/* A process signalled as CMD exited may take a moment. */
		for (rounds = 0; rounds < 50 && sweep(NULL, false) > 0;
		    rounds++)
			usleep(10000);
		sweep(report, true);
		for (rounds = 0; rounds < 200 && sweep(NULL, true) > 0;
		    rounds++)
			usleep(5000);
		sweep(NULL, false);
	}
	if (report != NULL)
		fclose(report);
	if (timed_out)
		return 124;
	if (WIFSIGNALED(st)) {
		sig = WTERMSIG(st);
		signal(sig, SIG_DFL);
		raise(sig);
		return 128 + sig;
	}
	return WEXITSTATUS(st);
}
