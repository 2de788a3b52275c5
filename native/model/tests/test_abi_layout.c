/* The ABI structs have liblightnvm 0.1.x's sizes and offsets (x86-64). */
#include <stddef.h>

#include "harness.h"

int main(void)
{
	CHECK_EQ(sizeof(struct nvm_addr), 8);
	CHECK_EQ(sizeof(struct nvm_geo), 88);
	CHECK_EQ(offsetof(struct nvm_geo, l.nsectr), 24);
	CHECK_EQ(offsetof(struct nvm_geo, tbytes), 72);
	CHECK_EQ(offsetof(struct nvm_geo, verid), 80);
	CHECK_EQ(sizeof(struct nvm_async_cmd_ctx), 24);
	CHECK_EQ(sizeof(struct nvm_ret), 40);
	CHECK_EQ(offsetof(struct nvm_ret, status), 8);
	CHECK_EQ(offsetof(struct nvm_ret, async), 16);
	CHECK_EQ(offsetof(struct nvm_ret, async.cb), 24);
	CHECK_EQ(offsetof(struct nvm_ret, async.cb_arg), 32);
	CHECK_EQ(sizeof(struct nvm_spec_rprt_descr), 32);
	CHECK_EQ(offsetof(struct nvm_spec_rprt_descr, addr), 8);
	CHECK_EQ(offsetof(struct nvm_spec_rprt_descr, naddrs), 16);
	CHECK_EQ(offsetof(struct nvm_spec_rprt_descr, wp), 24);
	CHECK_EQ(offsetof(struct nvm_spec_rprt, descr), 8);
	CHECK_EQ(sizeof(union nvm_nvme_feat), 4);

	/* the 2.0 address view: sectr 0-31, chunk 32-47, punit 48-55, pugrp 56-63 */
	struct nvm_addr a = { .val = 0 };
	a.l.sectr = 1;
	a.l.chunk = 2;
	a.l.punit = 3;
	a.l.pugrp = 4;
	CHECK_EQ(a.val, 0x0403000200000001ULL);
	union nvm_nvme_feat f = { .a = 0 };
	f.error_recovery.dulbe = 1;
	CHECK_EQ(f.a, 1u << 16);
	return H_EXIT_PASS;
}
