/* While an image is open in this process, another process cannot open it (EBUSY); once every
 * handle here is closed, it can. */
#include "harness.h"

/* errno of nvm_dev_open(path) in a forked child, or 0 when it opened. */
static int h_child_open_errno(const char *path)
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		struct nvm_dev *dev = nvm_dev_open(path);

		if (dev) {
			nvm_dev_close(dev);
			_exit(0);
		}
		_exit(errno > 0 && errno < 255 ? errno : 255);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	return WEXITSTATUS(status);
}

int main(void)
{
	char *path = h_image(H_SMALL);
	struct nvm_dev *first = nvm_dev_open(path);
	struct nvm_dev *second = nvm_dev_open(path);

	CHECK(first && second);
	CHECK_EQ(h_child_open_errno(path), EBUSY);
	nvm_dev_close(first);
	CHECK_EQ(h_child_open_errno(path), EBUSY); /* second still holds it */
	nvm_dev_close(second);
	CHECK_EQ(h_child_open_errno(path), 0);
	nvm_dev_close(NULL); /* ignored */
	return H_EXIT_PASS;
}
