/*
 * editline: libedit through dlopen (see editline.h).
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>

#include "editline.h"

#ifndef LIBEDIT_SONAME
#define LIBEDIT_SONAME	"libedit.so.2"
#endif

const struct editline_api	*libedit;

static struct editline_api	 api;

struct entry {
	const char	*name;
	void		*slot;		/* where the address goes */
};

int
editline_load(const char **why)
{
	const struct entry	table[] = {
		{ "el_init", &api.el_init },
		{ "el_end", &api.el_end },
		{ "el_gets", &api.el_gets },
		{ "el_set", &api.el_set },
		{ "el_get", &api.el_get },
		{ "el_insertstr", &api.el_insertstr },
		{ "el_line", &api.el_line },
		{ "el_wline", &api.el_wline },
		{ "el_resize", &api.el_resize },
		{ "el_source", &api.el_source },
		{ "history_init", &api.history_init },
		{ "history_end", &api.history_end },
		{ "history", &api.history },
	};
	static char	 reason[256];
	void		*lib, *sym;
	size_t		 i;

	if (libedit != NULL)
		return 0;
	if ((lib = dlopen(LIBEDIT_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		*why = dlerror();
		return -1;
	}
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		if ((sym = dlsym(lib, table[i].name)) == NULL) {
			/* dlerror's text does not outlive the dlclose. */
			snprintf(reason, sizeof reason, "%s", dlerror());
			dlclose(lib);
			*why = reason;
			return -1;
		}
		/* POSIX dlsym: an object pointer that holds a function's
		   address; copied bytewise into the function pointer. */
		*(void **)table[i].slot = sym;
	}
	libedit = &api;
	return 0;
}
