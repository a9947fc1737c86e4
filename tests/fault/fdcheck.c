/*
 * fdcheck: lists the descriptors above 2 that this process inherited.
 *
 *   fdcheck [LABEL]
 *
 * Run by a test as a child of the shell (foreground, in a pipeline, in
 * the background...), it appends one line per inherited descriptor,
 * "LABEL: fd N -> TARGET", to the file named by $FDCHECK_LOG (or, without
 * it, to standard error) and exits 1 when there is any, 0 otherwise.  It
 * writes nothing on standard output.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	const char	*label = argc > 1 ? argv[1] : "fdcheck";
	const char	*log = getenv("FDCHECK_LOG");
	char		 lines[8192] = "", path[64], target[256];
	size_t		 used = 0;
	struct dirent	*e;
	DIR		*d;
	ssize_t		 n;
	int		 fd, self, leaks = 0;
	FILE		*out;

	if ((d = opendir("/proc/self/fd")) == NULL) {
		perror("fdcheck: /proc/self/fd");
		return 2;
	}
	self = dirfd(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		fd = atoi(e->d_name);
		if (fd <= 2 || fd == self)
			continue;
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		if ((n = readlink(path, target, sizeof target - 1)) < 0)
			n = 0;
		target[n] = '\0';
		if (used < sizeof lines - 1)
			used += (size_t)snprintf(lines + used,
			    sizeof lines - used, "%s: fd %d -> %s\n", label,
			    fd, target);
		leaks++;
	}
	closedir(d);
	if (leaks == 0)
		return 0;
	if (used > sizeof lines - 1)
		used = sizeof lines - 1;
	out = log != NULL && *log != '\0' ? fopen(log, "ae") : NULL;
	fwrite(lines, 1, used, out != NULL ? out : stderr);
	if (out != NULL)
		fclose(out);
	return 1;
}
