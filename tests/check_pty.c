/*
 * Interactive tests: the jobsh binary ($JOBSH, default ./jobsh) on a
 * pseudo-terminal, driven by keystrokes and judged by what a user would
 * see (the screen of check_pty_term) or by what the shell leaves behind:
 * files, processes, terminal modes.
 *
 * Each shell starts in a fresh $HOME that is also its working directory,
 * with PS1 set to a fixed marker, TERM=xterm, an 80x24 window and no
 * ~/.editrc.  Tests wait for prompts, output and process states with a
 * timeout, not for a fixed time; only a check that something does NOT
 * happen (a deferred report) watches a short window after the event.
 * Background jobs that must end on cue block on a FIFO (a "gate") that
 * the test opens.  The shell leads a session of its own; when a test
 * ends, and before it reports a failure, every process of that session
 * is killed and reaped (the test is their subreaper), and the
 * descriptors and the temporary $HOME are removed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
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

#include <check.h>

#include "check_pty_term.h"
#include "check_suites.h"

#define PROMPT		"PROMPT> "
#define PROMPT_COLS	8
#define WAIT_MS		10000
#define MAX_PTYS	2
#define OUT_SIZE	8192

struct pty {
	pid_t		 pid;		/* the shell, leader of its session */
	int		 fd;		/* the master side */
	bool		 eof;
	bool		 reaped;
	int		 status;
	char		*raw;		/* everything the shell wrote */
	size_t		 len;
	size_t		 cap;
	size_t		 mark;		/* expectations search from here */
	struct term	 term;
	char		 out[OUT_SIZE];	/* rows printed by the last command */
};

static char		 home[PATH_MAX];
static char		 jobsh[PATH_MAX];
static struct pty	*ptys[MAX_PTYS];

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void
nap(int ms)
{
	struct timespec	ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* Code points in a UTF-8 string: the columns it takes here. */
static size_t
u8_columns(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* The byte offset of the n-th code point of a UTF-8 string. */
static size_t
u8_offset(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n-- == 0)
			break;
	return i;
}

/* Reads /proc/PID/stat: the command name, state, group and session. */
static bool
proc_stat(pid_t pid, char *comm, size_t size, char *state, pid_t *pgrp,
    pid_t *session)
{
	char	 path[64], buf[1024], *open_paren, *close_paren;
	int	 fd, group, sid, ppid;
	ssize_t	 n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return false;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	if ((open_paren = strchr(buf, '(')) == NULL ||
	    (close_paren = strrchr(buf, ')')) == NULL ||
	    sscanf(close_paren + 1, " %c %d %d %d", state, &ppid, &group,
	    &sid) != 4)
		return false;
	if (comm != NULL)
		snprintf(comm, size, "%.*s",
		    (int)(close_paren - open_paren - 1), open_paren + 1);
	if (pgrp != NULL)
		*pgrp = group;
	if (session != NULL)
		*session = sid;
	return true;
}

/* Records the status of a reaped shell in its pty. */
static void
note_reaped(pid_t pid, int status)
{
	int	i;

	for (i = 0; i < MAX_PTYS; i++)
		if (ptys[i] != NULL && ptys[i]->pid == pid) {
			ptys[i]->reaped = true;
			ptys[i]->status = status;
		}
}

/* Reaps whatever children have ended (orphans come to us: subreaper). */
static void
reap_children(void)
{
	pid_t	pid;
	int	status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		note_reaped(pid, status);
}

/* SIGKILLs every live process of a session; returns how many. */
static int
kill_session(pid_t sid)
{
	struct dirent	*de;
	DIR		*d;
	pid_t		 pid, s;
	char		 state;
	int		 n = 0;

	if ((d = opendir("/proc")) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if ((pid = (pid_t)atol(de->d_name)) <= 0)
			continue;
		if (proc_stat(pid, NULL, 0, &state, NULL, &s) && s == sid &&
		    state != 'Z' &&
		    state != 'X') {
			kill(pid, SIGKILL);
			n++;
		}
	}
	closedir(d);
	return n;
}

static void
pty_close(struct pty *p)
{
	long	deadline = now_ms() + 5000;
	int	i;

	if (p == NULL)
		return;
	if (p->pid > 0) {
		if (!p->reaped)
			kill(p->pid, SIGKILL);
		while (kill_session(p->pid) > 0 && now_ms() < deadline) {
			reap_children();
			nap(5);
		}
		while (!p->reaped && now_ms() < deadline) {
			reap_children();
			if (!p->reaped)
				nap(5);
		}
		reap_children();
	}
	if (p->fd >= 0)
		close(p->fd);
	for (i = 0; i < MAX_PTYS; i++)
		if (ptys[i] == p)
			ptys[i] = NULL;
	free(p->raw);
	free(p);
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void
cleanup_all(void)
{
	int	i;

	for (i = 0; i < MAX_PTYS; i++)
		pty_close(ptys[i]);
	if (home[0] != '\0')
		nftw(home, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	home[0] = '\0';
}

/* The tail of the raw output, with controls made visible. */
static void
describe_raw(const struct pty *p, char *buf, size_t size)
{
	size_t	i = p->len > 1200 ? p->len - 1200 : 0, n = 0;
	int	c;

	for (; i < p->len && n + 8 < size; i++) {
		c = (unsigned char)p->raw[i];
		if (c == '\n')
			n += (size_t)snprintf(buf + n, size - n, "\\n\n");
		else if (c == '\r')
			n += (size_t)snprintf(buf + n, size - n, "\\r");
		else if (c == 033)
			n += (size_t)snprintf(buf + n, size - n, "\\e");
		else if (c < 0x20 || c == 0x7f)
			n += (size_t)snprintf(buf + n, size - n, "\\x%02x", c);
		else
			buf[n++] = (char)c;
	}
	buf[n] = '\0';
}

/* Cleans everything up, then fails the test with the screen attached. */
static void __attribute__((format(printf, 3, 4), noreturn))
pty_fail(struct pty *p, int line, const char *fmt, ...)
{
	static char	 msg[16384];
	char		 raw[4096], *screen = NULL;
	va_list		 ap;
	int		 n;

	n = snprintf(msg, sizeof msg, "line %d: ", line);
	va_start(ap, fmt);
	n += vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	va_end(ap);
	if (p != NULL) {
		screen = term_dump(&p->term);
		describe_raw(p, raw, sizeof raw);
		snprintf(msg + n, sizeof msg - (size_t)n,
		    "\n--- screen ---\n%s--- output (tail) ---\n%s\n--- end ---",
		    screen, raw);
		free(screen);
	}
	cleanup_all();
	ck_abort_msg("%s", msg);
	abort();
}

#define FAIL(p, ...)		pty_fail((p), __LINE__, __VA_ARGS__)
#define CHECK(p, cond, ...)	do {					\
	if (!(cond))							\
		pty_fail((p), __LINE__, __VA_ARGS__);			\
} while (0)

/* Reads what the shell wrote, waiting up to ms for the first byte. */
static void
pty_pump(struct pty *p, int ms)
{
	struct pollfd	pfd = { p->fd, POLLIN, 0 };
	char		buf[4096];
	ssize_t		n;

	if (p->eof) {
		if (ms > 0)
			nap(ms);
		return;
	}
	while (poll(&pfd, 1, ms) == 1) {
		n = read(p->fd, buf, sizeof buf);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			p->eof = true;
			return;
		}
		if (p->len + (size_t)n + 1 > p->cap) {
			p->cap = (p->len + (size_t)n + 1) * 2;
			if ((p->raw = realloc(p->raw, p->cap)) == NULL)
				abort();
		}
		memcpy(p->raw + p->len, buf, (size_t)n);
		p->len += (size_t)n;
		p->raw[p->len] = '\0';
		term_feed(&p->term, buf, (size_t)n);
		ms = 0;
	}
}

typedef bool	 condition(struct pty *, const void *);

/* Reads on until cond holds; false after WAIT_MS. */
static bool
pty_wait(struct pty *p, condition *cond, const void *arg)
{
	long	deadline = now_ms() + WAIT_MS, left;

	for (;;) {
		pty_pump(p, 0);
		if (cond(p, arg))
			return true;
		if ((left = deadline - now_ms()) <= 0)
			return false;
		pty_pump(p, left < 20 ? (int)left : 20);
	}
}

static void
pty_send(struct pty *p, const char *keys)
{
	size_t	len = strlen(keys), off = 0;
	ssize_t	n;

	p->mark = p->len;
	while (off < len) {
		n = write(p->fd, keys + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		off += (size_t)n;
	}
}

static bool
raw_has(struct pty *p, const void *text)
{
	return memmem(p->raw + p->mark, p->len - p->mark, text,
	    strlen(text)) != NULL;
}

static bool
screen_has_row(struct pty *p, const void *text)
{
	return term_find_row(&p->term, text, 0) != -1;
}

static bool
screen_contains(struct pty *p, const void *text)
{
	return term_count_rows(&p->term, text) > 0;
}

/* The terminal belongs to a process group other than the shell's. */
static bool
job_has_terminal(struct pty *p, const void *arg)
{
	pid_t	pgrp = tcgetpgrp(p->fd);

	(void)arg;
	return pgrp > 0 && pgrp != p->pid;
}

/* The terminal's group holds *n processes, all past exec: their name is
   not the shell's. */
static bool
job_has_terminal_with(struct pty *p, const void *arg)
{
	const int	*want = arg;
	struct dirent	*de;
	DIR		*d;
	char		 comm[64], state;
	pid_t		 pid, pgrp, fg = tcgetpgrp(p->fd);
	int		 n = 0;
	bool		 ok = true;

	if (fg <= 0 || fg == p->pid || (d = opendir("/proc")) == NULL)
		return false;
	while ((de = readdir(d)) != NULL) {
		if ((pid = (pid_t)atol(de->d_name)) <= 0 ||
		    !proc_stat(pid, comm, sizeof comm, &state, &pgrp, NULL) ||
		    pgrp != fg)
			continue;
		n++;
		if (strstr(jobsh, comm) != NULL)
			ok = false;
	}
	closedir(d);
	return ok && n == *want;
}

static bool
shell_has_terminal(struct pty *p, const void *arg)
{
	(void)arg;
	return tcgetpgrp(p->fd) == p->pid;
}

static bool
shell_reaped(struct pty *p, const void *arg)
{
	(void)arg;
	reap_children();
	return p->reaped;
}

/* Waits for text in the output after the last keystroke; moves past it. */
static void
expect_at(struct pty *p, const char *text, int line)
{
	char	*at;

	if (!pty_wait(p, raw_has, text))
		pty_fail(p, line, "timed out waiting for \"%s\"", text);
	at = memmem(p->raw + p->mark, p->len - p->mark, text, strlen(text));
	p->mark = (size_t)(at - p->raw) + strlen(text);
}
#define EXPECT(p, text)		expect_at((p), (text), __LINE__)

static void
expect_row_at(struct pty *p, const char *text, int line)
{
	if (!pty_wait(p, screen_has_row, text))
		pty_fail(p, line, "timed out waiting for a row \"%s\"", text);
}
#define EXPECT_ROW(p, text)	expect_row_at((p), (text), __LINE__)

struct edit_state {
	const char	*text;		/* the row, after the prompt */
	int		 col;		/* of the cursor; -1: after the text */
};

static bool
editing(struct pty *p, const void *arg)
{
	const struct edit_state	*e = arg;
	char			 want[TERM_COLS * 4 + 1];
	char			 row[TERM_COLS * 4 + 1];
	int			 col = e->col;
	size_t			 len;

	snprintf(want, sizeof want, "%s%s", PROMPT, e->text);
	if (col < 0)
		col = (int)u8_columns(want);
	/* Rows are compared without their trailing blanks. */
	for (len = strlen(want); len > 0 && want[len - 1] == ' '; len--)
		want[len - 1] = '\0';
	term_row(&p->term, p->term.row, row, sizeof row);
	return strcmp(row, want) == 0 && p->term.col == col;
}

/* Waits until the cursor's row is the prompt and text, the cursor at col. */
static void
expect_editing_at(struct pty *p, const char *text, int col, int line)
{
	struct edit_state	e = { text, col };

	if (!pty_wait(p, editing, &e) && col < 0)
		pty_fail(p, line, "timed out waiting for the line \"%s%s\" "
		    "with the cursor at its end", PROMPT, text);
	if (!editing(p, &e))
		pty_fail(p, line, "timed out waiting for the line \"%s%s\" "
		    "with the cursor at column %d", PROMPT, text, col);
}
#define EXPECT_EDITING(p, text)	expect_editing_at((p), (text), -1, __LINE__)

/* Collects the rows between abs_first and the cursor's row into p->out. */
static void
collect_output(struct pty *p, long abs_first)
{
	char	row[TERM_COLS * 4 + 1];
	long	abs, cursor = p->term.row + p->term.scrolled;
	size_t	n = 0;

	p->out[0] = '\0';
	for (abs = abs_first; abs < cursor; abs++) {
		if (abs - p->term.scrolled < 0)
			continue;
		term_row(&p->term, (int)(abs - p->term.scrolled), row,
		    sizeof row);
		n += (size_t)snprintf(p->out + n, sizeof p->out - n, "%s%s",
		    n > 0 || abs > abs_first ? "\n" : "", row);
		if (n >= sizeof p->out)
			break;
	}
}

/* Presses Enter on the line being edited (one row, cursor at its end),
   waits for the next prompt, and keeps the rows printed in between. */
static void
enter_at(struct pty *p, int line)
{
	long	first = p->term.row + p->term.scrolled + 1;

	pty_send(p, "\r");
	expect_at(p, PROMPT, line);
	collect_output(p, first);
}
#define ENTER(p)		enter_at((p), __LINE__)

/* Types a command and Enter; waits for the next prompt. */
static void
run_at(struct pty *p, const char *command, int line)
{
	long	first = p->term.row + p->term.scrolled + 1 +
	    (long)(PROMPT_COLS + u8_columns(command)) / TERM_COLS;
	char	keys[1024];

	snprintf(keys, sizeof keys, "%s\r", command);
	pty_send(p, keys);
	expect_at(p, PROMPT, line);
	collect_output(p, first);
}
#define RUN(p, command)		run_at((p), (command), __LINE__)

/* The last command printed exactly text. */
#define OUTPUT_IS(p, text)	do {					\
	if (strcmp((p)->out, (text)) != 0)				\
		pty_fail((p), __LINE__, "output \"%s\", expected \"%s\"", \
		    (p)->out, (text));					\
} while (0)

/* The bash-style job line: [1]+  Stopped                 cmd */
static const char *
job_row(int n, char mark, const char *state, const char *text)
{
	static char	buf[4][256];
	static int	next;
	char		*b = buf[next++ % 4];

	snprintf(b, sizeof buf[0], "[%d]%c  %-24s%s", n, mark, state, text);
	return b;
}

/* The PID in the "[n] PID" line that `cmd &` printed. */
static pid_t
bg_pid_at(struct pty *p, int line)
{
	int	n;
	long	pid;

	if (sscanf(p->out, "[%d] %ld", &n, &pid) != 2 || pid <= 0)
		pty_fail(p, line, "no \"[n] PID\" line in \"%s\"", p->out);
	return (pid_t)pid;
}
#define BG_PID(p)		bg_pid_at((p), __LINE__)

static char *
home_path(const char *name)
{
	static char	path[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/%s", home, name);
	return path;
}

static void
write_file(const char *name, const char *text)
{
	FILE	*f = fopen(home_path(name), "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A file in $HOME, or NULL; the caller frees it. */
static char *
read_file(const char *name)
{
	FILE	*f = fopen(home_path(name), "r");
	char	*buf;
	size_t	 n;

	if (f == NULL)
		return NULL;
	if ((buf = calloc(1, 65536)) == NULL)
		abort();
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static bool
file_exists(struct pty *p, const void *name)
{
	(void)p;
	return access(home_path(name), F_OK) == 0;
}

/* Whether a whitespace-separated word occurs in text. */
static bool
has_word(const char *text, const char *word)
{
	const char	*p = text;
	size_t		 len = strlen(word);

	while ((p = strstr(p, word)) != NULL) {
		if ((p == text || strchr(" \t\n;", p[-1]) != NULL) &&
		    (p[len] == '\0' || strchr(" \t\n;", p[len]) != NULL))
			return true;
		p += len;
	}
	return false;
}

/*
 * Starts argv (default: $JOBSH --norc) on a new 80x24 pty.  env holds
 * NAME=value entries that replace or add to the defaults, and bare NAMEs
 * that remove one.
 */
static struct pty *
pty_start_with(const char *const *argv, const char *const *env, int line)
{
	static const char *const	 norc[] = { jobsh, "--norc", NULL };
	struct winsize			 ws = { TERM_ROWS, TERM_COLS, 0, 0 };
	struct pty			*p;
	char				 vars[16][PATH_MAX + 32];
	char				*envp[17];
	const char			*name_end;
	sigset_t			 none;
	size_t				 n = 0, i, j, len;
	int				 slot;

	snprintf(vars[n++], sizeof vars[0], "HOME=%s", home);
	snprintf(vars[n++], sizeof vars[0], "PATH=/usr/bin:/bin");
	snprintf(vars[n++], sizeof vars[0], "TERM=xterm");
	snprintf(vars[n++], sizeof vars[0], "PS1=%s", PROMPT);
	snprintf(vars[n++], sizeof vars[0], "EDITRC=%s/no-editrc", home);
	snprintf(vars[n++], sizeof vars[0], "JOBSH=%s", jobsh);
	for (i = 0; env != NULL && env[i] != NULL; i++) {
		name_end = strchr(env[i], '=');
		len = name_end != NULL ? (size_t)(name_end - env[i]) :
		    strlen(env[i]);
		for (j = 0; j < n; j++)
			if (strncmp(vars[j], env[i], len) == 0 &&
			    vars[j][len] == '=')
				break;
		if (name_end == NULL) {
			if (j < n)
				memmove(vars[j], vars[j + 1],
				    (n - j - 1) * sizeof vars[0]), n--;
			continue;
		}
		snprintf(vars[j], sizeof vars[0], "%s", env[i]);
		if (j == n)
			n++;
	}
	for (i = 0; i < n; i++)
		envp[i] = vars[i];
	envp[n] = NULL;
	if (argv == NULL)
		argv = norc;

	for (slot = 0; slot < MAX_PTYS && ptys[slot] != NULL; slot++)
		;
	if (slot == MAX_PTYS)
		pty_fail(NULL, line, "too many ptys");
	if ((p = calloc(1, sizeof *p)) == NULL)
		abort();
	p->fd = -1;
	p->cap = 4096;
	if ((p->raw = calloc(1, p->cap)) == NULL)
		abort();
	term_init(&p->term);
	ptys[slot] = p;
	fflush(NULL);
	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid == -1)
		pty_fail(NULL, line, "forkpty: %s", strerror(errno));
	if (p->pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		for (i = 1; i < NSIG; i++)
			signal((int)i, SIG_DFL);
		if (chdir(home) == -1)
			_exit(126);
		execve(argv[0], (char *const *)argv, envp);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	fcntl(p->fd, F_SETFD, FD_CLOEXEC);
	return p;
}

/* Starts $JOBSH --norc and waits for its first prompt. */
static struct pty *
pty_start_at(int line)
{
	struct pty	*p = pty_start_with(NULL, NULL, line);

	expect_at(p, PROMPT, line);
	return p;
}
#define START()			pty_start_at(__LINE__)

/* Waits for the shell to exit; its status. */
static int
wait_exit_at(struct pty *p, int line)
{
	if (!pty_wait(p, shell_reaped, NULL))
		pty_fail(p, line, "the shell did not exit");
	return p->status;
}
#define WAIT_EXIT(p)		wait_exit_at((p), __LINE__)

/* Waits for a process to end; its wait status, or -1 if another parent
   reaped it. */
static int
wait_death_at(struct pty *p, pid_t pid, int line)
{
	long	deadline = now_ms() + WAIT_MS;
	int	status;
	pid_t	r;

	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		if (r == -1 && kill(pid, 0) == -1 && errno == ESRCH)
			return -1;
		if (now_ms() > deadline)
			pty_fail(p, line, "process %ld still alive", (long)pid);
		pty_pump(p, 10);
	}
}
#define WAIT_DEATH(p, pid)	wait_death_at((p), (pid), __LINE__)

/* Waits for a process to end, which must be by SIGHUP (or unseen: -1). */
static void
wait_hung_up_at(struct pty *p, pid_t pid, const char *what, int line)
{
	int	st = wait_death_at(p, pid, line);

	if (st != -1 && !(WIFSIGNALED(st) && WTERMSIG(st) == SIGHUP))
		pty_fail(p, line, "%s ended with status %#x, not by SIGHUP",
		    what, st);
}
#define WAIT_HUNG_UP(p, pid, what) \
	wait_hung_up_at((p), (pid), (what), __LINE__)

/* The process lives, sleeps, and has no SIGHUP pending. */
static bool
alive_and_not_hung_up(pid_t pid)
{
	char	 path[64], buf[4096], *s;
	char	 state;
	pid_t	 sid;
	FILE	*f;
	unsigned long long mask;
	bool	 pending = false;

	if (!proc_stat(pid, NULL, 0, &state, NULL, &sid) || state != 'S')
		return false;
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	while (fgets(buf, sizeof buf, f) != NULL) {
		if ((s = strchr(buf, ':')) == NULL)
			continue;
		if ((strncmp(buf, "SigPnd:", 7) == 0 ||
		    strncmp(buf, "ShdPnd:", 7) == 0) &&
		    sscanf(s + 1, "%llx", &mask) == 1 &&
		    (mask & (1ULL << (SIGHUP - 1))) != 0)
			pending = true;
	}
	fclose(f);
	return !pending;
}

static bool
process_sleeps(struct pty *p, const void *arg)
{
	const pid_t	*pid = arg;
	char		 state;

	(void)p;
	return proc_stat(*pid, NULL, 0, &state, NULL, NULL) && state == 'S';
}

/* Waits until a new process has settled into its sleep. */
static void
wait_sleeping_at(struct pty *p, pid_t pid, int line)
{
	if (!pty_wait(p, process_sleeps, &pid))
		pty_fail(p, line, "process %ld never slept", (long)pid);
}
#define WAIT_SLEEPING(p, pid)	wait_sleeping_at((p), (pid), __LINE__)

/* Makes a FIFO in $HOME; `cat NAME` blocks on it until open_gate. */
static void
make_gate(const char *name)
{
	ck_assert_int_eq(mkfifo(home_path(name), 0600), 0);
}

/* Opens and closes the FIFO's writing end, once its reader is there. */
static void
open_gate_at(struct pty *p, const char *name, int line)
{
	long	deadline = now_ms() + WAIT_MS;
	int	fd;

	while ((fd = open(home_path(name), O_WRONLY | O_NONBLOCK |
	    O_CLOEXEC)) == -1) {
		if (errno != ENXIO || now_ms() > deadline)
			pty_fail(p, line, "cannot open the gate %s: %s", name,
			    strerror(errno));
		pty_pump(p, 10);
	}
	close(fd);
}
#define OPEN_GATE(p, name)	open_gate_at((p), (name), __LINE__)

static void
setup(void)
{
	const char	*bin = getenv("JOBSH");

	if (bin == NULL || *bin == '\0')
		bin = "./jobsh";
	if (realpath(bin, jobsh) == NULL)
		ck_abort_msg("JOBSH=%s: %s", bin, strerror(errno));
	snprintf(home, sizeof home, "/tmp/jobsh-pty.XXXXXX");
	if (mkdtemp(home) == NULL)
		ck_abort_msg("mkdtemp: %s", strerror(errno));
	/* Orphaned jobs come to us, so that we can see how they ended. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGPIPE, SIG_IGN);
}

static void
teardown(void)
{
	cleanup_all();
}

/* ---- 1. Prompt, commands, status ---- */

START_TEST(test_a_command_runs_at_the_prompt_and_sets_status)
{
	struct pty	*p = START();

	RUN(p, "echo hello world");
	OUTPUT_IS(p, "hello world");
	RUN(p, "/bin/echo external");
	OUTPUT_IS(p, "external");
	RUN(p, "false");
	OUTPUT_IS(p, "");
	RUN(p, "echo $?");
	OUTPUT_IS(p, "1");
	RUN(p, "sh -c 'exit 7'");
	RUN(p, "echo $?");
	OUTPUT_IS(p, "7");
	RUN(p, "nosuchcommand-xyz");
	OUTPUT_IS(p, "jobsh: nosuchcommand-xyz: command not found");
	RUN(p, "echo $?");
	OUTPUT_IS(p, "127");
	pty_close(p);
}
END_TEST

START_TEST(test_the_default_prompt_shows_the_directory_and_jobs)
{
	static const char *const	 env[] = { "PS1", NULL };
	struct pty			*p = pty_start_with(NULL, env, __LINE__);
	char				 want[64];
	char				 sign = geteuid() == 0 ? '#' : '$';

	snprintf(want, sizeof want, "~%c ", sign);
	EXPECT(p, want);
	pty_send(p, "sleep 10 &\r");
	snprintf(want, sizeof want, "~ [1]%c ", sign);
	EXPECT(p, want);
	pty_send(p, "mkdir sub; cd sub\r");
	snprintf(want, sizeof want, "~/sub [1]%c ", sign);
	EXPECT(p, want);
	pty_close(p);
}
END_TEST

/* ---- 2. Notifications over a half-typed line ---- */

struct notified {
	const char	*rows[3];	/* consecutive rows, the last edited */
	int		 col;		/* the cursor's column on the last */
};

/* The rows appear in this order at the bottom of the text, the cursor
   on the last of them, nothing below. */
static bool
shows_at_bottom(struct pty *p, const void *arg)
{
	const struct notified	*n = arg;
	int			 i, k = 0, last = term_last_row(&p->term);

	while (k < 3 && n->rows[k] != NULL)
		k++;
	for (i = 0; i < k; i++)
		if (term_find_row(&p->term, n->rows[i], last - k + 1 + i) !=
		    last - k + 1 + i)
			return false;
	return p->term.row == last && p->term.col == n->col;
}

START_TEST(test_a_notification_redraws_the_half_typed_line)
{
	struct pty	*p = START();
	struct notified	 n1 = { { job_row(2, '+', "Done", "sleep 1"),
			    PROMPT "echo abc", NULL }, 16 };
	struct notified	 n2 = { { job_row(1, '+', "Done", "cat gate"),
			    PROMPT "echo abc", NULL }, 16 };

	make_gate("gate");
	RUN(p, "cat gate &");
	RUN(p, "sleep 1 &");
	pty_send(p, "echo abc");
	EXPECT_EDITING(p, "echo abc");
	CHECK(p, !screen_contains(p, "Done"),
	    "the timer ended before the line was typed: inconclusive");
	/* The builtin timer ends while the line is half typed. */
	if (!pty_wait(p, shows_at_bottom, &n1))
		FAIL(p, "no report of the timer above the redrawn line");
	CHECK(p, term_count_rows(&p->term, "echo abc") == 1,
	    "the half-typed line is shown twice");
	/* Then a process ends, over the same line. */
	OPEN_GATE(p, "gate");
	if (!pty_wait(p, shows_at_bottom, &n2))
		FAIL(p, "no report of the process above the redrawn line");
	CHECK(p, term_count_rows(&p->term, "echo abc") == 1,
	    "the half-typed line is shown twice");
	CHECK(p, term_count_rows(&p->term, "Done") == 2,
	    "each job is reported once");
	pty_send(p, "def");
	EXPECT_EDITING(p, "echo abcdef");
	ENTER(p);
	OUTPUT_IS(p, "abcdef");
	pty_close(p);
}
END_TEST

struct wrapped {
	const char	*report;
	const char	*rows[3];	/* up to three; NULL ends */
	int		 cursor_row;	/* among them */
	int		 cursor_col;
};

/* The report, then the rows of the line, nothing below; the cursor in
   its place. */
static bool
shows_wrapped(struct pty *p, const void *arg)
{
	const struct wrapped	*w = arg;
	int			 r, i;

	if ((r = term_find_row(&p->term, w->report, 0)) == -1)
		return false;
	for (i = 0; i < 3 && w->rows[i] != NULL; i++)
		if (term_find_row(&p->term, w->rows[i], r + 1 + i) !=
		    r + 1 + i)
			return false;
	return term_last_row(&p->term) == r + i &&
	    p->term.row == r + 1 + w->cursor_row &&
	    p->term.col == w->cursor_col;
}

START_TEST(test_a_notification_keeps_a_wrapped_line_and_its_cursor)
{
	struct pty	*p = START();
	char		 text[160], line[200], rows[3][TERM_COLS + 1];
	char		 want[200], got[OUT_SIZE], *s, *d;
	struct wrapped	 w;
	size_t		 i;

	/* 150 characters that tell where any piece came from. */
	for (i = 0; i < 30; i++)
		snprintf(text + 5 * i, sizeof text - 5 * i, "w%03zu-", i);
	snprintf(line, sizeof line, "echo %s", text);
	/* The prompt and the line take 163 columns: rows of 80, 80, 3. */
	snprintf(rows[0], sizeof rows[0], "%s%.*s", PROMPT,
	    TERM_COLS - PROMPT_COLS, line);
	snprintf(rows[1], sizeof rows[1], "%.*s", TERM_COLS,
	    line + TERM_COLS - PROMPT_COLS);
	snprintf(rows[2], sizeof rows[2], "%s",
	    line + 2 * TERM_COLS - PROMPT_COLS);

	make_gate("gate1");
	make_gate("gate2");
	RUN(p, "cat gate1 &");
	RUN(p, "cat gate2 &");
	pty_send(p, line);
	EXPECT_ROW(p, rows[2]);
	w.rows[0] = rows[0];
	w.rows[1] = rows[1];
	w.rows[2] = rows[2];
	/* A report while the cursor is at the end, two rows down. */
	OPEN_GATE(p, "gate1");
	w.report = job_row(1, '-', "Done", "cat gate1");
	w.cursor_row = 2;
	w.cursor_col = (int)strlen(rows[2]);
	if (!pty_wait(p, shows_wrapped, &w))
		FAIL(p, "the report and the intact line, cursor at its end, "
		    "never showed");
	CHECK(p, term_count_rows(&p->term, "w000-") == 1,
	    "a copy of the line's first row was left behind");
	/* Another while the cursor is back in the first row, after "echo ". */
	pty_send(p, "\001\033[C\033[C\033[C\033[C\033[C");
	expect_editing_at(p, rows[0] + PROMPT_COLS, PROMPT_COLS + 5,
	    __LINE__);
	OPEN_GATE(p, "gate2");
	w.report = job_row(2, '+', "Done", "cat gate2");
	w.cursor_row = 0;
	w.cursor_col = PROMPT_COLS + 5;
	if (!pty_wait(p, shows_wrapped, &w))
		FAIL(p, "the report and the intact line, cursor after "
		    "\"echo \", never showed");
	CHECK(p, term_count_rows(&p->term, "w000-") == 1,
	    "a copy of the line's first row was left behind");
	/* Typing goes where the cursor is; Enter runs the whole line. */
	snprintf(line, sizeof line, "echo Q%s", text);
	snprintf(rows[0], sizeof rows[0], "%s%.*s", PROMPT,
	    TERM_COLS - PROMPT_COLS, line);
	snprintf(rows[1], sizeof rows[1], "%.*s", TERM_COLS,
	    line + TERM_COLS - PROMPT_COLS);
	snprintf(rows[2], sizeof rows[2], "%s",
	    line + 2 * TERM_COLS - PROMPT_COLS);
	w.cursor_row = 2;
	w.cursor_col = (int)strlen(rows[2]);
	pty_send(p, "Q\005");
	if (!pty_wait(p, shows_wrapped, &w))
		FAIL(p, "Q was not inserted after \"echo \"");
	ENTER(p);
	/* The output wraps too: join its rows. */
	for (s = p->out, d = got; *s != '\0'; s++)
		if (*s != '\n')
			*d++ = *s;
	*d = '\0';
	snprintf(want, sizeof want, "Q%s", text);
	CHECK(p, strcmp(got, want) == 0, "ran \"%s\", typed \"%s\"", got,
	    want);
	pty_close(p);
}
END_TEST

START_TEST(test_set_notify_off_defers_reports_to_the_next_prompt)
{
	struct pty	*p = START();
	pid_t		 pid;

	make_gate("gate");
	RUN(p, "set +o notify");
	RUN(p, "cat gate &");
	pid = BG_PID(p);
	pty_send(p, "echo abc");
	EXPECT_EDITING(p, "echo abc");
	OPEN_GATE(p, "gate");
	/* Reaped by the shell: a report would be printed in this turn. */
	while (kill(pid, 0) == 0)
		pty_pump(p, 10);
	pty_pump(p, 300);
	CHECK(p, !screen_contains(p, "Done"), "reported while typing");
	EXPECT_EDITING(p, "echo abc");
	ENTER(p);
	OUTPUT_IS(p, "abc\n[1]+  Done                    cat gate");
	/* And set -o notify brings immediate reports back. */
	RUN(p, "set -o notify");
	RUN(p, "sleep 0.2 &");
	pty_send(p, "echo x");
	EXPECT_ROW(p, job_row(1, '+', "Done", "sleep 0.2"));
	EXPECT_EDITING(p, "echo x");
	pty_close(p);
}
END_TEST

/* ---- 4. Ctrl-Z, bg, fg, Ctrl-C ---- */

/* Runs cmd (one process) in the foreground and stops it with ^Z: it is
   reported as job 1, current, and the prompt is back. */
static void
stop_in_foreground_at(struct pty *p, const char *cmd, int line)
{
	char	typed[256];

	snprintf(typed, sizeof typed, "%s\r", cmd);
	pty_send(p, typed);
	if (!pty_wait(p, job_has_terminal, NULL))
		pty_fail(p, line, "the job never got the terminal");
	pty_send(p, "\032");
	expect_row_at(p, job_row(1, '+', "Stopped", cmd), line);
	expect_at(p, PROMPT, line);
}
#define STOP_IN_FOREGROUND(p, cmd) \
	stop_in_foreground_at((p), (cmd), __LINE__)

START_TEST(test_ctrl_z_stops_an_external_job_that_bg_and_fg_resume)
{
	struct pty	*p = START();

	STOP_IN_FOREGROUND(p, "/bin/sleep 30");
	CHECK(p, shell_has_terminal(p, NULL), "the shell has no terminal");
	RUN(p, "echo $?");
	OUTPUT_IS(p, "148");
	RUN(p, "wait %1; echo st=$?");
	OUTPUT_IS(p, "jobsh: wait: %1: job is stopped\nst=148");
	RUN(p, "jobs");
	OUTPUT_IS(p, job_row(1, '+', "Stopped", "/bin/sleep 30"));
	RUN(p, "bg");
	OUTPUT_IS(p, "[1]+ /bin/sleep 30 &");
	RUN(p, "jobs");
	OUTPUT_IS(p, job_row(1, '+', "Running", "/bin/sleep 30 &"));
	pty_send(p, "fg\r");
	EXPECT(p, "\n/bin/sleep 30\r\n");
	if (!pty_wait(p, job_has_terminal, NULL))
		FAIL(p, "fg did not give the job the terminal");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);
	RUN(p, "echo $?");
	OUTPUT_IS(p, "130");
	RUN(p, "jobs");
	OUTPUT_IS(p, "");
	pty_close(p);
}
END_TEST

START_TEST(test_ctrl_z_stops_the_builtin_sleep_that_bg_and_fg_resume)
{
	struct pty	*p = START();

	pty_send(p, "sleep 30\r");
	EXPECT(p, "\n");
	pty_send(p, "\032");
	EXPECT(p, PROMPT);
	EXPECT_ROW(p, job_row(1, '+', "Stopped", "sleep 30"));
	RUN(p, "echo $?");
	OUTPUT_IS(p, "148");
	RUN(p, "wait -n %1; echo st=$?");
	OUTPUT_IS(p, "jobsh: wait: %1: job is stopped\nst=148");
	RUN(p, "jobs");
	OUTPUT_IS(p, job_row(1, '+', "Stopped", "sleep 30"));
	RUN(p, "jobs -p");
	CHECK(p, atol(p->out) > 0, "jobs -p gave %s", p->out);
	RUN(p, "bg");
	OUTPUT_IS(p, "[1]+ sleep 30 &");
	RUN(p, "jobs");
	OUTPUT_IS(p, job_row(1, '+', "Running", "sleep 30 &"));
	pty_send(p, "fg\r");
	EXPECT(p, "\nsleep 30\r\n");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);
	RUN(p, "echo $?");
	OUTPUT_IS(p, "130");
	RUN(p, "jobs");
	OUTPUT_IS(p, "");
	pty_close(p);
}
END_TEST

START_TEST(test_a_job_stopped_in_the_foreground_reports_its_end)
{
	struct pty	*p = START();

	STOP_IN_FOREGROUND(p, "/bin/sleep 30");
	pty_send(p, "kill %1\r");
	EXPECT_ROW(p, job_row(1, '+', "Terminated", "/bin/sleep 30"));
	RUN(p, "jobs");
	OUTPUT_IS(p, "");
	STOP_IN_FOREGROUND(p, "/bin/sleep 1");
	pty_send(p, "kill -CONT %1\r");
	EXPECT_ROW(p, job_row(1, '+', "Done", "/bin/sleep 1"));
	RUN(p, "jobs");
	OUTPUT_IS(p, "");
	pty_close(p);
}
END_TEST

START_TEST(test_a_background_builtin_that_ends_at_once_is_reported)
{
	struct pty	*p = START();

	pty_send(p, "false &\r");
	EXPECT_ROW(p, job_row(1, '+', "Exit 1", "false"));
	EXPECT(p, PROMPT);
	RUN(p, "jobs");
	OUTPUT_IS(p, "");
	pty_close(p);
}
END_TEST

START_TEST(test_fg_in_a_background_job_leaves_the_terminal_to_the_shell)
{
	struct pty	*p = START();

	pty_send(p, "/bin/sleep 30 &\r");
	EXPECT(p, PROMPT);
	pty_send(p, "fg %1 &\r");
	EXPECT(p, "\n/bin/sleep 30\r\n");
	EXPECT(p, PROMPT);
	CHECK(p, shell_has_terminal(p, NULL), "the shell has no terminal");
	RUN(p, "echo alive");
	OUTPUT_IS(p, "alive");
	RUN(p, "jobs");
	OUTPUT_IS(p, "[1]-  Running                 /bin/sleep 30 &\n"
	    "[2]+  Running                 fg %1 &");
	pty_send(p, "kill %1\r");
	EXPECT_ROW(p, job_row(2, '+', "Exit 143", "fg %1"));
	RUN(p, "jobs");
	OUTPUT_IS(p, "");
	pty_close(p);
}
END_TEST

START_TEST(test_ctrl_backslash_quits_a_builtin_sleep)
{
	struct pty	*p = START();

	pty_send(p, "sleep 30; echo after $?\r");
	EXPECT(p, "\n");
	pty_pump(p, 200);	/* the line runs; no job-start event to wait on */
	pty_send(p, "\034");
	EXPECT(p, "after 131");
	EXPECT(p, PROMPT);
	pty_send(p, "\034");
	RUN(p, "echo alive");
	OUTPUT_IS(p, "alive");
	pty_close(p);
}
END_TEST

START_TEST(test_ctrl_z_at_the_prompt_is_ignored)
{
	struct pty	*p = START();

	pty_send(p, "echo kept");
	EXPECT_EDITING(p, "echo kept");
	pty_send(p, "\032\034");
	pty_send(p, " too");
	EXPECT_EDITING(p, "echo kept too");
	ENTER(p);
	OUTPUT_IS(p, "kept too");
	pty_close(p);
}
END_TEST

/* ---- 5. Ctrl-C ---- */

START_TEST(test_ctrl_c_at_the_prompt_discards_the_line)
{
	struct pty	*p = START();

	pty_send(p, "echo notrun");
	EXPECT_EDITING(p, "echo notrun");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);
	EXPECT_EDITING(p, "");
	RUN(p, "echo $?");
	OUTPUT_IS(p, "130");
	CHECK(p, !screen_has_row(p, "notrun"), "the discarded line ran");
	pty_close(p);
}
END_TEST

START_TEST(test_ctrl_c_interrupts_wait_but_not_the_job)
{
	struct pty	*p = START();

	RUN(p, "/bin/sleep 30 &");
	pty_send(p, "wait\r");
	EXPECT(p, "\n");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);
	RUN(p, "echo $?");
	OUTPUT_IS(p, "130");
	RUN(p, "jobs");
	OUTPUT_IS(p, job_row(1, '+', "Running", "/bin/sleep 30 &"));
	pty_close(p);
}
END_TEST

/* ---- 6. Terminal modes ---- */

START_TEST(test_a_stopped_job_gives_back_the_shell_modes)
{
	struct pty	*p = START();
	char		*s0, *s1;

	RUN(p, "stty -g > s0");
	pty_send(p, "sh -c 'stty raw -echo; kill -TSTP $$'\r");
	EXPECT(p, PROMPT);
	EXPECT_ROW(p, job_row(1, '+', "Stopped",
	    "sh -c 'stty raw -echo; kill -TSTP $$'"));
	RUN(p, "stty -g > s1");
	s0 = read_file("s0");
	s1 = read_file("s1");
	CHECK(p, s0 != NULL && s1 != NULL && strcmp(s0, s1) == 0,
	    "modes before \"%s\", after the job stopped \"%s\"", s0, s1);
	free(s0);
	free(s1);
	/* Also flags that line editing leaves alone. */
	pty_send(p, "sh -c 'stty -ixon tostop; kill -TSTP $$'\r");
	EXPECT(p, "Stopped");
	EXPECT(p, PROMPT);
	RUN(p, "stty -g > s2");
	s0 = read_file("s0");
	s1 = read_file("s2");
	CHECK(p, s0 != NULL && s1 != NULL && strcmp(s0, s1) == 0,
	    "modes before \"%s\", after the job stopped \"%s\"", s0, s1);
	free(s0);
	free(s1);
	/* Typing echoes as usual. */
	RUN(p, "echo visible");
	OUTPUT_IS(p, "visible");
	CHECK(p, screen_has_row(p, PROMPT "echo visible"), "no echo");
	pty_close(p);
}
END_TEST

START_TEST(test_fg_restores_the_modes_a_job_stopped_with)
{
	struct pty	*p = START();
	char		*j0, *j1, *s0, *s1;

	RUN(p, "stty -g > s0");
	pty_send(p, "sh -c 'stty -echo -icanon; stty -g > j0; kill -TSTP $$; "
	    "stty -g > j1; stty echo icanon'\r");
	EXPECT(p, "Stopped");
	EXPECT(p, PROMPT);
	RUN(p, "stty -g > s1");
	RUN(p, "fg");
	CHECK(p, file_exists(p, "j1"), "the job did not finish");
	j0 = read_file("j0");
	j1 = read_file("j1");
	s0 = read_file("s0");
	s1 = read_file("s1");
	CHECK(p, s0 != NULL && s1 != NULL && strcmp(s0, s1) == 0,
	    "the shell's modes \"%s\" became \"%s\"", s0, s1);
	CHECK(p, j0 != NULL && j1 != NULL && strcmp(j0, j1) == 0,
	    "the job stopped with \"%s\", resumed with \"%s\"", j0, j1);
	CHECK(p, strcmp(j0, s0) != 0, "the job did not change the modes");
	free(j0);
	free(j1);
	free(s0);
	free(s1);
	pty_close(p);
}
END_TEST

START_TEST(test_stty_in_the_foreground_persists_unless_killed)
{
	struct pty	*p = START();
	char		*m;

	RUN(p, "stty -ixon");
	RUN(p, "echo still here");
	OUTPUT_IS(p, "still here");
	RUN(p, "stty -a > m1");
	m = read_file("m1");
	CHECK(p, m != NULL && has_word(m, "-ixon"),
	    "stty -ixon did not persist: %s", m);
	free(m);
	/* A job killed by a signal may not change them. */
	RUN(p, "sh -c 'stty -echo tostop; kill -KILL $$'");
	OUTPUT_IS(p, "Killed");
	RUN(p, "stty -a > m2");
	m = read_file("m2");
	CHECK(p, m != NULL && has_word(m, "echo") && has_word(m, "-tostop") &&
	    has_word(m, "-ixon"), "the killed job's modes stayed: %s", m);
	free(m);
	/* Even those libedit sets for itself while the line is edited. */
	RUN(p, "stty -echo -icrnl");
	RUN(p, "stty -a > m3");
	m = read_file("m3");
	CHECK(p, m != NULL && has_word(m, "-echo") && has_word(m, "-icrnl"),
	    "stty -echo -icrnl did not persist: %s", m);
	free(m);
	pty_close(p);
}
END_TEST

/* ---- 7. SIGTTIN ---- */

START_TEST(test_a_background_reader_is_stopped_for_tty_input)
{
	struct pty	*p = START();

	RUN(p, "cat &");
	EXPECT_ROW(p, job_row(1, '+', "Stopped (tty input)", "cat"));
	EXPECT_EDITING(p, "");
	RUN(p, "jobs");
	OUTPUT_IS(p, job_row(1, '+', "Stopped (tty input)", "cat"));
	/* In the foreground it reads what is typed. */
	pty_send(p, "fg\r");
	EXPECT(p, "\ncat\r\n");
	if (!pty_wait(p, job_has_terminal, NULL))
		FAIL(p, "fg did not give the job the terminal");
	pty_send(p, "typed-to-cat\r");
	EXPECT(p, "typed-to-cat\r\ntyped-to-cat\r\n");
	pty_send(p, "\004");
	EXPECT(p, PROMPT);
	RUN(p, "echo $?");
	OUTPUT_IS(p, "0");
	pty_close(p);
}
END_TEST

START_TEST(test_a_background_writer_is_stopped_under_tostop)
{
	struct pty	*p = START();

	RUN(p, "stty tostop");
	RUN(p, "/bin/echo written &");
	EXPECT_ROW(p, job_row(1, '+', "Stopped (tty output)",
	    "/bin/echo written"));
	EXPECT_EDITING(p, "");
	CHECK(p, !screen_has_row(p, "written"), "the job wrote");
	RUN(p, "fg");
	OUTPUT_IS(p, "/bin/echo written\nwritten");
	RUN(p, "stty -tostop");
	pty_close(p);
}
END_TEST

START_TEST(test_reports_wait_while_a_foreground_job_runs)
{
	struct pty	*p = START();
	pid_t		 pid;

	make_gate("bg");
	make_gate("fg");
	RUN(p, "cat bg &");
	pid = BG_PID(p);
	pty_send(p, "cat fg\r");
	if (!pty_wait(p, job_has_terminal, NULL))
		FAIL(p, "the job never got the terminal");
	OPEN_GATE(p, "bg");
	while (kill(pid, 0) == 0)
		pty_pump(p, 10);
	pty_pump(p, 300);
	CHECK(p, !screen_contains(p, "Done"),
	    "reported while a foreground job had the terminal");
	OPEN_GATE(p, "fg");
	EXPECT(p, PROMPT);
	EXPECT_ROW(p, job_row(1, '+', "Done", "cat bg"));
	CHECK(p, term_find_row(&p->term, job_row(1, '+', "Done", "cat bg"),
	    0) == p->term.row - 1, "the report is not right above the prompt");
	pty_close(p);
}
END_TEST

START_TEST(test_ctrl_z_stops_a_whole_pipeline)
{
	struct pty	*p = START();
	const int	 two = 2;

	pty_send(p, "/bin/sleep 30 | /bin/cat\r");
	if (!pty_wait(p, job_has_terminal_with, &two))
		FAIL(p, "the pipeline never got the terminal");
	pty_send(p, "\032");
	EXPECT(p, PROMPT);
	EXPECT_ROW(p, job_row(1, '+', "Stopped", "/bin/sleep 30 | /bin/cat"));
	RUN(p, "jobs -l");
	CHECK(p, strstr(p->out, "| /bin/cat") != NULL,
	    "jobs -l does not list both processes: %s", p->out);
	pty_send(p, "fg\r");
	EXPECT(p, "\n/bin/sleep 30 | /bin/cat\r\n");
	if (!pty_wait(p, job_has_terminal_with, &two))
		FAIL(p, "fg did not give the job the terminal");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);
	RUN(p, "echo $?");
	OUTPUT_IS(p, "130");
	pty_close(p);
}
END_TEST

/*
 * A builtin in a foreground pipeline gets the terminal's keys: after the
 * pipeline's last process ended, and alongside a process that gets them
 * first.
 */
START_TEST(test_ctrl_z_and_ctrl_c_reach_a_builtin_in_a_pipeline)
{
	struct pty	*p = START();
	const int	 one = 1;

	pty_send(p, "sleep 30 | /bin/sleep 0.3\r");
	if (!pty_wait(p, job_has_terminal_with, &one))
		FAIL(p, "the pipeline never got the terminal");
	if (!pty_wait(p, shell_has_terminal, NULL))
		FAIL(p, "the terminal did not come back after the process");
	pty_send(p, "\032");
	EXPECT(p, PROMPT);
	EXPECT_ROW(p, job_row(1, '+', "Stopped",
	    "sleep 30 | /bin/sleep 0.3"));
	pty_send(p, "fg\r");
	EXPECT(p, "\nsleep 30 | /bin/sleep 0.3\r\n");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);
	RUN(p, "jobs");
	OUTPUT_IS(p, "");
	pty_send(p, "/bin/sleep 30 | sleep 30\r");
	if (!pty_wait(p, job_has_terminal_with, &one))
		FAIL(p, "the pipeline never got the terminal");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);
	RUN(p, "echo $?");
	OUTPUT_IS(p, "130");
	RUN(p, "jobs");
	OUTPUT_IS(p, "");
	pty_close(p);
}
END_TEST

START_TEST(test_ctrl_c_ends_a_sourced_file_and_its_line)
{
	struct pty	*p = START();
	const int	 one = 1;

	write_file("f.src", "/bin/sleep 30\necho after $?\n");
	pty_send(p, ". ./f.src; echo next\r");
	if (!pty_wait(p, job_has_terminal_with, &one))
		FAIL(p, "the sleep never got the terminal");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);
	RUN(p, "echo $?");
	OUTPUT_IS(p, "130");
	CHECK(p, memmem(p->raw, p->len, "after", 5) == NULL,
	    "the file went on after ^C");
	CHECK(p, term_find_row(&p->term, "next", 0) < 0,
	    "the line went on after ^C");
	pty_close(p);
}
END_TEST

START_TEST(test_ctrl_c_at_a_continuation_prompt_cancels_the_command)
{
	struct pty	*p = START();

	pty_send(p, "echo 'open\r");
	EXPECT(p, "> ");
	pty_send(p, "more");
	EXPECT_ROW(p, "> more");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);
	RUN(p, "echo $?");
	OUTPUT_IS(p, "130");
	CHECK(p, !screen_has_row(p, "open"), "the cancelled command ran");
	pty_close(p);
}
END_TEST

START_TEST(test_the_shell_ignores_sigterm_and_sigquit)
{
	struct pty	*p = START();

	kill(p->pid, SIGTERM);
	kill(p->pid, SIGQUIT);
	RUN(p, "echo alive");
	OUTPUT_IS(p, "alive");
	CHECK(p, !p->reaped && kill(p->pid, 0) == 0, "the shell died");
	pty_close(p);
}
END_TEST

START_TEST(test_sighup_hangs_up_the_jobs_and_leaves)
{
	struct pty	*p = START();
	pid_t		 running, stopped;

	RUN(p, "/bin/sleep 100 &");
	running = BG_PID(p);
	pty_send(p, "/bin/sleep 101\r");
	if (!pty_wait(p, job_has_terminal, NULL))
		FAIL(p, "the job never got the terminal");
	stopped = tcgetpgrp(p->fd);
	pty_send(p, "\032");
	EXPECT(p, PROMPT);
	pty_send(p, "echo not-entered");
	EXPECT_EDITING(p, "echo not-entered");
	kill(p->pid, SIGHUP);
	WAIT_EXIT(p);
	WAIT_HUNG_UP(p, running, "the running job");
	WAIT_HUNG_UP(p, stopped, "the stopped job");
	pty_close(p);
}
END_TEST

/* The foreground group holds the terminal, and it is not the shell. */
static bool
terminal_taken_from(struct pty *p, const void *arg)
{
	pid_t	pgrp = tcgetpgrp(p->fd);

	return pgrp > 0 && pgrp != *(const pid_t *)arg;
}

START_TEST(test_a_terminal_that_goes_away_ends_a_shell_under_another_leader)
{
	char		 cmd[PATH_MAX + 32];
	const char	*argv[] = { "/bin/sh", "-c", cmd, NULL };
	struct pty	*p;
	pid_t		 shell;
	long		 deadline;
	char		 state;

	/* sh is the session leader, so the hang-up signal goes to it and
	   to the foreground job, never to the shell. */
	snprintf(cmd, sizeof cmd, "%s --norc; :", jobsh);
	p = pty_start_with(argv, NULL, __LINE__);
	EXPECT(p, PROMPT);
	RUN(p, "echo $$");
	shell = (pid_t)atol(p->out);
	pty_send(p, "cat\r");
	if (!pty_wait(p, terminal_taken_from, &shell))
		FAIL(p, "cat never got the terminal");
	close(p->fd);
	p->fd = -1;
	deadline = now_ms() + WAIT_MS;
	while (proc_stat(shell, NULL, 0, &state, NULL, NULL) && state != 'Z') {
		if (now_ms() > deadline)
			FAIL(p, "the shell outlived its terminal (state %c)",
			    state);
		nap(10);
	}
	pty_close(p);
}
END_TEST

/* ---- 8. Exit with jobs ---- */

START_TEST(test_exit_with_jobs_warns_then_hangs_them_up)
{
	struct pty	*p = START();
	pid_t		 pid;

	RUN(p, "/bin/sleep 100 &");
	pid = BG_PID(p);
	RUN(p, "echo $!");
	CHECK(p, atol(p->out) == (long)pid, "$! is %s, not %ld", p->out,
	    (long)pid);
	RUN(p, "exit");
	OUTPUT_IS(p, "[1]+  Running                 /bin/sleep 100 &\n"
	    "jobsh: there are jobs; exit again to hang them up and leave");
	/* As in bash, another command in between asks again. */
	RUN(p, "echo still here");
	OUTPUT_IS(p, "still here");
	RUN(p, "exit");
	OUTPUT_IS(p, "[1]+  Running                 /bin/sleep 100 &\n"
	    "jobsh: there are jobs; exit again to hang them up and leave");
	/* jobs between does not count. */
	RUN(p, "jobs");
	OUTPUT_IS(p, "[1]+  Running                 /bin/sleep 100 &");
	pty_send(p, "exit\r");
	WAIT_EXIT(p);
	CHECK(p, WIFEXITED(p->status), "the shell did not exit normally");
	WAIT_HUNG_UP(p, pid, "the job");
	pty_close(p);
}
END_TEST

START_TEST(test_ctrl_d_with_jobs_warns_then_hangs_them_up)
{
	struct pty	*p = START();
	pid_t		 pid, stopped;

	RUN(p, "/bin/sleep 100 &");
	pid = BG_PID(p);
	pty_send(p, "/bin/sleep 101\r");
	if (!pty_wait(p, job_has_terminal, NULL))
		FAIL(p, "the job never got the terminal");
	stopped = tcgetpgrp(p->fd);
	pty_send(p, "\032");
	EXPECT(p, PROMPT);
	pty_send(p, "\004");
	EXPECT(p, "exit again");
	EXPECT(p, PROMPT);
	CHECK(p, !p->reaped && kill(p->pid, 0) == 0, "the shell left");
	CHECK(p, screen_has_row(p,
	    job_row(1, '-', "Running", "/bin/sleep 100 &")) &&
	    screen_has_row(p, job_row(2, '+', "Stopped", "/bin/sleep 101")),
	    "the jobs are not listed");
	pty_send(p, "\004");
	WAIT_EXIT(p);
	WAIT_HUNG_UP(p, pid, "the running job");
	WAIT_HUNG_UP(p, stopped, "the stopped job");
	pty_close(p);
}
END_TEST

START_TEST(test_disowned_jobs_are_not_hung_up)
{
	struct pty	*p = START();
	pid_t		 gone, exempt, hung;

	RUN(p, "/bin/sleep 100 &");
	gone = BG_PID(p);
	WAIT_SLEEPING(p, gone);
	RUN(p, "disown %1");
	RUN(p, "/bin/sleep 101 &");
	exempt = BG_PID(p);
	WAIT_SLEEPING(p, exempt);
	RUN(p, "disown -h %1");
	RUN(p, "jobs");
	OUTPUT_IS(p, job_row(1, '+', "Running", "/bin/sleep 101 &"));
	RUN(p, "/bin/sleep 102 &");
	hung = BG_PID(p);
	RUN(p, "exit");
	CHECK(p, strstr(p->out, "there are jobs") != NULL, "no warning");
	pty_send(p, "exit\r");
	WAIT_EXIT(p);
	WAIT_HUNG_UP(p, hung, "the job");
	CHECK(p, alive_and_not_hung_up(gone), "the disowned job was hung up");
	CHECK(p, alive_and_not_hung_up(exempt),
	    "the job disowned with -h was hung up");
	pty_close(p);
}
END_TEST

START_TEST(test_exit_with_only_disowned_jobs_leaves_at_once)
{
	struct pty	*p = START();
	pid_t		 kept;

	RUN(p, "/bin/sleep 100 &");
	kept = BG_PID(p);
	WAIT_SLEEPING(p, kept);
	RUN(p, "disown");
	pty_send(p, "exit\r");
	WAIT_EXIT(p);
	CHECK(p, alive_and_not_hung_up(kept), "the disowned job was hung up");
	pty_close(p);
}
END_TEST

/* ---- 9. History ---- */

START_TEST(test_history_is_kept_across_sessions)
{
	struct pty	*p = START();
	struct stat	 st;

	RUN(p, "echo first-run");
	OUTPUT_IS(p, "first-run");
	pty_send(p, "\004");
	WAIT_EXIT(p);
	pty_close(p);
	CHECK(NULL, stat(home_path(".jobsh_history"), &st) == 0,
	    "no history file");
	CHECK(NULL, (st.st_mode & 07777) == 0600,
	    "the history file has mode %04o", (unsigned)(st.st_mode & 07777));

	p = START();
	pty_send(p, "\033[A");
	EXPECT_EDITING(p, "echo first-run");
	ENTER(p);
	OUTPUT_IS(p, "first-run");
	pty_close(p);
}
END_TEST

START_TEST(test_history_skips_space_lines_and_repeats)
{
	struct pty	*p = START();
	char		*file;

	RUN(p, "echo one");
	RUN(p, " echo secret");
	OUTPUT_IS(p, "secret");
	RUN(p, "echo two");
	RUN(p, "echo two");
	RUN(p, "history");
	OUTPUT_IS(p, "    1  echo one\n    2  echo two\n    3  history");
	file = read_file(".jobsh_history");
	CHECK(p, file != NULL &&
	    strcmp(file, "echo one\necho two\nhistory\n") == 0,
	    "the history file holds \"%s\"", file);
	free(file);
	/* Up walks the same entries. */
	pty_send(p, "\033[A\033[A");
	EXPECT_EDITING(p, "echo two");
	pty_send(p, "\033[A");
	EXPECT_EDITING(p, "echo one");
	pty_close(p);
}
END_TEST

/* ---- 10. Completion ---- */

START_TEST(test_tab_completes_files_commands_jobs_and_variables)
{
	struct pty	*p = START();

	write_file("uniquefile.txt", "");
	pty_send(p, "cat uniq\t");
	EXPECT_EDITING(p, "cat uniquefile.txt ");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);

	pty_send(p, "ech\t");
	EXPECT_EDITING(p, "echo ");
	pty_send(p, "\003");
	EXPECT(p, PROMPT);

	pty_send(p, "echo $HO\t");
	EXPECT_EDITING(p, "echo $HOME ");
	ENTER(p);
	OUTPUT_IS(p, home);

	RUN(p, "/bin/sleep 30 &");
	pty_send(p, "kill %\t");
	EXPECT_EDITING(p, "kill %1 ");
	ENTER(p);
	EXPECT_ROW(p, job_row(1, '+', "Terminated", "/bin/sleep 30"));
	pty_close(p);
}
END_TEST

START_TEST(test_tab_lists_several_candidates_and_keeps_the_line)
{
	struct pty	*p = START();

	write_file("twin-a.txt", "");
	write_file("twin-b.txt", "");
	pty_send(p, "cat tw\t");
	EXPECT_EDITING(p, "cat twin-");
	pty_send(p, "\t");
	EXPECT_ROW(p, "twin-a.txt  twin-b.txt");
	EXPECT_EDITING(p, "cat twin-");
	CHECK(p, term_count_rows(&p->term, "cat twin-") == 1,
	    "the line is shown twice");
	pty_send(p, "b\t");
	EXPECT_EDITING(p, "cat twin-b.txt ");
	pty_close(p);
}
END_TEST

/* ---- 11. ~/.jobshrc ---- */

START_TEST(test_jobshrc_is_sourced_unless_norc)
{
	static const char *const	 argv_rc[] = { jobsh, NULL };
	struct pty			*p;

	write_file(".jobshrc", "RCVAR=from-rc\n");
	p = pty_start_with(argv_rc, NULL, __LINE__);
	EXPECT(p, PROMPT);
	RUN(p, "echo \"[$RCVAR]\"");
	OUTPUT_IS(p, "[from-rc]");
	pty_close(p);

	p = START();
	RUN(p, "echo \"[$RCVAR]\"");
	OUTPUT_IS(p, "[]");
	pty_close(p);
}
END_TEST

/* ---- 12. The terminal after exit ---- */

START_TEST(test_the_terminal_is_left_as_it_was_found)
{
	static const char *const	 argv[] = { "/bin/sh", "-c",
	    "stty -echo -ixon tostop; stty -g > before; \"$JOBSH\" --norc; "
	    "stty -g > after; echo wrapper-done", NULL };
	struct pty			*p;
	char				*before, *after;

	p = pty_start_with(argv, NULL, __LINE__);
	EXPECT(p, PROMPT);
	/* A job stops in raw mode, another dies in -echo, one runs. */
	pty_send(p, "sh -c 'stty raw -echo; kill -TSTP $$'\r");
	EXPECT(p, "Stopped");
	EXPECT(p, PROMPT);
	RUN(p, "sh -c 'stty -echo -icanon; kill -KILL $$'");
	RUN(p, "/bin/sleep 100 &");
	pty_send(p, "echo half-typed");
	EXPECT_EDITING(p, "echo half-typed");
	pty_send(p, "\025exit\r");
	EXPECT(p, "exit again");
	EXPECT(p, PROMPT);
	pty_send(p, "exit\r");
	EXPECT(p, "wrapper-done");
	WAIT_EXIT(p);
	before = read_file("before");
	after = read_file("after");
	CHECK(p, before != NULL && after != NULL && strcmp(before, after) == 0,
	    "modes before \"%s\", after \"%s\"", before, after);
	free(before);
	free(after);
	pty_close(p);
}
END_TEST

START_TEST(test_the_terminal_is_restored_when_the_shell_crashes)
{
	static const char *const	 argv[] = { "/bin/sh", "-c",
	    "stty -ixon tostop; stty -g > before; \"$JOBSH\" --norc; "
	    "stty -g > after; echo wrapper-done", NULL };
	struct pty			*p;
	char				*before, *after;
	pid_t				 pid;

	p = pty_start_with(argv, NULL, __LINE__);
	EXPECT(p, PROMPT);
	RUN(p, "echo $$");
	pid = (pid_t)atol(p->out);
	CHECK(p, pid > 0, "no PID");
	/* Raw mode, half a line typed, and the shell dies. */
	pty_send(p, "echo half-typed");
	EXPECT_EDITING(p, "echo half-typed");
	kill(pid, SIGSEGV);
	EXPECT(p, "wrapper-done");
	WAIT_EXIT(p);
	before = read_file("before");
	after = read_file("after");
	CHECK(p, before != NULL && after != NULL && strcmp(before, after) == 0,
	    "modes before \"%s\", after \"%s\"", before, after);
	free(before);
	free(after);
	pty_close(p);
}
END_TEST

START_TEST(test_a_notification_redraws_a_two_line_prompt_once)
{
	static const char *const	 env[] = { "PS1=top\\n" PROMPT, NULL };
	struct pty			*p = pty_start_with(NULL, env, __LINE__);
	struct notified			 n = { { job_row(1, '+', "Done",
					    "cat gate"), "top", PROMPT "echo abc" },
					    16 };

	make_gate("gate");
	EXPECT(p, PROMPT);
	RUN(p, "cat gate &");
	pty_send(p, "echo abc");
	EXPECT_EDITING(p, "echo abc");
	OPEN_GATE(p, "gate");
	if (!pty_wait(p, shows_at_bottom, &n))
		FAIL(p, "no report above the redrawn prompt and line");
	CHECK(p, term_count_rows(&p->term, "echo abc") == 1,
	    "the half-typed line is shown twice");
	CHECK(p, term_find_row(&p->term, PROMPT "cat gate &", 0) ==
	    p->term.row - 4, "rows above the report were overwritten");
	ENTER(p);
	/* What comes before the next "PROMPT> " is the output and the first
	   line of the two-line prompt. */
	OUTPUT_IS(p, "abc\ntop");
	pty_close(p);
}
END_TEST

/*
 * Without libedit (here: a file of its name that is no library), lines
 * are read as the terminal's line discipline delivers them, each still
 * after the reports of jobs that changed and the prompt.
 */
START_TEST(test_without_libedit_lines_still_get_reports_and_a_prompt)
{
	char		 lib[PATH_MAX + 32];
	const char	*env[] = { lib, NULL };
	char		 done[128];
	struct pty	*p;
	int		 tries;

	ck_assert_int_eq(mkdir(home_path("lib"), 0700), 0);
	write_file("lib/" LIBEDIT_SONAME, "not a library\n");
	snprintf(lib, sizeof lib, "LD_LIBRARY_PATH=%s/lib", home);
	snprintf(done, sizeof done, "%s", job_row(1, '+', "Done", "cat gate"));
	make_gate("gate");
	p = pty_start_with(NULL, env, __LINE__);
	EXPECT(p, "jobsh: no line editing: ");
	EXPECT(p, LIBEDIT_SONAME);
	EXPECT(p, PROMPT);
	RUN(p, "echo hi");
	OUTPUT_IS(p, "hi");
	RUN(p, "cat gate &");
	OPEN_GATE(p, "gate");
	for (tries = 0; tries < 100; tries++) {
		RUN(p, "");
		if (strstr(p->out, done) != NULL)
			break;
		pty_pump(p, 20);
	}
	CHECK(p, strstr(p->out, done) != NULL, "no report of the job's end");
	/* Text sent by ^D without a newline, then dropped by ^C. */
	pty_send(p, "echo cut");
	pty_send(p, "\004");
	pty_pump(p, 100);
	pty_send(p, "\003");
	EXPECT(p, PROMPT);
	RUN(p, "echo whole");
	OUTPUT_IS(p, "whole");
	pty_send(p, "exit\r");
	ck_assert_int_eq(WAIT_EXIT(p), 0);
	pty_close(p);
}
END_TEST

START_TEST(test_editrc_can_select_vi_mode)
{
	static const char *const	 env[] = { "EDITRC", NULL };
	struct pty			*p;

	write_file(".editrc", "bind -v\n");
	p = pty_start_with(NULL, env, __LINE__);
	EXPECT(p, PROMPT);
	pty_send(p, "echo abc def");
	EXPECT_EDITING(p, "echo abc def");
	/* Command mode: back a word, insert before it. */
	pty_send(p, "\033");
	expect_editing_at(p, "echo abc def", PROMPT_COLS + 11, __LINE__);
	pty_send(p, "bi");
	pty_send(p, "X");
	expect_editing_at(p, "echo abc Xdef", PROMPT_COLS + 10, __LINE__);
	ENTER(p);
	OUTPUT_IS(p, "abc Xdef");
	pty_close(p);
}
END_TEST

START_TEST(test_a_report_waits_for_a_key_sequence_to_end)
{
	struct pty	*p = START();
	struct notified	 n = { { job_row(1, '+', "Done", "cat gate"),
			    PROMPT "echo abc", NULL }, PROMPT_COLS + 5 };
	pid_t		 pid;

	make_gate("gate");
	RUN(p, "cat gate &");
	pid = BG_PID(p);
	pty_send(p, "echo abc");
	EXPECT_EDITING(p, "echo abc");
	/* ESC starts a two-key command: ESC b, back a word. */
	pty_send(p, "\033");
	OPEN_GATE(p, "gate");
	while (kill(pid, 0) == 0)
		pty_pump(p, 10);
	pty_send(p, "b");
	if (!pty_wait(p, shows_at_bottom, &n))
		FAIL(p, "no report, or the line or cursor was lost");
	pty_send(p, "X");
	expect_editing_at(p, "echo Xabc", PROMPT_COLS + 6, __LINE__);
	pty_close(p);
}
END_TEST

START_TEST(test_ctrl_d_on_a_typed_line_does_not_exit)
{
	struct pty	*p = START();

	pty_send(p, "echo abc");
	EXPECT_EDITING(p, "echo abc");
	pty_send(p, "\004");
	pty_send(p, "d");
	EXPECT_EDITING(p, "echo abcd");
	ENTER(p);
	OUTPUT_IS(p, "abcd");
	pty_close(p);
}
END_TEST

START_TEST(test_keys_typed_during_a_foreground_job_are_kept)
{
	struct pty	*p = START();

	make_gate("gate");
	pty_send(p, "cat gate\r");
	if (!pty_wait(p, job_has_terminal, NULL))
		FAIL(p, "the job never got the terminal");
	pty_send(p, "echo typed-ahead\r");
	EXPECT(p, "echo typed-ahead");
	OPEN_GATE(p, "gate");
	if (!pty_wait(p, screen_has_row, "typed-ahead"))
		FAIL(p, "the line typed ahead did not run");
	pty_close(p);
}
END_TEST

/* ---- 13. UTF-8 ---- */

START_TEST(test_utf8_is_typed_shown_and_erased_whole)
{
	struct pty	*p = START();

	RUN(p, "echo h\xc3\xa9llo");
	OUTPUT_IS(p, "h\xc3\xa9llo");
	pty_send(p, "echo h\xc3\xa9");
	EXPECT_EDITING(p, "echo h\xc3\xa9");
	pty_send(p, "\177");
	EXPECT_EDITING(p, "echo h");
	pty_send(p, "x");
	EXPECT_EDITING(p, "echo hx");
	ENTER(p);
	OUTPUT_IS(p, "hx");
	pty_close(p);
}
END_TEST

START_TEST(test_a_notification_keeps_a_wrapped_utf8_line)
{
	struct pty	*p = START();
	char		 line[400], rows[2][TERM_COLS * 2 + 1];
	struct wrapped	 w;
	size_t		 i, n, split;

	/* "echo " and 100 characters, most of them two bytes long: with
	   the prompt, 113 columns on two rows. */
	n = (size_t)snprintf(line, sizeof line, "echo ");
	for (i = 0; i < 100; i++)
		n += (size_t)snprintf(line + n, sizeof line - n, "%s",
		    i % 10 == 9 ? ":" : "\xc3\xa9");
	split = u8_offset(line, TERM_COLS - PROMPT_COLS);
	snprintf(rows[0], sizeof rows[0], "%s%.*s", PROMPT, (int)split, line);
	snprintf(rows[1], sizeof rows[1], "%.*s", (int)sizeof rows[1] - 1,
	    line + split);
	make_gate("gate");
	RUN(p, "cat gate &");
	pty_send(p, line);
	EXPECT_ROW(p, rows[1]);
	OPEN_GATE(p, "gate");
	w.report = job_row(1, '+', "Done", "cat gate");
	w.rows[0] = rows[0];
	w.rows[1] = rows[1];
	w.rows[2] = NULL;
	w.cursor_row = 1;
	w.cursor_col = (int)u8_columns(rows[1]);
	if (!pty_wait(p, shows_wrapped, &w))
		FAIL(p, "the report and the intact line never showed");
	CHECK(p, term_count_rows(&p->term, PROMPT "echo") == 1,
	    "a copy of the line's first row was left behind");
	ENTER(p);
	CHECK(p, strncmp(p->out, line + 5, split - 5) == 0,
	    "ran \"%s\"", p->out);
	pty_close(p);
}
END_TEST

Suite *
pty_suite(void)
{
	Suite	*s = suite_create("pty");
	TCase	*tc = tcase_create("interactive");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_a_command_runs_at_the_prompt_and_sets_status);
	tcase_add_test(tc,
	    test_the_default_prompt_shows_the_directory_and_jobs);
	tcase_add_test(tc, test_a_notification_redraws_the_half_typed_line);
	tcase_add_test(tc,
	    test_a_notification_keeps_a_wrapped_line_and_its_cursor);
	tcase_add_test(tc,
	    test_set_notify_off_defers_reports_to_the_next_prompt);
	tcase_add_test(tc,
	    test_ctrl_z_stops_an_external_job_that_bg_and_fg_resume);
	tcase_add_test(tc,
	    test_ctrl_z_stops_the_builtin_sleep_that_bg_and_fg_resume);
	tcase_add_test(tc, test_a_job_stopped_in_the_foreground_reports_its_end);
	tcase_add_test(tc, test_a_background_builtin_that_ends_at_once_is_reported);
	tcase_add_test(tc, test_fg_in_a_background_job_leaves_the_terminal_to_the_shell);
	tcase_add_test(tc, test_ctrl_backslash_quits_a_builtin_sleep);
	tcase_add_test(tc, test_ctrl_z_at_the_prompt_is_ignored);
	tcase_add_test(tc, test_ctrl_c_at_the_prompt_discards_the_line);
	tcase_add_test(tc, test_ctrl_c_interrupts_wait_but_not_the_job);
	tcase_add_test(tc, test_a_stopped_job_gives_back_the_shell_modes);
	tcase_add_test(tc, test_fg_restores_the_modes_a_job_stopped_with);
	tcase_add_test(tc, test_stty_in_the_foreground_persists_unless_killed);
	tcase_add_test(tc, test_a_background_reader_is_stopped_for_tty_input);
	tcase_add_test(tc, test_a_background_writer_is_stopped_under_tostop);
	tcase_add_test(tc, test_reports_wait_while_a_foreground_job_runs);
	tcase_add_test(tc, test_ctrl_z_stops_a_whole_pipeline);
	tcase_add_test(tc,
	    test_ctrl_c_at_a_continuation_prompt_cancels_the_command);
	tcase_add_test(tc, test_the_shell_ignores_sigterm_and_sigquit);
	tcase_add_test(tc, test_sighup_hangs_up_the_jobs_and_leaves);
	tcase_add_test(tc, test_a_terminal_that_goes_away_ends_a_shell_under_another_leader);
	tcase_add_test(tc, test_exit_with_jobs_warns_then_hangs_them_up);
	tcase_add_test(tc, test_ctrl_d_with_jobs_warns_then_hangs_them_up);
	tcase_add_test(tc, test_disowned_jobs_are_not_hung_up);
	tcase_add_test(tc, test_exit_with_only_disowned_jobs_leaves_at_once);
	tcase_add_test(tc, test_history_is_kept_across_sessions);
	tcase_add_test(tc, test_history_skips_space_lines_and_repeats);
	tcase_add_test(tc,
	    test_tab_completes_files_commands_jobs_and_variables);
	tcase_add_test(tc,
	    test_tab_lists_several_candidates_and_keeps_the_line);
	tcase_add_test(tc, test_jobshrc_is_sourced_unless_norc);
	tcase_add_test(tc, test_the_terminal_is_left_as_it_was_found);
	tcase_add_test(tc,
	    test_the_terminal_is_restored_when_the_shell_crashes);
	tcase_add_test(tc,
	    test_a_notification_redraws_a_two_line_prompt_once);
	tcase_add_test(tc, test_editrc_can_select_vi_mode);
	tcase_add_test(tc, test_without_libedit_lines_still_get_reports_and_a_prompt);
	tcase_add_test(tc, test_ctrl_z_and_ctrl_c_reach_a_builtin_in_a_pipeline);
	tcase_add_test(tc, test_ctrl_c_ends_a_sourced_file_and_its_line);
	tcase_add_test(tc, test_a_report_waits_for_a_key_sequence_to_end);
	tcase_add_test(tc, test_ctrl_d_on_a_typed_line_does_not_exit);
	tcase_add_test(tc, test_keys_typed_during_a_foreground_job_are_kept);
	tcase_add_test(tc, test_utf8_is_typed_shown_and_erased_whole);
	tcase_add_test(tc, test_a_notification_keeps_a_wrapped_utf8_line);
	suite_add_tcase(s, tc);
	return s;
}
