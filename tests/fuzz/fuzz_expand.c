/*
 * fuzz_expand: libFuzzer target for word expansion (src/expand.c).
 *
 * Input: one configuration byte, then a script.  The script is parsed
 * command by command as the runner does (NULs dropped), and every word,
 * assignment and redirection target of every simple command, subshells
 * included, is expanded the way src/exec.c and src/redir.c do it:
 * expand_fields over the words, expand_word(assignment) over NAME=value,
 * expand_word over redirection targets, and expand_word over each word
 * alone as well.  All of it runs twice: with noglob (set -f) and without.
 *
 * The environment is a fake struct expand_ops: a few fixed variables, the
 * special parameters, positional parameters, and an assign callback (for
 * ${x:=word}) that frees the old value as vars_set does.  The
 * configuration byte chooses
 *	bits 0-3	IFS (unset, default, empty, ":", multibyte...),
 *	bits 4-6	how many positional parameters are set (0-6),
 *	bit 7		whether $! is set.
 *
 * Globbing happens in a temporary directory of this process (see
 * sandbox.c), entered for each input, holding a fixed set of names; the
 * glob replacement there keeps patterns rooted at / or .. from reading
 * anything outside it.  ~user expands through a fake getpwnam.
 *
 * Built by `make fuzz` (see the end of the Makefile).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expand.h"
#include "parse.h"
#include "sandbox.h"
#include "strvec.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const ifs_variants[16] = {
	NULL, " \t\n", "", ":", " :", ":/", " \t", "\n", "a", "*?",
	"\\", " =", "\xc3\xa9", "  :  ", "\"'", "-\xff",
};

static const char *const fixed_vars[][2] = {
	{ "HOME", "/home/fuzz" },
	{ "PWD", NULL },		/* the temporary directory */
	{ "OLDPWD", "/tmp/old" },
	{ "PATH", "/bin:/usr/bin" },
	{ "a", "a b  c" },
	{ "b", "*" },
	{ "c", "[x]" },
	{ "d", "dir/*" },
	{ "e", "" },
	{ "g", "?b*" },
	{ "s", "  lead and trail  " },
	{ "colon", "x:y::z:" },
	{ "utf", "\xc3\xa9t\xc3\xa9" },
	{ "bad", "\xff\xfe\xc3" },
	{ "q", "'\"\\$x" },
	{ "nl", "one\ntwo" },
	{ "x", "1" },
};

static char	p1[] = "one", p2[] = "two words", p3[] = "", p4[] = "*",
		p5[] = "-x", p6[] = "a:b";
static char *const positional_params[] = { p1, p2, p3, p4, p5, p6 };

struct var {
	char	*name;
	char	*value;
};

struct env {
	struct var	*vars;
	size_t		 n, cap;
	size_t		 n_positional;
	bool		 bang;
};

static struct var *
find_var(struct env *env, const char *name)
{
	size_t	i;

	for (i = 0; i < env->n; i++)
		if (strcmp(env->vars[i].name, name) == 0)
			return &env->vars[i];
	return NULL;
}

static void
set_var(struct env *env, const char *name, const char *value)
{
	struct var	*v = find_var(env, name);

	if (v == NULL) {
		if (env->n == env->cap) {
			env->cap = env->cap ? env->cap * 2 : 32;
			env->vars = realloc(env->vars,
			    env->cap * sizeof *env->vars);
			if (env->vars == NULL)
				abort();
		}
		v = &env->vars[env->n++];
		v->name = strdup(name);
		v->value = NULL;
	}
	free(v->value);		/* as vars_set: the old value goes now */
	v->value = strdup(value);
	if (v->name == NULL || v->value == NULL)
		abort();
}

static void
env_free(struct env *env)
{
	size_t	i;

	for (i = 0; i < env->n; i++) {
		free(env->vars[i].name);
		free(env->vars[i].value);
	}
	free(env->vars);
	memset(env, 0, sizeof *env);
}

static void
env_init(struct env *env, uint8_t config)
{
	const char	*ifs = ifs_variants[config & 0x0f];
	size_t		 i;

	memset(env, 0, sizeof *env);
	for (i = 0; i < sizeof fixed_vars / sizeof fixed_vars[0]; i++)
		set_var(env, fixed_vars[i][0], fixed_vars[i][1] != NULL ?
		    fixed_vars[i][1] : fuzz_tmpdir);
	if (ifs != NULL)
		set_var(env, "IFS", ifs);
	env->n_positional = (config >> 4) & 0x07;
	if (env->n_positional > 6)
		env->n_positional = 6;
	env->bang = (config & 0x80) != 0;
}

/* As context.c: special parameters, then variables. */
static const char *
fake_lookup(void *data, const char *name)
{
	static char	 count[8];
	struct env	*env = data;
	struct var	*v;
	char		*end;
	long		 n;

	if (strcmp(name, "?") == 0)
		return "0";
	if (strcmp(name, "$") == 0)
		return "4242";
	if (strcmp(name, "!") == 0)
		return env->bang ? "4243" : NULL;
	if (strcmp(name, "#") == 0) {
		snprintf(count, sizeof count, "%zu", env->n_positional);
		return count;
	}
	if (strcmp(name, "-") == 0)
		return "f";
	if (strcmp(name, "0") == 0)
		return "jobsh";
	if (name[0] >= '0' && name[0] <= '9') {
		n = strtol(name, &end, 10);
		if (*end == '\0' && n > 0)
			return (size_t)n <= env->n_positional ?
			    positional_params[n - 1] : NULL;
		return NULL;
	}
	v = find_var(env, name);
	return v != NULL ? v->value : NULL;
}

static void
fake_assign(void *data, const char *name, const char *value)
{
	if (name == NULL || value == NULL || *name == '\0')
		abort();
	set_var(data, name, value);
}

static size_t
fake_positional(void *data, char *const **argv)
{
	struct env	*env = data;

	*argv = positional_params;
	return env->n_positional;
}

static void
check(int ok, const char *what)
{
	if (!ok)
		fuzz_fail("fuzz_expand: broken invariant: %s", what);
}

static void
check_fields(const struct strvec *out, size_t first, int rc,
    const char *error)
{
	size_t	i;

	if (rc == -1) {
		check(error != NULL && *error != '\0', "an error message");
		check(out->n == first, "no fields left after an error");
		return;
	}
	check(rc == 0, "expand_fields returns 0 or -1");
	if (out->n > 0)
		check(out->v[out->n] == NULL, "fields NULL-terminated");
	for (i = 0; i < out->n; i++)
		check(out->v[i] != NULL, "fields are strings");
}

static void
one_word(const struct expand_ops *ops, const char *word, bool assignment)
{
	char	*out = NULL, *error = NULL;
	int	 rc;

	rc = expand_word(ops, word, assignment, &out, &error);
	if (rc == 0)
		check(out != NULL, "expand_word gives a string");
	else {
		check(rc == -1 && out == NULL, "expand_word fails with NULL");
		check(error != NULL && *error != '\0', "an error message");
	}
	free(out);
	free(error);
}

static void	expand_list(const struct expand_ops *, const struct ast_list *);

static void
expand_command(const struct expand_ops *ops, const struct ast_command *c)
{
	struct strvec	 out = STRVEC_INIT;
	char		*error = NULL;
	size_t		 i;
	int		 rc;

	for (i = 0; i < c->n_assigns; i++)
		one_word(ops, c->assigns[i], true);
	/* Twice into the same vector: the second starts past the first. */
	rc = expand_fields(ops, c->words, c->n_words, &out, &error);
	check_fields(&out, 0, rc, error);
	free(error);
	error = NULL;
	if (rc == 0) {
		size_t	first = out.n;

		rc = expand_fields(ops, c->words, c->n_words, &out, &error);
		check_fields(&out, first, rc, error);
		free(error);
	}
	strvec_clear(&out);
	for (i = 0; i < c->n_words; i++)
		one_word(ops, c->words[i], false);
	for (i = 0; i < c->n_redirs; i++)
		one_word(ops, c->redirs[i].target, false);
	if (c->kind == AST_SUBSHELL)
		expand_list(ops, c->body);
}

static void
expand_list(const struct expand_ops *ops, const struct ast_list *l)
{
	size_t	i, j, k;

	for (i = 0; i < l->n_items; i++)
		for (j = 0; j < l->items[i].n_pipelines; j++)
			for (k = 0; k < l->items[i].pipelines[j].n_commands;
			    k++)
				expand_command(ops,
				    &l->items[i].pipelines[j].commands[k]);
}

static void
expand_script(const char *s, size_t len, uint8_t config, bool noglob)
{
	struct parse_result	r;
	struct expand_ops	ops;
	struct env		env;

	env_init(&env, config);
	ops.lookup = fake_lookup;
	ops.assign = fake_assign;
	ops.positional = fake_positional;
	ops.data = &env;
	ops.noglob = noglob;
	while (len > 0) {
		parse_command(s, len, &r);
		if (r.status == PARSE_INCOMPLETE)
			break;
		if (r.status == PARSE_OK && r.program->list != NULL)
			expand_list(&ops, r.program->list);
		if (r.program != NULL)
			ast_program_unref(r.program);
		free(r.error);
		s += r.consumed;
		len -= r.consumed;
	}
	env_free(&env);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_sandbox_init(argc, argv, true);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;
	size_t	 i, n = 0;

	if (size < 1)
		return 0;
	if ((s = malloc(size)) == NULL)
		return 0;
	for (i = 1; i < size; i++)	/* as source.c: NULs dropped */
		if (data[i] != '\0')
			s[n++] = (char)data[i];
	s[n] = '\0';
	fuzz_sandbox_enter();
	expand_script(s, n, data[0], true);
	expand_script(s, n, data[0], false);
	fuzz_sandbox_leave(false);
	free(s);
	return 0;
}
