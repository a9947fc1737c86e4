/*
 * signals: the interactive shell's signal watchers.
 */
#include <signal.h>
#include <stdlib.h>

#include <ev.h>

#include "editor.h"
#include "job.h"
#include "plainsource.h"
#include "shell.h"
#include "signals.h"

static ev_signal	watchers[5];

static void
interrupt_cb(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct shell	*sh = w->data;

	(void)loop;
	(void)revents;
	if (sh->foreground != NULL)
		job_signal_tasks(sh->foreground, SIGINT);
	else if (sh->editor != NULL)
		editor_interrupt(sh->editor);
	else if (sh->plain != NULL)
		plain_source_interrupt(sh->plain);
}

/* ^Z and ^\ reach the builtins of the foreground job while the shell
   holds the terminal; at the prompt the shell ignores them. */
static void
foreground_signal_cb(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct shell	*sh = w->data;

	(void)loop;
	(void)revents;
	if (sh->foreground != NULL)
		job_signal_tasks(sh->foreground, w->signum);
}

static void
winch_cb(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct shell	*sh = w->data;

	(void)loop;
	(void)revents;
	if (sh->editor != NULL)
		editor_resize(sh->editor);
}

static void
hangup_cb(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct shell	*sh = w->data;

	(void)loop;
	(void)revents;
	shell_leave(sh, 128 + SIGHUP);
}

void
signals_interactive(struct shell *sh)
{
	static const struct {
		int		 sig;
		void		(*cb)(struct ev_loop *, ev_signal *, int);
	} table[] = {
		{ SIGINT, interrupt_cb },
		{ SIGTSTP, foreground_signal_cb },
		{ SIGQUIT, foreground_signal_cb },
		{ SIGWINCH, winch_cb },
		{ SIGHUP, hangup_cb },
	};
	size_t	i;

	signal(SIGTERM, SIG_IGN);
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		ev_signal_init(&watchers[i], table[i].cb, table[i].sig);
		watchers[i].data = sh;
		ev_signal_start(sh->loop, &watchers[i]);
		/* ^C keeps the loop alive: an interactive shell ends only
		   by shell_leave, and a wait that nothing else can end
		   (a job stopped under it) must still be interruptible. */
		if (table[i].sig != SIGINT)
			ev_unref(sh->loop);
	}
}
