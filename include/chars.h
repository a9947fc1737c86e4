/*
 * chars: ASCII character classes of the shell language.  ctype would
 * depend on the locale and on the signedness of char.
 */
#ifndef JOBSH_CHARS_H
#define JOBSH_CHARS_H

#include <stdbool.h>

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool
is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static inline bool
is_name_char(char c)
{
	return is_name_start(c) || is_digit(c);
}

#endif
