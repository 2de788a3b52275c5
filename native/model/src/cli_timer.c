/*
 * cli_timer.c: the process-wide stopwatch and small printers of liblightnvm_cli.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "liblightnvm_cli.h"

static uint64_t lnm_timer_start_ns;
static uint64_t lnm_timer_stop_ns;

size_t nvm_cli_timer_start(void)
{
	lnm_timer_start_ns = lnm_now_ns();
	return (size_t)(lnm_timer_start_ns / 1000000);
}

size_t nvm_cli_timer_stop(void)
{
	lnm_timer_stop_ns = lnm_now_ns();
	return (size_t)(lnm_timer_stop_ns / 1000000);
}

size_t nvm_cli_timer_elapsed_nsecs(void)
{
	return lnm_timer_stop_ns > lnm_timer_start_ns
		       ? (size_t)(lnm_timer_stop_ns - lnm_timer_start_ns)
		       : 0;
}

double nvm_cli_timer_elapsed_usecs(void)
{
	return (double)nvm_cli_timer_elapsed_nsecs() / 1e3;
}

double nvm_cli_timer_elapsed_msecs(void)
{
	return (double)nvm_cli_timer_elapsed_nsecs() / 1e6;
}

double nvm_cli_timer_elapsed_secs(void)
{
	return (double)nvm_cli_timer_elapsed_nsecs() / 1e9;
}

double nvm_cli_timer_elapsed(void)
{
	return nvm_cli_timer_elapsed_secs();
}

void nvm_cli_timer_pr(const char *tool)
{
	printf("%s: {elapsed: %lf}\n", tool, nvm_cli_timer_elapsed());
}

void nvm_cli_timer_bw_pr(const char *prefix, size_t nbytes)
{
	const double secs = nvm_cli_timer_elapsed_secs();
	const double mb = (double)nbytes / 1048576.0;

	printf("%s: {elapsed: %.4f, mb: %.2f, mbsec: %.2f}\n", prefix, secs, mb,
	       secs > 0 ? mb / secs : 0.0);
}

void nvm_cli_info_pr(const char *format, ...)
{
	va_list args;

	printf("# ");
	va_start(args, format);
	vprintf(format, args);
	va_end(args);
	printf("\n");
}

void nvm_cli_perror(const char *msg)
{
	printf("# FAILED: %s: %s\n", msg, strerror(errno));
}

void nvm_cli_status_pr(const char *task, size_t cur, size_t total)
{
	printf("%s: %zu/%zu%s", task, cur, total, cur == total ? "\n" : "\r");
	fflush(stdout);
}
