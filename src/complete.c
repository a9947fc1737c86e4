/*
 * complete: Tab completion on the edited line.
 */
#include <dirent.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "complete.h"
#include "context.h"
#include "editline.h"
#include "editor.h"
#include "expand.h"
#include "job.h"
#include "jobtab.h"
#include "shell.h"
#include "strbuf.h"
#include "vars.h"
#include "xmalloc.h"

static const char	word_breaks[] = " \t\n;&|()<>";

static void
add_if_prefix(struct strvec *out, const char *cand, const char *prefix)
{
	if (strncmp(cand, prefix, strlen(prefix)) == 0)
		strvec_push(out, cand);
}

static void
complete_jobs(struct shell *sh, const char *word, struct strvec *out)
{
	struct job	*job;
	char		 spec[24];

	for (job = jobtab_first(sh->jobs); job != NULL;
	    job = jobtab_next(sh->jobs, job)) {
		snprintf(spec, sizeof spec, "%%%d", job->number);
		add_if_prefix(out, spec, word);
	}
}

struct var_match {
	struct strvec	*out;
	const char	*prefix;
};

static void
var_visit(const char *name, const char *value, bool exported, void *arg)
{
	struct var_match	*m = arg;
	char			*cand;

	(void)value;
	(void)exported;
	if (strncmp(name, m->prefix, strlen(m->prefix)) != 0)
		return;
	cand = xasprintf("$%s", name);
	strvec_push_owned(m->out, cand);
}

static void
complete_vars(struct shell *sh, const char *word, struct strvec *out)
{
	struct var_match	m = { out, word + 1 };

	vars_foreach_sorted(sh->main->vars, var_visit, &m);
}

static void
complete_commands(struct shell *sh, const char *word, struct strvec *out)
{
	const struct builtin	*b;
	const char		*path = context_get(sh->main, "PATH");
	char			*dirs, *dir, *save = NULL, *full;
	struct dirent		*de;
	DIR			*d;
	size_t			 i, len = strlen(word);

	for (i = 0; (b = builtin_at(i)) != NULL; i++)
		add_if_prefix(out, b->name, word);
	dirs = xstrdup(path != NULL ? path : "/usr/bin:/bin");
	for (dir = strtok_r(dirs, ":", &save); dir != NULL;
	    dir = strtok_r(NULL, ":", &save)) {
		if ((d = opendir(dir)) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			if (strncmp(de->d_name, word, len) != 0 ||
			    de->d_name[0] == '.')
				continue;
			full = xasprintf("%s/%s", dir, de->d_name);
			if (access(full, X_OK) == 0)
				strvec_push(out, de->d_name);
			free(full);
		}
		closedir(d);
	}
	free(dirs);
}

/* File names through glob(3), after expanding a leading ~/. */
static void
complete_files(struct shell *sh, const char *word, struct strvec *out)
{
	const char	*home = context_get(sh->main, "HOME");
	struct strbuf	 pattern = STRBUF_INIT;
	glob_t		 g;
	size_t		 i, skip = 0;

	if (word[0] == '~' && (word[1] == '/' || word[1] == '\0') &&
	    home != NULL) {
		strbuf_addstr(&pattern, home);
		skip = strlen(home);
		word++;
	}
	strbuf_addstr(&pattern, word);
	strbuf_addch(&pattern, '*');
	if (context_enter_cwd(sh->main) == 0 &&
	    expand_globbable(pattern.data, pattern.len) &&
	    glob(pattern.data, GLOB_MARK, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++) {
			if (skip > 0)
				strvec_push_owned(out, xasprintf("~%s",
				    g.gl_pathv[i] + skip));
			else
				strvec_push(out, g.gl_pathv[i]);
		}
		globfree(&g);
	}
	strbuf_free(&pattern);
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
sort_unique(struct strvec *v)
{
	size_t	i, j = 0;

	if (v->n == 0)
		return;
	qsort(v->v, v->n, sizeof *v->v, compare_strings);
	for (i = 1; i < v->n; i++) {
		if (strcmp(v->v[i], v->v[j]) == 0)
			free(v->v[i]);
		else
			v->v[++j] = v->v[i];
	}
	v->n = j + 1;
	v->v[v->n] = NULL;
}

void
complete_candidates(struct shell *sh, const char *word, int command,
    struct strvec *out)
{
	if (word[0] == '%')
		complete_jobs(sh, word, out);
	else if (word[0] == '$')
		complete_vars(sh, word, out);
	else if (command && strchr(word, '/') == NULL)
		complete_commands(sh, word, out);
	else
		complete_files(sh, word, out);
	sort_unique(out);
}

/* Whether the word starting at start is in command position. */
static int
in_command_position(const char *line, const char *start)
{
	const char	*p = start;

	while (p > line && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	return p == line || strchr(";&|(!", p[-1]) != NULL;
}

static size_t
common_prefix(const struct strvec *v)
{
	size_t	len = strlen(v->v[0]), i, k;

	for (i = 1; i < v->n; i++) {
		for (k = 0; k < len && v->v[i][k] == v->v[0][k]; k++)
			;
		len = k;
	}
	return len;
}

static void
insert_escaped(EditLine *el, const char *s, size_t n)
{
	struct strbuf	sb = STRBUF_INIT;
	size_t		i;

	for (i = 0; i < n; i++) {
		if (strchr(" \t\\'\"$&|;()<>*?[]#~", s[i]) != NULL &&
		    !(s[i] == '~' && i == 0))
			strbuf_addch(&sb, '\\');
		strbuf_addch(&sb, s[i]);
	}
	if (sb.len > 0)
		libedit->el_insertstr(el, sb.data);
	strbuf_free(&sb);
}

static void
list_candidates(EditLine *el, const struct strvec *v)
{
	struct strbuf	sb = STRBUF_INIT;
	size_t		i, width = 0, cols, per_row, len;

	for (i = 0; i < v->n; i++)
		if ((len = strlen(v->v[i])) > width)
			width = len;
	width += 2;
	cols = 80;
	per_row = width < cols ? cols / width : 1;
	strbuf_addch(&sb, '\n');
	for (i = 0; i < v->n; i++) {
		strbuf_addf(&sb, "%-*s", (int)width, v->v[i]);
		if ((i + 1) % per_row == 0 || i + 1 == v->n)
			strbuf_addch(&sb, '\n');
	}
	editor_print_above(el, sb.data + 1);
	strbuf_free(&sb);
}

static unsigned char
complete_cb(EditLine *el, int ch)
{
	const LineInfo	*li = libedit->el_line(el);
	struct strvec	 cands = STRVEC_INIT;
	const char	*start = li->cursor;
	char		*word;
	size_t		 typed, common;
	bool		 dir;

	(void)ch;
	while (start > li->buffer && strchr(word_breaks, start[-1]) == NULL)
		start--;
	word = xstrndup(start, (size_t)(li->cursor - start));
	typed = strlen(word);
	complete_candidates(editor_shell(el), word,
	    in_command_position(li->buffer, start), &cands);
	if (cands.n == 1) {
		dir = cands.v[0][strlen(cands.v[0]) - 1] == '/';
		insert_escaped(el, cands.v[0] + typed,
		    strlen(cands.v[0]) - typed);
		if (!dir)
			libedit->el_insertstr(el, " ");
	} else if (cands.n > 1) {
		common = common_prefix(&cands);
		if (common > typed)
			insert_escaped(el, cands.v[0] + typed, common - typed);
		else
			list_candidates(el, &cands);
	}
	strvec_clear(&cands);
	free(word);
	return CC_REFRESH;
}

void
complete_install(EditLine *el)
{
	libedit->el_set(el, EL_ADDFN, "jobsh-complete", "complete a word",
	    complete_cb);
	libedit->el_set(el, EL_BIND, "^I", "jobsh-complete", NULL);
}
