/*
 * vars: variables in a chained hash table, shared copy-on-write.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "strvec.h"
#include "vars.h"
#include "xmalloc.h"

struct var {
	struct var	*next;
	char		*value;		/* NULL: declared (exported) but unset */
	uint32_t	 hash;		/* of name */
	bool		 exported;
	bool		 borrowed;	/* value is in the process's environ,
					   which outlives every vars */
	char		 name[];
};

struct vars {
	unsigned	  refs;
	size_t		  count;
	size_t		  nbuckets;	/* a power of two */
	struct var	**buckets;
	struct strvec	  environ;	/* cache of exported NAME=value */
	bool		  environ_valid;
};

static uint32_t
hash_name(const char *s, size_t len)
{
	uint32_t	h = 2166136261u;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The name is the first len bytes of name: NAME=value needs no copy. */
static struct var **
find_slot_n(const struct vars *vs, const char *name, size_t len, uint32_t h)
{
	struct var	**pp = &vs->buckets[h & (vs->nbuckets - 1)];

	while (*pp != NULL && ((*pp)->hash != h ||
	    memcmp((*pp)->name, name, len) != 0 || (*pp)->name[len] != '\0'))
		pp = &(*pp)->next;
	return pp;
}

static struct var **
find_slot(const struct vars *vs, const char *name)
{
	size_t	len = strlen(name);

	return find_slot_n(vs, name, len, hash_name(name, len));
}

static struct var *
new_var(const char *name, size_t len, uint32_t hash)
{
	struct var	*v = xmalloc(sizeof *v + len + 1);

	v->next = NULL;
	v->value = NULL;
	v->hash = hash;
	v->exported = false;
	v->borrowed = false;
	memcpy(v->name, name, len);
	v->name[len] = '\0';
	return v;
}

static struct vars *
vars_alloc(size_t nbuckets)
{
	struct vars	*vs = xcalloc(1, sizeof *vs);

	vs->refs = 1;
	vs->nbuckets = nbuckets;
	vs->buckets = xcalloc(nbuckets, sizeof *vs->buckets);
	return vs;
}

struct vars *
vars_new(void)
{
	return vars_alloc(64);
}

static void
insert(struct vars *vs, struct var *v)
{
	size_t	 i = v->hash & (vs->nbuckets - 1);

	v->next = vs->buckets[i];
	vs->buckets[i] = v;
	vs->count++;
}

static void
grow_if_full(struct vars *vs)
{
	struct var	**old = vs->buckets, *v, *next;
	size_t		  i, n = vs->nbuckets;

	if (vs->count < n)
		return;
	vs->nbuckets = n * 2;
	vs->buckets = xcalloc(vs->nbuckets, sizeof *vs->buckets);
	vs->count = 0;
	for (i = 0; i < n; i++) {
		for (v = old[i]; v != NULL; v = next) {
			next = v->next;
			insert(vs, v);
		}
	}
	free(old);
}

struct vars *
vars_share(struct vars *vs)
{
	vs->refs++;
	return vs;
}

static void
set_value(struct var *v, char *value, bool borrowed)
{
	if (!v->borrowed)
		free(v->value);
	v->value = value;
	v->borrowed = borrowed;
}

static void
free_var(struct var *v)
{
	set_value(v, NULL, false);
	free(v);
}

void
vars_unref(struct vars *vs)
{
	struct var	*v, *next;
	size_t		 i;

	if (vs == NULL || --vs->refs > 0)
		return;
	for (i = 0; i < vs->nbuckets; i++) {
		for (v = vs->buckets[i]; v != NULL; v = next) {
			next = v->next;
			free_var(v);
		}
	}
	free(vs->buckets);
	strvec_clear(&vs->environ);
	free(vs);
}

/* Makes *vsp private to its owner before a change. */
static struct vars *
unshare(struct vars **vsp)
{
	struct vars	*old = *vsp, *copy;
	struct var	*v, *c;
	size_t		 i;

	if (old->refs == 1)
		return old;
	copy = vars_alloc(old->nbuckets);
	for (i = 0; i < old->nbuckets; i++) {
		for (v = old->buckets[i]; v != NULL; v = v->next) {
			c = new_var(v->name, strlen(v->name), v->hash);
			set_value(c, v->borrowed || v->value == NULL ? v->value :
			    xstrdup(v->value), v->borrowed);
			c->exported = v->exported;
			insert(copy, c);
		}
	}
	old->refs--;
	*vsp = copy;
	return copy;
}

const char *
vars_get(const struct vars *vs, const char *name)
{
	struct var	*v = *find_slot(vs, name);

	return v != NULL ? v->value : NULL;
}

static struct var *
lookup_or_add_n(struct vars *vs, const char *name, size_t len)
{
	uint32_t	  h = hash_name(name, len);
	struct var	**pp = find_slot_n(vs, name, len, h), *v;

	if (*pp != NULL)
		return *pp;
	grow_if_full(vs);
	v = new_var(name, len, h);
	insert(vs, v);
	return v;
}

static struct var *
lookup_or_add(struct vars *vs, const char *name)
{
	return lookup_or_add_n(vs, name, strlen(name));
}

struct vars *
vars_from_environ(char *const *envp)
{
	struct vars	*vs = vars_new();
	const char	*eq;
	struct var	*v;

	for (; envp != NULL && *envp != NULL; envp++) {
		if ((eq = strchr(*envp, '=')) == NULL ||
		    !vars_valid_name(*envp, (size_t)(eq - *envp)))
			continue;
		v = lookup_or_add_n(vs, *envp, (size_t)(eq - *envp));
		set_value(v, (char *)eq + 1, true);
		v->exported = true;
	}
	return vs;
}

void
vars_set(struct vars **vsp, const char *name, const char *value)
{
	struct vars	*vs = unshare(vsp);
	struct var	*v = lookup_or_add(vs, name);

	set_value(v, xstrdup(value), false);
	if (v->exported)
		vs->environ_valid = false;
}

void
vars_export(struct vars **vsp, const char *name)
{
	struct vars	*vs = unshare(vsp);
	struct var	*v = lookup_or_add(vs, name);

	if (!v->exported) {
		v->exported = true;
		vs->environ_valid = false;
	}
}

void
vars_unset(struct vars **vsp, const char *name)
{
	struct vars	*vs;
	struct var	**pp, *v;

	if (*find_slot(*vsp, name) == NULL)
		return;
	vs = unshare(vsp);
	pp = find_slot(vs, name);
	v = *pp;
	*pp = v->next;
	vs->count--;
	if (v->exported)
		vs->environ_valid = false;
	free_var(v);
}

char *const *
vars_environ(struct vars *vs)
{
	struct var	*v;
	size_t		 i;

	if (vs->environ_valid)
		return strvec_argv(&vs->environ);
	strvec_clear(&vs->environ);
	for (i = 0; i < vs->nbuckets; i++) {
		for (v = vs->buckets[i]; v != NULL; v = v->next) {
			if (v->exported && v->value != NULL)
				strvec_push_owned(&vs->environ,
				    xasprintf("%s=%s", v->name, v->value));
		}
	}
	vs->environ_valid = true;
	return strvec_argv(&vs->environ);
}

static int
compare_var_names(const void *a, const void *b)
{
	const struct var	*va = *(struct var *const *)a;
	const struct var	*vb = *(struct var *const *)b;

	return strcmp(va->name, vb->name);
}

void
vars_foreach_sorted(const struct vars *vs, vars_visit_cb *cb, void *arg)
{
	struct var	**all, *v;
	size_t		  i, n = 0;

	all = xreallocarray(NULL, vs->count, sizeof *all);
	for (i = 0; i < vs->nbuckets; i++)
		for (v = vs->buckets[i]; v != NULL; v = v->next)
			all[n++] = v;
	qsort(all, n, sizeof *all, compare_var_names);
	for (i = 0; i < n; i++)
		cb(all[i]->name, all[i]->value, all[i]->exported, arg);
	free(all);
}

bool
vars_valid_name(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || !is_name_start(s[0]))
		return false;
	for (i = 1; i < len; i++)
		if (!is_name_char(s[i]))
			return false;
	return true;
}
