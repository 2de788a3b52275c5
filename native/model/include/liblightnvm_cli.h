/*
 * liblightnvm_cli.h: the parts of liblightnvm's command-line helper API that the model exports: a
 * process-wide stopwatch and small printers used by liblightnvm's example programs. The argument
 * parser (nvm_cli_init/run/destroy and struct nvm_cli) is not part of the model.
 */
#ifndef LIBLIGHTNVM_CLI_H
#define LIBLIGHTNVM_CLI_H

#include <stddef.h>

#include "liblightnvm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Start / stop the process-wide stopwatch (CLOCK_MONOTONIC); each returns its time stamp in
 * milliseconds. Not thread-safe, as liblightnvm's. */
size_t nvm_cli_timer_start(void);
size_t nvm_cli_timer_stop(void);
/* Time between the last start and stop. */
double nvm_cli_timer_elapsed(void); /* seconds */
double nvm_cli_timer_elapsed_secs(void);
double nvm_cli_timer_elapsed_msecs(void);
double nvm_cli_timer_elapsed_usecs(void);
size_t nvm_cli_timer_elapsed_nsecs(void);
/* "TOOL: {elapsed: SECONDS}". */
void nvm_cli_timer_pr(const char *tool);
/* "PREFIX: {elapsed: S, mb: MB, mbsec: MB/S}" for nbytes moved in the elapsed time. */
void nvm_cli_timer_bw_pr(const char *prefix, size_t nbytes);
/* "# " then the printf-formatted message and a newline. */
void nvm_cli_info_pr(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* "# FAILED: MSG: strerror(errno)" on stdout. */
void nvm_cli_perror(const char *msg);
/* "TASK: CUR/TOTAL" progress line, ending with a newline when cur == total. */
void nvm_cli_status_pr(const char *task, size_t cur, size_t total);

#ifdef __cplusplus
}
#endif

#endif /* LIBLIGHTNVM_CLI_H */
