/*
 * redir: a command's descriptor set-up as a plan of dup2/close steps.
 *
 * Files are opened in the shell (so errors name the file and nothing runs);
 * the plan is then either turned into posix_spawn file actions for a child
 * or applied to the shell's own descriptors around a builtin and undone.
 */
#ifndef JOBSH_REDIR_H
#define JOBSH_REDIR_H

#include <spawn.h>
#include <stdbool.h>
#include <stddef.h>

struct ast_redir;
struct context;

struct redir_step {
	int	fd;		/* the descriptor the command sees */
	int	src;		/* dup2(src, fd); -1: close(fd) */
};

struct redir_plan {
	struct redir_step	*steps;
	size_t			 n, cap;
	int			*owned;		/* opened here; closed at free */
	size_t			 n_owned, cap_owned;
	int			*saved;		/* applied: fd's old copy or -1 */
};

void	redir_plan_add(struct redir_plan *, int fd, int src);
/* Whether the plan changes fd. */
bool	redir_plan_sets(const struct redir_plan *, int fd);
/* Gives up fd if the plan owns it (the caller closes it now). */
bool	redir_plan_disown(struct redir_plan *, int fd);
/* Takes ownership of a descriptor the plan refers to. */
void	redir_plan_own(struct redir_plan *, int fd);
/* The context's inherited descriptors. */
void	redir_plan_add_context(struct redir_plan *, const struct context *);
/* Expands and opens the command's redirections; prints the error. */
int	redir_plan_add_ast(struct redir_plan *, struct context *,
	    const struct ast_redir *, size_t n);
/* The first descriptor a step (*step) would copy that is not open then,
   or -1: posix_spawn would fail, naming the command instead. */
int	redir_plan_bad_source(const struct redir_plan *, size_t *step);
int	redir_plan_spawn_actions(const struct redir_plan *,
	    posix_spawn_file_actions_t *);
/* The shell's descriptor that fd (0-9) is in a child spawned with the
   plan; -1 if the plan closes it. */
int	redir_plan_resolve(const struct redir_plan *, int fd);
/* The same, after only the first n steps. */
int	redir_plan_resolve_before(const struct redir_plan *, int fd,
	    size_t n);
/* Applies the plan to the shell's descriptors, remembering the old ones;
   with skip_stdio, steps for 0 and 1 are left out. */
int	redir_plan_apply(struct redir_plan *, bool skip_stdio);
void	redir_plan_undo(struct redir_plan *);
void	redir_plan_free(struct redir_plan *);

/* Descriptors 0-9 are the user's; the shell keeps its own above. */
#define REDIR_USER_FDS	10

/* dup to a close-on-exec descriptor >= 10, out of the user's range. */
int	redir_dup_high(int fd);

#endif
