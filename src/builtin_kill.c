/*
 * kill: signals to jobs (whole process groups, or a job's timers) and to
 * PIDs; kill -l lists signal names.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "job.h"
#include "jobtab.h"
#include "shell.h"
#include "signame.h"

static int
kill_list(struct builtin_call *call, int first)
{
	const char	*name;
	char		*end;
	long		 n;
	int		 i, status = 0;

	if (first >= call->argc) {
		for (i = 1; i <= signame_max(); i++)
			if ((name = signame_from_number(i)) != NULL)
				printf("%s%c", name,
				    i == signame_max() ? '\n' : ' ');
		return 0;
	}
	for (i = first; i < call->argc; i++) {
		n = strtol(call->argv[i], &end, 10);
		if (*end != '\0' || *call->argv[i] == '\0') {
			int	sig = signame_to_number(call->argv[i]);

			if (sig <= 0) {
				builtin_error(call, "%s: invalid signal "
				    "specification", call->argv[i]);
				status = 1;
			} else
				printf("%d\n", sig);
			continue;
		}
		if (n > 128)
			n -= 128;
		if ((name = signame_from_number((int)n)) == NULL) {
			builtin_error(call, "%s: invalid signal specification",
			    call->argv[i]);
			status = 1;
		} else
			printf("%s\n", name);
	}
	return status;
}

static int
signal_job(struct builtin_call *call, struct job *job, int sig)
{
	if (job->state == JOB_DONE)
		return 0;
	if (job_signal(job, sig) == -1) {
		builtin_error(call, "%%%d: %s", job->number, strerror(errno));
		return 1;
	}
	if (job->state == JOB_STOPPED && (sig == SIGTERM || sig == SIGHUP))
		job_signal(job, SIGCONT);
	return 0;
}

static int
kill_operand(struct builtin_call *call, const char *word, int sig)
{
	struct job	*job = NULL;
	char		*end;
	long		 pid;

	if (word[0] == '%') {
		if ((job = builtin_job(call, word, false)) == NULL)
			return 1;
		return signal_job(call, job, sig);
	}
	errno = 0;
	pid = strtol(word, &end, 10);
	if (*word == '\0' || *end != '\0' || errno != 0) {
		builtin_error(call, "%s: arguments must be process or job IDs",
		    word);
		return 1;
	}
	if (pid > 0 && (job = jobtab_by_pid(call->sh->jobs, pid)) != NULL) {
		if (job->state == JOB_DONE) {
			builtin_error(call, "(%ld) - %s", pid, strerror(ESRCH));
			return 1;
		}
		/* A job without a process of its own answers to its
		   virtual PID as a whole. */
		if (job->procs == NULL || job->pid != (long)job->procs_tail->pid)
			return signal_job(call, job, sig);
	}
	if (kill((pid_t)pid, sig) == -1) {
		builtin_error(call, "(%ld) - %s", pid, strerror(errno));
		return 1;
	}
	return 0;
}

/*
 * Reads -s SIG, -n N, -SIG or -N, and a -- after it; returns the index of
 * the operands, -1 for a bad signal, -2 for a usage error.
 */
static int
parse_signal(struct builtin_call *call, int *sig)
{
	const char	*arg = call->argv[1], *name;
	int		 next = 2;

	*sig = SIGTERM;
	if (call->argc < 2 || arg[0] != '-' || arg[1] == '\0')
		return 1;
	if (strcmp(arg, "--") == 0)
		return 2;
	if (strcmp(arg, "-s") == 0 || strcmp(arg, "-n") == 0) {
		if (call->argc < 3) {
			builtin_usage(call, "%s: option requires an argument",
			    arg);
			return -2;
		}
		name = call->argv[2];
		next = 3;
	} else
		name = arg + 1;
	if ((*sig = signame_to_number(name)) < 0) {
		builtin_error(call, "%s: invalid signal specification", name);
		return -1;
	}
	/* kill -TERM -- PID, as bash */
	if (next < call->argc && strcmp(call->argv[next], "--") == 0)
		next++;
	return next;
}

static int
kill_run(struct builtin_call *call)
{
	int	sig, i, status = 0;

	if (call->argc >= 2 && strcmp(call->argv[1], "-l") == 0)
		return kill_list(call, 2);
	if ((i = parse_signal(call, &sig)) < 0)
		return i == -1 ? 1 : 2;
	if (i >= call->argc)
		return builtin_usage(call, "not enough arguments");
	for (; i < call->argc; i++)
		if (kill_operand(call, call->argv[i], sig) != 0)
			status = 1;
	return status;
}

const struct builtin builtin_kill = {
	"kill", "kill [-s SIG | -SIG | -n N] spec|PID...  or  kill -l [N]",
	"Send a signal (TERM by default) to jobs or processes; a job's whole "
	"process group gets it, and a stopped job is continued after TERM or "
	"HUP.",
	kill_run, NULL, false, false,
};
