/*
 * charset: the locale's character type (LC_CTYPE), loaded when first
 * needed.  A script that never counts or matches non-ASCII text never
 * pays for reading the locale files at start-up.
 */
#ifndef JOBSH_CHARSET_H
#define JOBSH_CHARSET_H

#include <stdbool.h>

/* The prompt gets the whole locale at once; a script gets it on demand. */
void	charset_init(bool interactive);

/* Before anything that depends on LC_CTYPE: mbrlen(3), glob(3). */
void	charset_need(void);

#endif
