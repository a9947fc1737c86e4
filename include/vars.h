/*
 * vars: a table of shell variables with their export flags.
 *
 * Tables are shared copy-on-write: a subshell or background job takes a
 * reference, and the first change through vars_set/vars_unset on a shared
 * table copies it first.  That makes starting a background job cheap no
 * matter how large the environment is.
 */
#ifndef JOBSH_VARS_H
#define JOBSH_VARS_H

#include <stdbool.h>
#include <stddef.h>

struct vars;

struct vars	*vars_new(void);
/* Imports NAME=value strings, exported.  The values are used in place, not
   copied: envp's strings must outlive the table (environ does). */
struct vars	*vars_from_environ(char *const *envp);
struct vars	*vars_share(struct vars *);
void		 vars_unref(struct vars *);

const char	*vars_get(const struct vars *, const char *name);
/* These take the owner's pointer, which may be replaced by a private copy. */
void		 vars_set(struct vars **, const char *name, const char *value);
void		 vars_export(struct vars **, const char *name);
void		 vars_unset(struct vars **, const char *name);

/* The exported variables as "NAME=value" strings; cached until a change. */
char *const	*vars_environ(struct vars *);

/* Every variable sorted by name, for `export -p` and `set`. */
typedef void vars_visit_cb(const char *name, const char *value,
    bool exported, void *arg);
void		 vars_foreach_sorted(const struct vars *, vars_visit_cb *,
		    void *);

/* Whether s is a valid variable name ([A-Za-z_][A-Za-z0-9_]*). */
bool		 vars_valid_name(const char *s, size_t len);

#endif
