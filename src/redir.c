/*
 * redir: opening redirection targets and applying descriptor plans.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ast.h"
#include "context.h"
#include "expand.h"
#include "proc.h"
#include "redir.h"
#include "shell.h"
#include "xmalloc.h"

#define NO_CHANGE	(-2)	/* saved[]: the step was skipped */

int
redir_dup_high(int fd)
{
	int	high = fcntl(fd, F_DUPFD_CLOEXEC, REDIR_USER_FDS);

	/* EINVAL here means RLIMIT_NOFILE <= 10: no descriptor is left
	   above the user's range, which users know as EMFILE. */
	if (high == -1 && errno == EINVAL)
		errno = EMFILE;
	return high;
}

void
redir_plan_add(struct redir_plan *plan, int fd, int src)
{
	if (plan->n == plan->cap) {
		plan->cap = plan->cap ? plan->cap * 2 : 4;
		plan->steps = xreallocarray(plan->steps, plan->cap,
		    sizeof *plan->steps);
	}
	plan->steps[plan->n].fd = fd;
	plan->steps[plan->n].src = src;
	plan->n++;
}

bool
redir_plan_sets(const struct redir_plan *plan, int fd)
{
	size_t	i;

	for (i = 0; i < plan->n; i++)
		if (plan->steps[i].fd == fd)
			return true;
	return false;
}

bool
redir_plan_disown(struct redir_plan *plan, int fd)
{
	size_t	i;

	for (i = 0; i < plan->n_owned; i++) {
		if (plan->owned[i] == fd) {
			plan->owned[i] = plan->owned[--plan->n_owned];
			return true;
		}
	}
	return false;
}

void
redir_plan_own(struct redir_plan *plan, int fd)
{
	if (plan->n_owned == plan->cap_owned) {
		plan->cap_owned = plan->cap_owned ? plan->cap_owned * 2 : 4;
		plan->owned = xreallocarray(plan->owned, plan->cap_owned,
		    sizeof *plan->owned);
	}
	plan->owned[plan->n_owned++] = fd;
}

void
redir_plan_add_context(struct redir_plan *plan, const struct context *ctx)
{
	size_t	i;

	for (i = 0; i < ctx->n_fds; i++)
		redir_plan_add(plan, ctx->fds[i].fd, ctx->fds[i].src);
}

static int
open_flags(enum ast_redir_op op)
{
	switch (op) {
	case AST_REDIR_IN:
		return O_RDONLY;
	case AST_REDIR_OUT:
	case AST_REDIR_CLOBBER:
		return O_WRONLY | O_CREAT | O_TRUNC;
	case AST_REDIR_APPEND:
		return O_WRONLY | O_CREAT | O_APPEND;
	default:
		return O_RDWR | O_CREAT;
	}
}

/* [n]>&word and [n]<&word: word is a descriptor number or "-". */
static int
add_dup(struct redir_plan *plan, int fd, const char *word)
{
	char	*end;
	long	 src;

	if (strcmp(word, "-") == 0) {
		redir_plan_add(plan, fd, -1);
		return 0;
	}
	errno = 0;
	src = strtol(word, &end, 10);
	if (*word == '\0' || *end != '\0' || errno != 0 || src < 0 ||
	    src > 1000000) {
		sh_error("%s: ambiguous redirect", word);
		return -1;
	}
	redir_plan_add(plan, fd, (int)src);
	return 0;
}

/*
 * Queued background commands hold their files open until they are
 * spawned: out of descriptors, the shell waits for those and tries again.
 */
static int
add_file(struct redir_plan *plan, struct shell *sh, int fd,
    enum ast_redir_op op, const char *path)
{
	int	 flags = open_flags(op) | O_CLOEXEC | O_NOCTTY, file, high;

	if ((file = open(path, flags, 0666)) == -1 && proc_freed_descriptors(sh))
		file = open(path, flags, 0666);
	if (file == -1) {
		sh_error("%s: %s", path, strerror(errno));
		return -1;
	}
	if (file < REDIR_USER_FDS) {
		if ((high = redir_dup_high(file)) == -1 &&
		    proc_freed_descriptors(sh))
			high = redir_dup_high(file);
		close(file);
		if (high == -1) {
			sh_error("%s: %s", path, strerror(errno));
			return -1;
		}
		file = high;
	}
	redir_plan_own(plan, file);
	redir_plan_add(plan, fd, file);
	return 0;
}

int
redir_plan_add_ast(struct redir_plan *plan, struct context *ctx,
    const struct ast_redir *redirs, size_t n)
{
	struct expand_ops	 ops;
	char			*target, *error;
	size_t			 i;
	int			 rc;

	context_expand_ops(ctx, &ops);
	for (i = 0; i < n; i++) {
		if (expand_word(&ops, redirs[i].target, false, &target,
		    &error) == -1) {
			sh_error("%s", error);
			free(error);
			return -1;
		}
		if (redirs[i].op == AST_REDIR_DUP_OUT ||
		    redirs[i].op == AST_REDIR_DUP_IN)
			rc = add_dup(plan, redirs[i].fd, target);
		else
			rc = add_file(plan, ctx->shell, redirs[i].fd,
			    redirs[i].op, target);
		free(target);
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
redir_plan_resolve(const struct redir_plan *plan, int fd)
{
	return redir_plan_resolve_before(plan, fd, plan->n);
}

int
redir_plan_resolve_before(const struct redir_plan *plan, int fd, size_t n)
{
	int	now[REDIR_USER_FDS], src;
	size_t	i;

	for (i = 0; i < REDIR_USER_FDS; i++)
		now[i] = (int)i;
	for (i = 0; i < n && i < plan->n; i++) {
		if (plan->steps[i].fd < 0 || plan->steps[i].fd >= REDIR_USER_FDS)
			continue;
		src = plan->steps[i].src;
		now[plan->steps[i].fd] = src >= 0 && src < REDIR_USER_FDS ?
		    now[src] : src;
	}
	return now[fd];
}

int
redir_plan_bad_source(const struct redir_plan *plan, size_t *step)
{
	enum { UNKNOWN, OPEN, CLOSED }	state[REDIR_USER_FDS] = { UNKNOWN };
	size_t				i;
	int				fd, src;

	for (i = 0; i < plan->n; i++) {
		fd = plan->steps[i].fd;
		src = plan->steps[i].src;
		if (src >= 0 && src < REDIR_USER_FDS && src != fd &&
		    (state[src] == CLOSED || (state[src] == UNKNOWN &&
		    fcntl(src, F_GETFD) == -1))) {
			*step = i;
			return src;
		}
		if (fd >= 0 && fd < REDIR_USER_FDS)
			state[fd] = src == -1 ? CLOSED : OPEN;
	}
	return -1;
}

int
redir_plan_spawn_actions(const struct redir_plan *plan,
    posix_spawn_file_actions_t *fa)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < plan->n && rc == 0; i++) {
		if (plan->steps[i].src == -1)
			rc = posix_spawn_file_actions_addclose(fa,
			    plan->steps[i].fd);
		else if (plan->steps[i].src != plan->steps[i].fd)
			rc = posix_spawn_file_actions_adddup2(fa,
			    plan->steps[i].src, plan->steps[i].fd);
	}
	return rc;
}

/*
 * A copy of fd to put back after a builtin: above the user's descriptors,
 * or, when those are full (a tight limit, taken by a pipeline's pipes),
 * in 3-9 where no step of the plan writes.
 */
static int
save_copy(const struct redir_plan *plan, int fd)
{
	int	copy = redir_dup_high(fd), low = 3;

	while (copy == -1 && errno == EMFILE && low < REDIR_USER_FDS) {
		if ((copy = fcntl(fd, F_DUPFD_CLOEXEC, low)) == -1 ||
		    copy >= REDIR_USER_FDS)
			break;
		if (!redir_plan_sets(plan, copy))
			return copy;
		low = copy + 1;
		close(copy);
		copy = -1;
		errno = EMFILE;
	}
	return copy;
}

int
redir_plan_apply(struct redir_plan *plan, bool skip_stdio)
{
	size_t	i;
	int	fd, src;

	if (plan->n == 0)
		return 0;	/* nothing to undo either: saved stays NULL */
	plan->saved = xreallocarray(NULL, plan->n, sizeof *plan->saved);
	for (i = 0; i < plan->n; i++) {
		fd = plan->steps[i].fd;
		src = plan->steps[i].src;
		if (skip_stdio && (fd == STDIN_FILENO || fd == STDOUT_FILENO)) {
			plan->saved[i] = NO_CHANGE;
			continue;
		}
		plan->saved[i] = save_copy(plan, fd);
		if (plan->saved[i] == -1 && errno != EBADF) {
			sh_error("%d: %s", fd, strerror(errno));
			plan->n = i;
			return -1;
		}
		if (src == -1)
			close(fd);
		else if (src != fd && dup2(src, fd) == -1) {
			sh_error("%d: %s", src, strerror(errno));
			plan->n = i + 1;
			return -1;
		}
	}
	return 0;
}

void
redir_plan_undo(struct redir_plan *plan)
{
	size_t	i;

	if (plan->saved == NULL)
		return;
	fflush(stdout);
	for (i = plan->n; i-- > 0;) {
		if (plan->saved[i] == NO_CHANGE)
			continue;
		if (plan->saved[i] == -1)
			close(plan->steps[i].fd);
		else {
			dup2(plan->saved[i], plan->steps[i].fd);
			close(plan->saved[i]);
		}
	}
	free(plan->saved);
	plan->saved = NULL;
}

void
redir_plan_free(struct redir_plan *plan)
{
	size_t	i;

	for (i = 0; i < plan->n_owned; i++)
		close(plan->owned[i]);
	free(plan->owned);
	free(plan->steps);
	free(plan->saved);
	memset(plan, 0, sizeof *plan);
}
