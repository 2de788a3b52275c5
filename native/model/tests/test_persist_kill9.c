/* Writes whose completion was observed survive kill -9 of the writing process: a forked child
 * writes asynchronously and reports each completed write through a pipe; the parent kills it
 * with SIGKILL mid-stream, reopens the image and finds every reported write (write pointer at
 * least that far, bytes identical). */
#include <signal.h>

#include "harness.h"

#define NCHUNK_W 4

static void child(const char *path, int fd)
{
	struct nvm_dev *dev = nvm_dev_open(path);
	struct nvm_async_ctx *ctx = nvm_async_init(dev, 8, 0);
	char *buf = nvm_buf_alloc(dev, 8 * 4 * 4096, NULL);
	struct nvm_ret rets[8];
	unsigned seq = 0;

	if (!dev || !ctx || !buf)
		_exit(3);
	for (;;) { /* rounds of 8 writes, one 4-sector write per chunk slot, until killed */
		for (unsigned i = 0; i < 8; ++i) {
			unsigned s = seq + i; /* write number s: chunk s % 4, sectors (s / 4) * 4 */
			struct nvm_addr a = h_addr(0, s % 2, (s % NCHUNK_W) / 2,
						   ((s / 4) * 4) % 64);

			h_fill(buf + i * 4 * 4096, 4 * 4096, s);
			memset(&rets[i], 0, sizeof(rets[i]));
			rets[i].async.ctx = ctx;
			if (nvm_cmd_write(dev, &a, 4, buf + i * 4 * 4096, NULL,
					  NVM_CMD_ASYNC | NVM_CMD_SCALAR, &rets[i]))
				_exit(4);
		}
		nvm_async_wait(dev, ctx);
		for (unsigned i = 0; i < 8; ++i) {
			unsigned s = seq + i;

			if (rets[i].status)
				_exit(5);
			if (write(fd, &s, sizeof(s)) != sizeof(s))
				_exit(6);
		}
		seq += 8;
		if (seq == 4 * 16) /* all four chunks full: idle until killed */
			for (;;)
				pause();
	}
}

int main(void)
{
	char *path = h_image(H_SMALL);
	char *buf = malloc(4 * 4096), *rbuf = malloc(4 * 4096);
	int fds[2], status;
	unsigned s, ncompleted = 0;
	pid_t pid;
	struct nvm_dev *dev;

	CHECK_EQ(pipe(fds), 0);
	pid = fork();
	CHECK(pid >= 0);
	if (!pid) {
		close(fds[0]);
		child(path, fds[1]);
	}
	close(fds[1]);
	/* kill after 24 reported completions: the child is mid-stream */
	while (ncompleted < 24 && read(fds[0], &s, sizeof(s)) == sizeof(s))
		++ncompleted;
	CHECK_EQ(ncompleted, 24);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	while (read(fds[0], &s, sizeof(s)) == sizeof(s)) /* reported before the kill landed */
		++ncompleted;
	close(fds[0]);

	dev = nvm_dev_open(path);
	CHECK(dev);
	for (unsigned c = 0; c < NCHUNK_W; ++c) {
		struct nvm_addr chunk = h_addr(0, c % 2, c / 2, 0);
		struct nvm_spec_rprt_descr d = h_descr(dev, chunk);
		unsigned nmine = 0;

		for (s = c; s < ncompleted; s += NCHUNK_W)
			++nmine;
		CHECK(d.wp >= nmine * 4);
		CHECK_EQ(d.wp % 4, 0);
		CHECK_EQ(d.cs, d.wp == 64 ? NVM_CHUNK_STATE_CLOSED : NVM_CHUNK_STATE_OPEN);
		/* every sector below the write pointer holds the data of its write */
		h_set_dulbe(dev, 0);
		for (unsigned k = 0; k * 4 + 4 <= d.wp; ++k) {
			struct nvm_addr a = h_addr(0, c % 2, c / 2, k * 4);

			if ((k * 4 + 4) + 8 > d.wp && d.cs == NVM_CHUNK_STATE_OPEN)
				break; /* the last mw_cunits sectors are not readable yet */
			h_fill(buf, 4 * 4096, k * NCHUNK_W + c);
			CHECK_EQ(nvm_cmd_read(dev, &a, 4, rbuf, NULL, NVM_CMD_SCALAR, NULL), 0);
			CHECK(memcmp(rbuf, buf, 4 * 4096) == 0);
		}
	}
	nvm_dev_close(dev);
	free(rbuf);
	free(buf);
	return H_EXIT_PASS;
}
