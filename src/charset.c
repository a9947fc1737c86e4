/*
 * charset: the locale's character type, loaded when first needed.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <string.h>

#include "charset.h"

static bool	loaded;

/*
 * Without a UTF-8 codeset, libedit would drop non-ASCII input and ${#x}
 * would count bytes, so C.UTF-8 stands in.
 */
static void
load(int category)
{
	setlocale(category, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	loaded = true;
}

void
charset_init(bool interactive)
{
	if (interactive)
		load(LC_ALL);
}

void
charset_need(void)
{
	if (!loaded)
		load(LC_CTYPE);
}
