/*
 * history: list or clear the interactive history.
 */
#include <stdio.h>
#include <stdlib.h>

#include "builtin.h"
#include "editor.h"
#include "history.h"
#include "shell.h"

static int
history_run(struct builtin_call *call)
{
	struct history	*h;
	struct optparse	 op = { 0, 0, NULL };
	size_t		 i, n, first = 0;
	char		*end;
	long		 last;
	int		 c;
	bool		 clear = false;

	while ((c = optparse_next(&op, call, "c")) != -1) {
		if (c == '?')
			return 2;
		clear = true;
	}
	if (op.index + 1 < call->argc)
		return builtin_usage(call, "too many arguments");
	if (call->sh->editor == NULL)
		return 0;
	h = editor_history(call->sh->editor);
	if (clear) {
		history_clear(h);
		return 0;
	}
	n = history_count(h);
	if (op.index < call->argc) {
		last = strtol(call->argv[op.index], &end, 10);
		if (*end != '\0' || last < 0)
			return builtin_usage(call, "%s: numeric argument required",
			    call->argv[op.index]);
		if ((size_t)last < n)
			first = n - (size_t)last;
	}
	for (i = first; i < n; i++)
		printf("%5zu  %s\n", i + 1, history_get(h, i));
	return 0;
}

const struct builtin builtin_history = {
	"history", "history [-c] [N]",
	"List the command history (the last N entries), or clear it (-c).",
	history_run, NULL, false, false,
};
