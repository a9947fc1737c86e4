/*
 * shellprompt: the prompt of the shell as it stands.
 */
#include <pwd.h>
#include <unistd.h>

#include "context.h"
#include "jobtab.h"
#include "prompt.h"
#include "shell.h"
#include "shellprompt.h"

char *
shell_prompt(struct shell *sh, bool continuation)
{
	struct context		*ctx = sh->main;
	struct prompt_info	 pi;
	struct passwd		*pw = getpwuid(getuid());
	const char		*ps;
	char			 host[256] = "";

	ps = context_get(ctx, continuation ? "PS2" : "PS1");
	if (ps == NULL)
		ps = continuation ? PROMPT_DEFAULT_PS2 : PROMPT_DEFAULT_PS1;
	gethostname(host, sizeof host - 1);
	pi.user = pw != NULL ? pw->pw_name : "";
	pi.host = host;
	pi.cwd = ctx->cwd;
	pi.home = context_get(ctx, "HOME");
	pi.jobs = (int)jobtab_count(sh->jobs);
	pi.status = ctx->status;
	pi.root = geteuid() == 0;
	return prompt_expand(ps, &pi);
}
