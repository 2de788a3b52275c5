/*
 * abi_asserts.c: pins the ABI's struct sizes and offsets to liblightnvm 0.1.x on x86-64 (LP64).
 * A failing assert means a program built against liblightnvm's header would misread our structs.
 */
#include <stddef.h>

#include "liblightnvm.h"

_Static_assert(sizeof(struct nvm_addr) == 8, "nvm_addr size");
_Static_assert(sizeof(struct nvm_geo) == 88, "nvm_geo size");
_Static_assert(offsetof(struct nvm_geo, l.npugrp) == 0, "nvm_geo.l.npugrp");
_Static_assert(offsetof(struct nvm_geo, l.nbytes_oob) == 40, "nvm_geo.l.nbytes_oob");
_Static_assert(offsetof(struct nvm_geo, tbytes) == 72, "nvm_geo.tbytes");
_Static_assert(offsetof(struct nvm_geo, verid) == 80, "nvm_geo.verid");
_Static_assert(sizeof(struct nvm_async_cmd_ctx) == 24, "nvm_async_cmd_ctx size");
_Static_assert(sizeof(struct nvm_ret) == 40, "nvm_ret size");
_Static_assert(offsetof(struct nvm_ret, status) == 8, "nvm_ret.status");
_Static_assert(offsetof(struct nvm_ret, async) == 16, "nvm_ret.async");
_Static_assert(offsetof(struct nvm_ret, async.cb) == 24, "nvm_ret.async.cb");
_Static_assert(offsetof(struct nvm_ret, async.cb_arg) == 32, "nvm_ret.async.cb_arg");
_Static_assert(sizeof(struct nvm_spec_rprt_descr) == 32, "nvm_spec_rprt_descr size");
_Static_assert(offsetof(struct nvm_spec_rprt_descr, addr) == 8, "descr.addr");
_Static_assert(offsetof(struct nvm_spec_rprt_descr, naddrs) == 16, "descr.naddrs");
_Static_assert(offsetof(struct nvm_spec_rprt_descr, wp) == 24, "descr.wp");
_Static_assert(offsetof(struct nvm_spec_rprt, descr) == 8, "nvm_spec_rprt.descr");
_Static_assert(sizeof(union nvm_nvme_feat) == 4, "nvm_nvme_feat size");
