import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import test from "ava";
import koffi from "koffi";
import {
  NVM_GEO_NBYTES,
  NVM_RET_ASYNC_CB_ARG_OFFSET,
  NVM_RET_ASYNC_CB_OFFSET,
  NVM_RET_ASYNC_CTX_OFFSET,
  NVM_RET_NBYTES,
  NVM_RET_STATUS_OFFSET,
  NVM_RPRT_DESCR_NBYTES,
  NVM_RPRT_DESCR_OFFSET,
} from "../../native/binding/abi.js";
import { createTempDir } from "../helpers/temp-dir.js";

const run = promisify(execFile);
const HEADER_DIR = fileURLToPath(new URL("../../native/model/include", import.meta.url));

const C_PROGRAM = `
#include <stddef.h>
#include <stdio.h>
#include <liblightnvm.h>
#define P(name, value) printf("\\"%s\\": %zu,\\n", name, (size_t)(value))
int main(void) {
  printf("{\\n");
  P("nvm_addr", sizeof(struct nvm_addr));
  P("nvm_geo", sizeof(struct nvm_geo));
  P("nvm_geo.tbytes", offsetof(struct nvm_geo, tbytes));
  P("nvm_geo.verid", offsetof(struct nvm_geo, verid));
  P("nvm_async_cmd_ctx", sizeof(struct nvm_async_cmd_ctx));
  P("nvm_ret", sizeof(struct nvm_ret));
  P("nvm_ret.status", offsetof(struct nvm_ret, status));
  P("nvm_ret.async", offsetof(struct nvm_ret, async));
  P("nvm_ret.async.cb", offsetof(struct nvm_ret, async.cb));
  P("nvm_ret.async.cb_arg", offsetof(struct nvm_ret, async.cb_arg));
  P("nvm_spec_rprt_descr", sizeof(struct nvm_spec_rprt_descr));
  P("nvm_spec_rprt_descr.addr", offsetof(struct nvm_spec_rprt_descr, addr));
  P("nvm_spec_rprt_descr.naddrs", offsetof(struct nvm_spec_rprt_descr, naddrs));
  P("nvm_spec_rprt_descr.wp", offsetof(struct nvm_spec_rprt_descr, wp));
  P("nvm_spec_rprt.descr", offsetof(struct nvm_spec_rprt, descr));
  printf("\\"end\\": 0}\\n");
  return 0;
}
`;

// koffi's view of the structs, declared from liblightnvm 0.1.x's x86-64 layouts (the sizes and
// offsets that native/model/src/abi_asserts.c pins).
const AsyncCmdCtx = koffi.struct("lnvmd_test_async_cmd_ctx", {
  ctx: "void *",
  cb: "void *",
  cb_arg: "void *",
});
const Ret = koffi.struct("lnvmd_test_ret", {
  result: "uint64_t",
  status: "uint16_t",
  async: AsyncCmdCtx,
});
const Geo = koffi.struct("lnvmd_test_geo", {
  view: koffi.array("size_t", 9),
  tbytes: "size_t",
  verid: "int",
});
const Descr = koffi.struct("lnvmd_test_rprt_descr", {
  cs: "uint8_t",
  ct: "uint8_t",
  wli: "uint8_t",
  rsvd: koffi.array("uint8_t", 5),
  addr: "uint64_t",
  naddrs: "uint64_t",
  wp: "uint64_t",
});
const Rprt = koffi.struct("lnvmd_test_rprt", {
  ndescr: "uint32_t",
  descr: koffi.array(Descr, 1),
});

test("koffi's view of every ABI struct equals the C compiler's", async (t) => {
  const dir = await createTempDir(t);
  await writeFile(join(dir, "layout.c"), C_PROGRAM);
  await run("cc", ["-std=c11", "-I", HEADER_DIR, "-o", join(dir, "layout"), join(dir, "layout.c")]);
  const { stdout } = await run(join(dir, "layout"));
  const c = JSON.parse(stdout) as Record<string, number>;
  delete c["end"];

  const asyncAt = koffi.offsetof(Ret, "async");
  t.deepEqual(
    {
      nvm_addr: koffi.sizeof("uint64_t"),
      nvm_geo: koffi.sizeof(Geo),
      "nvm_geo.tbytes": koffi.offsetof(Geo, "tbytes"),
      "nvm_geo.verid": koffi.offsetof(Geo, "verid"),
      nvm_async_cmd_ctx: koffi.sizeof(AsyncCmdCtx),
      nvm_ret: koffi.sizeof(Ret),
      "nvm_ret.status": koffi.offsetof(Ret, "status"),
      "nvm_ret.async": asyncAt,
      "nvm_ret.async.cb": asyncAt + koffi.offsetof(AsyncCmdCtx, "cb"),
      "nvm_ret.async.cb_arg": asyncAt + koffi.offsetof(AsyncCmdCtx, "cb_arg"),
      nvm_spec_rprt_descr: koffi.sizeof(Descr),
      "nvm_spec_rprt_descr.addr": koffi.offsetof(Descr, "addr"),
      "nvm_spec_rprt_descr.naddrs": koffi.offsetof(Descr, "naddrs"),
      "nvm_spec_rprt_descr.wp": koffi.offsetof(Descr, "wp"),
      "nvm_spec_rprt.descr": koffi.offsetof(Rprt, "descr"),
    },
    c,
  );
});

test("the binding's offset constants match the C layout", async (t) => {
  t.is(NVM_GEO_NBYTES, 88);
  t.is(NVM_RET_NBYTES, koffi.sizeof(Ret));
  t.is(NVM_RET_STATUS_OFFSET, koffi.offsetof(Ret, "status"));
  t.is(NVM_RET_ASYNC_CTX_OFFSET, koffi.offsetof(Ret, "async"));
  t.is(NVM_RET_ASYNC_CB_OFFSET, koffi.offsetof(Ret, "async") + 8);
  t.is(NVM_RET_ASYNC_CB_ARG_OFFSET, koffi.offsetof(Ret, "async") + 16);
  t.is(NVM_RPRT_DESCR_NBYTES, koffi.sizeof(Descr));
  t.is(NVM_RPRT_DESCR_OFFSET, koffi.offsetof(Rprt, "descr"));
});
