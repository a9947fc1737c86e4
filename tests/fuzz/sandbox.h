/*
 * sandbox: what the fuzz targets that touch the system share.
 *
 * A fresh temporary directory per fuzzer process, entered for the duration
 * of each input only, and link-time replacements for the libc calls the
 * shell makes (see sandbox.c) that confine it while an input runs: no
 * process is created, no signal is sent, nothing outside the directory is
 * written and nothing outside it but /dev/null is opened.
 */
#ifndef JOBSH_FUZZ_SANDBOX_H
#define JOBSH_FUZZ_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

/* The directory (its real path), once fuzz_sandbox_init has run. */
extern char	fuzz_tmpdir[];

/*
 * Once per process, from LLVMFuzzerInitialize: creates the directory (with
 * a few fixed entries when populate is set, for globbing), sets LC_CTYPE
 * to C.UTF-8 as jobsh does for scripts, and makes libFuzzer's artifact
 * paths absolute, since crash files are written while the process is
 * inside the directory.
 */
void	fuzz_sandbox_init(int *argc, char ***argv, bool populate);

/* Around each input: enter the directory and confine the shell; leave it,
   removing what the input created (remove_files), and check that no
   descriptor was left open. */
void	fuzz_sandbox_enter(void);
void	fuzz_sandbox_leave(bool remove_files);

/* A finding of the harness itself: the message on the sanitizers' report
   descriptor (which survives -close_fd_mask), then abort(). */
void	fuzz_fail(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
