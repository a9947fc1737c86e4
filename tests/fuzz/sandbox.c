/*
 * sandbox: the temporary directory and the libc replacements of the fuzz
 * targets.
 *
 * The functions below are defined in the fuzzer executable, so the
 * shell's calls bind to them at link time (an executable's definitions
 * come before those of libc.so).  Outside an input (fuzz_sandbox_enter ..
 * fuzz_sandbox_leave) they forward to libc through dlsym(RTLD_NEXT), so
 * libFuzzer and the sanitizers are unaffected; libc's own internal calls
 * (fopen, opendir, system) never reach them anyway.  While an input runs:
 *
 *   posix_spawn, posix_spawnp  EAGAIN: no process is ever created
 *   fork, execve, execv, execvp  fail (jobsh never forks, but its end-of-
 *				script path does, and nothing may exec)
 *   kill, killpg	ESRCH: no signal is ever sent (`kill -9 0` would
 *			otherwise kill the fuzzer's process group); no job
 *			has a process, so ESRCH is also what a real run of
 *			the same script would mostly see
 *   setpgid, tcsetpgrp, tcsetattr  fail: the terminal is not ours
 *   open, openat, creat (+64)  only /dev/null and paths inside the
 *			directory, else EACCES; in particular nothing under
 *			/dev, /proc or /sys but /dev/null; and within a
 *			budget per input, then EMFILE (see may_open)
 *   chdir		only to the directory or below; fchdir fails
 *   stat, lstat, access  only inside the directory or /dev/null, else
 *			ENOENT (PATH searches then find nothing, whatever
 *			the machine has installed)
 *   readlink, unlink, rename, mkdir, rmdir, link, symlink, truncate  fail
 *   glob		confined to the directory with GLOB_ALTDIRFUNC: a
 *			pattern rooted at / or .. reads nothing outside
 *   getpwnam, getpwuid  a fixed user "fuzz" (home: the directory) and
 *			"root" (/root): no NSS, no /etc/passwd
 *
 * fopen is deliberately not replaced: src/ does not use it, and libstdc++
 * reaches it when libFuzzer writes a crash file from inside an input.
 *
 * Paths are checked lexically (".", ".." and repeated slashes folded over
 * the current directory).  That is exact here because nothing inside the
 * directory can be a symbolic link: the shell cannot create one.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sanitizer/common_interface_defs.h>

#include "sandbox.h"

char		fuzz_tmpdir[PATH_MAX];
static bool	active;
static unsigned	opens_left;		/* this input's budget */

#ifndef OPEN_BUDGET
#define OPEN_BUDGET	1000
#endif
static int	home_fd = -1;		/* where the fuzzer was started */

#define MAX_FD	4096
static unsigned char	baseline[MAX_FD / 8];	/* open at enter */

/* The next definition of name after this executable: libc's. */
static void *
next_symbol(const char *name)
{
	void	*p = dlsym(RTLD_NEXT, name);

	if (p == NULL) {
		fprintf(stderr, "fuzz sandbox: no %s in libc\n", name);
		abort();
	}
	return p;
}

#define REAL(name)							\
	static __typeof__(&name) real_##name;				\
	if (real_##name == NULL)					\
		real_##name = (__typeof__(&name))next_symbol(#name)

void
fuzz_fail(const char *fmt, ...)
{
	char	msg[1024];
	va_list	ap;
	int	n;

	n = snprintf(msg, sizeof msg, "HARNESS FINDING: ");
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	va_end(ap);
	/* Printed on the report descriptor, which libFuzzer keeps open
	   under -close_fd_mask=2. */
	__sanitizer_report_error_summary(msg);
	abort();
}

/* --- Paths ------------------------------------------------------------ */

/* The absolute path with ".", ".." and "//" folded; false if too long. */
static bool
normalize(const char *path, char *out, size_t size)
{
	char		 joined[2 * PATH_MAX + 2];
	const char	*p, *end;
	size_t		 len = 0, n;

	if (path[0] == '/')
		n = (size_t)snprintf(joined, sizeof joined, "%s", path);
	else {
		char	cwd[PATH_MAX];

		if (getcwd(cwd, sizeof cwd) == NULL)
			return false;
		n = (size_t)snprintf(joined, sizeof joined, "%s/%s", cwd,
		    path);
	}
	if (n >= sizeof joined)
		return false;
	for (p = joined; *p != '\0'; p = end) {
		while (*p == '/')
			p++;
		end = strchrnul(p, '/');
		n = (size_t)(end - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (len > 0 && out[--len] != '/')
				;
			continue;
		}
		if (len + 1 + n + 1 > size)
			return false;
		out[len++] = '/';
		memcpy(out + len, p, n);
		len += n;
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	return true;
}

static bool
inside(const char *path)
{
	char	abs[PATH_MAX];
	size_t	n = strlen(fuzz_tmpdir);

	if (!normalize(path, abs, sizeof abs))
		return false;
	return strncmp(abs, fuzz_tmpdir, n) == 0 &&
	    (abs[n] == '\0' || abs[n] == '/');
}

static bool
is_dev_null(const char *path)
{
	char	abs[PATH_MAX];

	return normalize(path, abs, sizeof abs) &&
	    strcmp(abs, "/dev/null") == 0;
}

/*
 * The source builtin is the language's only loop: a file that sources
 * itself twice runs for 2^depth steps.  Each step opens and parses a file,
 * so a budget per input bounds the work, as a real machine would only
 * after a very long time: OPEN_BUDGET units, an open costing one unit
 * plus one per 256 bytes of the file.  That is large enough for a script
 * that sources a small file of its own at each step to overflow the stack
 * first when nesting is unbounded (it took fewer than 250 levels).
 */
static bool
may_open(const char *path)
{
	struct stat	st;
	unsigned	cost = 1;

	if (!is_dev_null(path) && !inside(path)) {
		errno = EACCES;
		return false;
	}
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		cost += (unsigned)(st.st_size / 256 < 1000000 ?
		    st.st_size / 256 : 1000000);
	if (opens_left < cost) {
		opens_left = 0;
		errno = EMFILE;
		return false;
	}
	opens_left -= cost;
	return true;
}

/* --- Opening files ---------------------------------------------------- */

static mode_t
open_mode(int flags, va_list ap)
{
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		return (mode_t)va_arg(ap, int);
	return 0;
}

int
open(const char *path, int flags, ...)
{
	REAL(open);
	va_list	ap;
	mode_t	mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	if (active && !may_open(path))
		return -1;
	return real_open(path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	REAL(open64);
	va_list	ap;
	mode_t	mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	if (active && !may_open(path))
		return -1;
	return real_open64(path, flags, mode);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	REAL(openat);
	va_list	ap;
	mode_t	mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	if (active && path[0] != '/' && dirfd != AT_FDCWD) {
		errno = EACCES;
		return -1;
	}
	if (active && !may_open(path))
		return -1;
	return real_openat(dirfd, path, flags, mode);
}

int
openat64(int dirfd, const char *path, int flags, ...)
{
	REAL(openat64);
	va_list	ap;
	mode_t	mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	if (active && path[0] != '/' && dirfd != AT_FDCWD) {
		errno = EACCES;
		return -1;
	}
	if (active && !may_open(path))
		return -1;
	return real_openat64(dirfd, path, flags, mode);
}

int
creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int
creat64(const char *path, mode_t mode)
{
	return open64(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

/* --- Directories and file status -------------------------------------- */

int
chdir(const char *path)
{
	REAL(chdir);

	if (active && !inside(path)) {
		errno = EACCES;
		return -1;
	}
	return real_chdir(path);
}

int
fchdir(int fd)
{
	REAL(fchdir);

	if (active) {
		errno = EACCES;
		return -1;
	}
	return real_fchdir(fd);
}

int
stat(const char *restrict path, struct stat *restrict st)
{
	REAL(stat);

	if (active && !is_dev_null(path) && !inside(path)) {
		errno = ENOENT;
		return -1;
	}
	return real_stat(path, st);
}

int
lstat(const char *restrict path, struct stat *restrict st)
{
	REAL(lstat);

	if (active && !is_dev_null(path) && !inside(path)) {
		errno = ENOENT;
		return -1;
	}
	return real_lstat(path, st);
}

int
access(const char *path, int mode)
{
	REAL(access);

	if (active && !is_dev_null(path) && !inside(path)) {
		errno = ENOENT;
		return -1;
	}
	return real_access(path, mode);
}

ssize_t
readlink(const char *restrict path, char *restrict buf, size_t len)
{
	REAL(readlink);

	if (active) {
		errno = EACCES;
		return -1;
	}
	return real_readlink(path, buf, len);
}

/* Calls that change the file system: none is made by src/ today. */
#define DENY_PATH_CALL(name, params, args)				\
int									\
name params								\
{									\
	REAL(name);					\
									\
	if (active) {							\
		errno = EACCES;						\
		return -1;						\
	}								\
	return real_##name args;					\
}

DENY_PATH_CALL(unlink, (const char *a), (a))
DENY_PATH_CALL(rmdir, (const char *a), (a))
DENY_PATH_CALL(mkdir, (const char *a, mode_t m), (a, m))
DENY_PATH_CALL(rename, (const char *a, const char *b), (a, b))
DENY_PATH_CALL(link, (const char *a, const char *b), (a, b))
DENY_PATH_CALL(symlink, (const char *a, const char *b), (a, b))
DENY_PATH_CALL(truncate, (const char *a, off_t n), (a, n))

/* --- Globbing --------------------------------------------------------- */

static void *
glob_opendir(const char *path)
{
	if (!inside(*path != '\0' ? path : ".")) {
		errno = EACCES;
		return NULL;
	}
	return opendir(*path != '\0' ? path : ".");
}

static struct dirent *
glob_readdir(void *dir)
{
	return readdir(dir);
}

static void
glob_closedir(void *dir)
{
	closedir(dir);
}

int
glob(const char *restrict pattern, int flags,
    int (*errfunc)(const char *, int), glob_t *restrict g)
{
	REAL(glob);

	if (!active)
		return real_glob(pattern, flags, errfunc, g);
	g->gl_opendir = glob_opendir;
	g->gl_readdir = glob_readdir;
	g->gl_closedir = glob_closedir;
	g->gl_lstat = lstat;
	g->gl_stat = stat;
	return real_glob(pattern, flags | GLOB_ALTDIRFUNC, errfunc, g);
}

/* --- Users ------------------------------------------------------------ */

static struct passwd *
fake_user(const char *name)
{
	static struct passwd	pw;
	static char		pw_name[16], pw_passwd[] = "x",
				pw_shell[] = "/bin/sh", root_dir[] = "/root";

	memset(&pw, 0, sizeof pw);
	snprintf(pw_name, sizeof pw_name, "%s", name);
	pw.pw_name = pw_name;
	pw.pw_passwd = pw_passwd;
	pw.pw_shell = pw_shell;
	pw.pw_gecos = pw_passwd;
	if (strcmp(name, "root") == 0)
		pw.pw_dir = root_dir;
	else {
		pw.pw_uid = 1000;
		pw.pw_gid = 1000;
		pw.pw_dir = fuzz_tmpdir;
	}
	return &pw;
}

struct passwd *
getpwnam(const char *name)
{
	REAL(getpwnam);

	if (!active)
		return real_getpwnam(name);
	if (strcmp(name, "fuzz") == 0 || strcmp(name, "root") == 0)
		return fake_user(name);
	errno = 0;
	return NULL;
}

struct passwd *
getpwuid(uid_t uid)
{
	REAL(getpwuid);

	if (!active)
		return real_getpwuid(uid);
	return fake_user(uid == 0 ? "root" : "fuzz");
}

/* --- Processes, signals, the terminal --------------------------------- */

int
posix_spawn(pid_t *restrict pid, const char *restrict path,
    const posix_spawn_file_actions_t *fa,
    const posix_spawnattr_t *restrict attr, char *const argv[restrict],
    char *const envp[restrict])
{
	REAL(posix_spawn);

	if (active)
		return EAGAIN;
	return real_posix_spawn(pid, path, fa, attr, argv, envp);
}

int
posix_spawnp(pid_t *restrict pid, const char *restrict file,
    const posix_spawn_file_actions_t *fa,
    const posix_spawnattr_t *restrict attr, char *const argv[restrict],
    char *const envp[restrict])
{
	REAL(posix_spawnp);

	if (active)
		return EAGAIN;
	return real_posix_spawnp(pid, file, fa, attr, argv, envp);
}

pid_t
fork(void)
{
	REAL(fork);

	if (active) {
		errno = EAGAIN;
		return -1;
	}
	return real_fork();
}

int
execve(const char *path, char *const argv[], char *const envp[])
{
	REAL(execve);

	if (active) {
		errno = EACCES;
		return -1;
	}
	return real_execve(path, argv, envp);
}

int
execv(const char *path, char *const argv[])
{
	REAL(execv);

	if (active) {
		errno = EACCES;
		return -1;
	}
	return real_execv(path, argv);
}

int
execvp(const char *file, char *const argv[])
{
	REAL(execvp);

	if (active) {
		errno = EACCES;
		return -1;
	}
	return real_execvp(file, argv);
}

int
kill(pid_t pid, int sig)
{
	REAL(kill);

	if (active) {
		errno = ESRCH;
		return -1;
	}
	return real_kill(pid, sig);
}

int
killpg(pid_t pgrp, int sig)
{
	REAL(killpg);

	if (active) {
		errno = ESRCH;
		return -1;
	}
	return real_killpg(pgrp, sig);
}

int
setpgid(pid_t pid, pid_t pgid)
{
	REAL(setpgid);

	if (active) {
		errno = EPERM;
		return -1;
	}
	return real_setpgid(pid, pgid);
}

int
tcsetpgrp(int fd, pid_t pgrp)
{
	REAL(tcsetpgrp);

	if (active) {
		errno = ENOTTY;
		return -1;
	}
	return real_tcsetpgrp(fd, pgrp);
}

int
tcsetattr(int fd, int how, const struct termios *t)
{
	REAL(tcsetattr);

	if (active) {
		errno = ENOTTY;
		return -1;
	}
	return real_tcsetattr(fd, how, t);
}

/* --- Descriptors ------------------------------------------------------ */

/* The open descriptors as a bitmap; one past MAX_FD is a finding. */
static void
open_fds(unsigned char *map)
{
	struct dirent	*e;
	DIR		*d;
	long		 fd;

	memset(map, 0, MAX_FD / 8);
	if ((d = opendir("/proc/self/fd")) == NULL)
		fuzz_fail("cannot list /proc/self/fd: %s", strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		fd = strtol(e->d_name, NULL, 10);
		if (fd == dirfd(d))
			continue;
		if (fd < 0 || fd >= MAX_FD)
			fuzz_fail("descriptor %ld is open", fd);
		map[fd / 8] |= (unsigned char)(1u << (fd % 8));
	}
	closedir(d);
}

static void
check_fds(void)
{
	unsigned char	now[MAX_FD / 8];
	char		link_path[64], target[PATH_MAX];
	ssize_t		n;
	int		fd;
	bool		was, is;

	open_fds(now);
	for (fd = 0; fd < MAX_FD; fd++) {
		was = baseline[fd / 8] & (1u << (fd % 8));
		is = now[fd / 8] & (1u << (fd % 8));
		if (was == is)
			continue;
		snprintf(link_path, sizeof link_path, "/proc/self/fd/%d", fd);
		n = readlink(link_path, target, sizeof target - 1);
		target[n > 0 ? n : 0] = '\0';
		if (is)
			fuzz_fail("descriptor %d (%s) left open by the shell",
			    fd, target);
		fuzz_fail("descriptor %d, open before the input, was closed "
		    "by the shell", fd);
	}
}

/* --- The directory ---------------------------------------------------- */

/* Removes the entries of dir (one level of subdirectories); false at the
   first that cannot be removed, in path. */
static bool
empty_dir(const char *dir, bool remove_subdirs, char *path, size_t size)
{
	struct dirent	*e;
	DIR		*d;
	bool		 ok = true;

	if ((d = opendir(dir)) == NULL)
		return true;
	while (ok && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, size, "%s/%s", dir, e->d_name);
		if (unlink(path) == 0)
			continue;
		if (remove_subdirs && errno == EISDIR) {
			char	sub[PATH_MAX * 2];

			snprintf(sub, sizeof sub, "%s", path);
			if (empty_dir(sub, false, path, size) &&
			    rmdir(sub) == 0)
				continue;
		}
		ok = false;
	}
	closedir(d);
	return ok;
}

static void
remove_tmpdir(void)
{
	char	failed[PATH_MAX * 2];

	if (!active && empty_dir(fuzz_tmpdir, true, failed, sizeof failed))
		rmdir(fuzz_tmpdir);
}

static void
make_file(const char *name)
{
	char	path[PATH_MAX * 2];
	int	fd;

	snprintf(path, sizeof path, "%s/%s", fuzz_tmpdir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0644)) == -1)
		fuzz_fail("cannot create %s: %s", path, strerror(errno));
	close(fd);
}

static void
populate(void)
{
	static const char *const files[] = {
		"a", "ab", "abc", "b c", ".hidden", "-n", "*", "[x]", "x]",
		"\xc3\xa9", "dir/x", "dir/.y", "dir/a b",
	};
	char	path[PATH_MAX * 2];
	size_t	i;

	snprintf(path, sizeof path, "%s/dir", fuzz_tmpdir);
	if (mkdir(path, 0755) == -1)
		fuzz_fail("cannot create %s: %s", path, strerror(errno));
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		make_file(files[i]);
}

/* libFuzzer writes crash files relative to the current directory, which
   is the sandbox while an input runs: make the artifact paths absolute. */
static void
absolute_artifacts(int *argc, char ***argv)
{
	static const char *const flags[] = {
		"-artifact_prefix=", "-exact_artifact_path=",
	};
	char		cwd[PATH_MAX], **v;
	const char	*arg, *value;
	size_t		i, n;
	int		j;
	bool		have = false;

	if (getcwd(cwd, sizeof cwd) == NULL)
		return;
	v = calloc((size_t)*argc + 2, sizeof *v);
	if (v == NULL)
		abort();
	for (j = 0; j < *argc; j++) {
		arg = v[j] = (*argv)[j];
		for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
			n = strlen(flags[i]);
			if (strncmp(arg, flags[i], n) != 0)
				continue;
			have = true;
			value = arg + n;
			if (*value != '/' &&
			    asprintf(&v[j], "%s%s/%s", flags[i], cwd, value) < 0)
				abort();
		}
	}
	if (!have && asprintf(&v[j++], "-artifact_prefix=%s/", cwd) < 0)
		abort();
	v[j] = NULL;
	*argc = j;
	*argv = v;
}

/* A crash leaves its directory behind (atexit does not run): those of
   processes that no longer exist go when the next fuzzer starts. */
static void
remove_stale_dirs(void)
{
	struct dirent	*e;
	DIR		*d;
	char		 path[PATH_MAX], failed[PATH_MAX * 2];
	long		 pid;

	if ((d = opendir("/tmp")) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "jobsh-fuzz.", 11) != 0 ||
		    (pid = strtol(e->d_name + 11, NULL, 10)) <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof path, "/tmp/%s", e->d_name);
		if (empty_dir(path, true, failed, sizeof failed))
			rmdir(path);
	}
	closedir(d);
}

void
fuzz_sandbox_init(int *argc, char ***argv, bool populate_dir)
{
	char	tmpl[64];

	remove_stale_dirs();
	snprintf(tmpl, sizeof tmpl, "/tmp/jobsh-fuzz.%ld.XXXXXX",
	    (long)getpid());
	absolute_artifacts(argc, argv);
	setlocale(LC_CTYPE, "C.UTF-8");
	if (mkdtemp(tmpl) == NULL || realpath(tmpl, fuzz_tmpdir) == NULL)
		fuzz_fail("cannot create a temporary directory: %s",
		    strerror(errno));
	if ((home_fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		fuzz_fail("cannot open the current directory: %s",
		    strerror(errno));
	if (populate_dir)
		populate();
	atexit(remove_tmpdir);
}

void
fuzz_sandbox_enter(void)
{
	/* Each time: between inputs libFuzzer and the sanitizers open
	   descriptors of their own (llvm-symbolizer's pipes). */
	open_fds(baseline);
	opens_left = OPEN_BUDGET;
	if (chdir(fuzz_tmpdir) == -1)
		fuzz_fail("chdir %s: %s", fuzz_tmpdir, strerror(errno));
	active = true;
}

void
fuzz_sandbox_leave(bool remove_files)
{
	char	failed[PATH_MAX * 2];

	active = false;
	if (fchdir(home_fd) == -1)
		fuzz_fail("cannot go back: %s", strerror(errno));
	if (remove_files && !empty_dir(fuzz_tmpdir, false, failed,
	    sizeof failed))
		fuzz_fail("cannot remove %s: %s", failed, strerror(errno));
	check_fds();
}
