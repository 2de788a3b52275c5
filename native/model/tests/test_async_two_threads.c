/* Two contexts on one device, each driven by its own thread at the same time, write and read
 * back their own chunks correctly. */
#include <pthread.h>

#include "harness.h"

struct job {
	struct nvm_dev *dev;
	unsigned pugrp;
	int failures;
};

static void *run(void *arg)
{
	struct job *job = arg;
	struct nvm_async_ctx *ctx = nvm_async_init(job->dev, 16, 0);
	char *wbuf = nvm_buf_alloc(job->dev, 64 * 4096, NULL);
	char *rbuf = nvm_buf_alloc(job->dev, 64 * 4096, NULL);
	struct nvm_ret rets[16];

	if (!ctx || !wbuf || !rbuf)
		return (void *)1;
	for (unsigned chunk = 0; chunk < 8; ++chunk) {
		for (unsigned punit = 0; punit < 2; ++punit) {
			h_fill(wbuf, 64 * 4096, job->pugrp * 1000 + punit * 100 + chunk);
			/* 16 writes of 4 sectors to one chunk in flight at once */
			for (unsigned i = 0; i < 16; ++i) {
				struct nvm_addr a = h_addr(job->pugrp, punit, chunk, i * 4);

				memset(&rets[i], 0, sizeof(rets[i]));
				rets[i].async.ctx = ctx;
				while (nvm_cmd_write(job->dev, &a, 4, wbuf + i * 4 * 4096, NULL,
						     NVM_CMD_ASYNC | NVM_CMD_SCALAR, &rets[i]))
					nvm_async_poke(job->dev, ctx, 0);
			}
			if (nvm_async_wait(job->dev, ctx) != 16)
				++job->failures;
			for (unsigned i = 0; i < 16; ++i)
				job->failures += rets[i].status != 0;
			for (unsigned i = 0; i < 16; ++i) {
				struct nvm_addr a = h_addr(job->pugrp, punit, chunk, i * 4);

				rets[i].async.ctx = ctx;
				if (nvm_cmd_read(job->dev, &a, 4, rbuf + i * 4 * 4096, NULL,
						 NVM_CMD_ASYNC | NVM_CMD_SCALAR, &rets[i]))
					++job->failures;
			}
			nvm_async_wait(job->dev, ctx);
			job->failures += memcmp(rbuf, wbuf, 64 * 4096) != 0;
		}
	}
	job->failures += nvm_async_term(job->dev, ctx) != 0;
	nvm_buf_free(job->dev, rbuf);
	nvm_buf_free(job->dev, wbuf);
	return NULL;
}

int main(void)
{
	struct nvm_dev *dev = h_open(H_SMALL);
	struct job jobs[2] = { { dev, 0, 0 }, { dev, 1, 0 } };
	pthread_t threads[2];

	for (int t = 0; t < 2; ++t)
		CHECK_EQ(pthread_create(&threads[t], NULL, run, &jobs[t]), 0);
	for (int t = 0; t < 2; ++t) {
		void *rv;

		CHECK_EQ(pthread_join(threads[t], &rv), 0);
		CHECK(rv == NULL);
		CHECK_EQ(jobs[t].failures, 0);
	}
	nvm_dev_close(dev);
	return H_EXIT_PASS;
}
