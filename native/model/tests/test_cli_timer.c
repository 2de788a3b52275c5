/* The CLI stopwatch measures the time between start and stop, and the printers show it. */
#include <time.h>

#include "harness.h"
#include "liblightnvm_cli.h"

int main(void)
{
	struct timespec nap = { .tv_sec = 0, .tv_nsec = 2000000 };
	const char *out;

	nvm_cli_timer_start();
	nanosleep(&nap, NULL); /* a lower bound on the measured time, not a wait for an event */
	nvm_cli_timer_stop();
	CHECK(nvm_cli_timer_elapsed_nsecs() >= 2000000);
	CHECK(nvm_cli_timer_elapsed_msecs() >= 2.0);
	CHECK(nvm_cli_timer_elapsed() == nvm_cli_timer_elapsed_secs());
	h_capture_begin();
	nvm_cli_timer_pr("tool");
	nvm_cli_timer_bw_pr("io", 1048576);
	nvm_cli_info_pr("n=%d", 3);
	out = h_capture_end();
	CHECK(strstr(out, "tool: {elapsed: 0.00"));
	CHECK(strstr(out, "io: {elapsed: 0.00"));
	CHECK(strstr(out, ", mb: 1.00, mbsec: "));
	CHECK(strstr(out, "# n=3\n"));
	return H_EXIT_PASS;
}
