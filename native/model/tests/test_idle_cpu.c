/* An open device with a context and no I/O in flight uses (almost) no CPU: workers sleep. */
#include <sys/resource.h>
#include <time.h>

#include "harness.h"

#define IDLE_MS 300
#define MAX_IDLE_CPU_MS 15

static long cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000L +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000L;
}

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 8, 0);
	char *buf = nvm_buf_alloc(dev, 4096, NULL);
	struct nvm_ret ret = { .async = { .ctx = ctx } };
	struct nvm_addr a = h_addr(1, 1, 1, 0);
	struct timespec idle = { 0, IDLE_MS * 1000000L };
	long before;

	CHECK(ctx);
	for (int i = 0; i < 100; ++i) {
		CHECK_EQ(nvm_cmd_read(dev, &a, 1, buf, NULL, NVM_CMD_ASYNC, &ret), 0);
		CHECK_EQ(nvm_async_wait(dev, ctx), 1);
	}
	before = cpu_ms();
	nanosleep(&idle, NULL); /* measuring idle CPU time, not waiting for an event */
	CHECK(cpu_ms() - before <= MAX_IDLE_CPU_MS);
	CHECK_EQ(nvm_async_term(dev, ctx), 0);
	nvm_buf_free(dev, buf);
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
