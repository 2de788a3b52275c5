/*
 * abi_asserts.c: pins the ABI's struct sizes and offsets to liblightnvm 0.1.x on x86-64 (LP64).
 * A failing assert means a program built against liblightnvm's header would misread our structs.
 */
#include <stddef.h>

#include "liblightnvm.h"
#include "liblightnvm_cli.h"

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

/* Structures added with the rest of liblightnvm's public API. */
_Static_assert(sizeof(struct nvm_spec_lbaf) == 8, "nvm_spec_lbaf size");
_Static_assert(sizeof(struct nvm_spec_lbaz) == 32, "nvm_spec_lbaz size");
_Static_assert(sizeof(struct nvm_spec_lbam) == 32, "nvm_spec_lbam size");
_Static_assert(sizeof(struct nvm_spec_ppaf_nand) == 16, "nvm_spec_ppaf_nand size");
_Static_assert(sizeof(struct nvm_spec_ppaf_nand_mask) == 48, "nvm_spec_ppaf_nand_mask size");
_Static_assert(sizeof(struct nvm_spec_lgeo) == 64, "nvm_spec_lgeo size");
_Static_assert(sizeof(struct nvm_spec_wrt) == 64, "nvm_spec_wrt size");
_Static_assert(sizeof(struct nvm_spec_perf) == 64, "nvm_spec_perf size");
_Static_assert(offsetof(struct nvm_spec_idfy_s20, lbaf) == 8, "idfy_s20.lbaf");
_Static_assert(offsetof(struct nvm_spec_idfy_s20, mccap) == 16, "idfy_s20.mccap");
_Static_assert(offsetof(struct nvm_spec_idfy_s20, wit) == 32, "idfy_s20.wit");
_Static_assert(offsetof(struct nvm_spec_idfy_s20, lgeo) == 64, "idfy_s20.lgeo");
_Static_assert(offsetof(struct nvm_spec_idfy_s20, wrt) == 128, "idfy_s20.wrt");
_Static_assert(offsetof(struct nvm_spec_idfy_s20, perf) == 192, "idfy_s20.perf");
_Static_assert(offsetof(struct nvm_spec_idfy_s20, vndr) == 3072, "idfy_s20.vndr");
_Static_assert(sizeof(struct nvm_spec_idfy) == 4096, "nvm_spec_idfy size");
_Static_assert(sizeof(struct nvm_spec_bbt) == 64, "nvm_spec_bbt header");
_Static_assert(offsetof(struct nvm_spec_bbt, tblks) == 12, "nvm_spec_bbt.tblks");
_Static_assert(sizeof(struct nvm_nvme_lbaf) == 4, "nvm_nvme_lbaf size");
_Static_assert(offsetof(struct nvm_nvme_ns, dlfeat) == 33, "nvm_nvme_ns.dlfeat");
_Static_assert(offsetof(struct nvm_nvme_ns, lbaf) == 128, "nvm_nvme_ns.lbaf");
_Static_assert(sizeof(struct nvm_nvme_ns) == 4096, "nvm_nvme_ns size");
_Static_assert(sizeof(struct nvm_bbt) == 40, "nvm_bbt header");
_Static_assert(offsetof(struct nvm_bbt, addr) == 8, "nvm_bbt.addr");
_Static_assert(offsetof(struct nvm_bbt, nblks) == 16, "nvm_bbt.nblks");
_Static_assert(offsetof(struct nvm_bbt, nhmrk) == 36, "nvm_bbt.nhmrk");
_Static_assert(offsetof(struct nvm_bbt, blks) == 40, "nvm_bbt.blks");
_Static_assert(sizeof(struct nvm_buf_set) == 56, "nvm_buf_set size");
_Static_assert(offsetof(struct nvm_buf_set, nbytes_meta) == 48, "nvm_buf_set.nbytes_meta");
_Static_assert(sizeof(struct nvm_bp) == 48, "nvm_bp header");
_Static_assert(offsetof(struct nvm_bp, addrs) == 48, "nvm_bp.addrs");

/* The command-line helper's structures, which programs define and read directly. */
_Static_assert(sizeof(struct nvm_cli_cmd) == 72, "nvm_cli_cmd size");
_Static_assert(sizeof(struct nvm_cli_cmd_args) == 25640, "nvm_cli_cmd_args size");
_Static_assert(offsetof(struct nvm_cli_cmd_args, nhex_vals) == 25632, "cli_cmd_args.nhex_vals");
_Static_assert(sizeof(struct nvm_cli_opts) == 176, "nvm_cli_opts size");
_Static_assert(offsetof(struct nvm_cli_opts, pfile) == 24, "nvm_cli_opts.pfile");
_Static_assert(offsetof(struct nvm_cli, name) == 36, "nvm_cli.name");
_Static_assert(offsetof(struct nvm_cli, cmd) == 88, "nvm_cli.cmd");
_Static_assert(offsetof(struct nvm_cli, args) == 160, "nvm_cli.args");
_Static_assert(offsetof(struct nvm_cli, opts) == 25800, "nvm_cli.opts");
_Static_assert(offsetof(struct nvm_cli, evars) == 25976, "nvm_cli.evars");
_Static_assert(offsetof(struct nvm_cli, ver_pr) == 26008, "nvm_cli.ver_pr");
_Static_assert(sizeof(struct nvm_cli) == 26016, "nvm_cli size");
