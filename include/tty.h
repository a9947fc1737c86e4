/*
 * tty: the interactive shell's hold on its terminal — its own process
 * group in the foreground, the modes it found, and giving both back on
 * every way out, a crash included.
 */
#ifndef JOBSH_TTY_H
#define JOBSH_TTY_H

#include <stdbool.h>

struct shell;

/*
 * Waits until the shell is in the foreground, puts it in its own process
 * group and saves the terminal modes.  Returns false when fd is not a
 * usable terminal (the shell then runs without job control).
 */
bool	tty_take(struct shell *, int fd);
/* Gives the terminal back as it was found (modes and foreground group). */
void	tty_restore(struct shell *);

#endif
