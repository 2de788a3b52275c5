/*
 * ret.c: command results (nvm_ret_clear, nvm_ret_pr).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "liblightnvm.h"

void nvm_ret_clear(struct nvm_ret *ret)
{
	if (ret)
		memset(ret, 0, sizeof(*ret));
}

void nvm_ret_pr(const struct nvm_ret *ret)
{
	if (!ret) {
		printf("nvm_ret: ~\n");
		return;
	}
	printf("nvm_ret: {result: {cdw0: 0x%x, vio: {cs: 0x%" PRIx64 "}}, status: 0x%x}\n",
	       ret->result.cdw0, ret->result.vio.cs, ret->status);
}
