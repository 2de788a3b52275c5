/* The CLI stopwatch measures the time between start and stop (bracketed by this test's own clock
 * readings around each call), and its printers show it. */
#include <time.h>

#include "harness.h"
#include "liblightnvm_cli.h"

static uint64_t h_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int main(void)
{
	uint64_t before_start, after_start, before_stop, after_stop;
	const char *out;
	size_t ns;

	before_start = h_now_ns();
	nvm_cli_timer_start();
	after_start = h_now_ns();
	before_stop = h_now_ns();
	nvm_cli_timer_stop();
	after_stop = h_now_ns();
	ns = nvm_cli_timer_elapsed_nsecs();
	CHECK(ns >= before_stop - after_start);
	CHECK(ns <= after_stop - before_start);
	CHECK(nvm_cli_timer_elapsed_usecs() == (double)ns / 1e3);
	CHECK(nvm_cli_timer_elapsed() == nvm_cli_timer_elapsed_secs());
	h_capture_begin();
	nvm_cli_timer_pr("tool");
	nvm_cli_timer_bw_pr("io", 1048576);
	nvm_cli_info_pr("n=%d", 3);
	out = h_capture_end();
	CHECK(!strncmp(out, "tool: {elapsed: ", 16));
	CHECK(strstr(out, "}\nio: {elapsed: "));
	CHECK(strstr(out, ", mb: 1.00, mbsec: "));
	CHECK(strstr(out, "# n=3\n"));
	return H_EXIT_PASS;
}
