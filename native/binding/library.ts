import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import koffi from "koffi";

/**
 * The C functions the binding calls, with koffi's untyped values narrowed to numbers. Every
 * pointer crosses as a `uintptr_t` number: user-space addresses on x86-64 fit in 47 bits, well
 * inside a double's exact range, so the hot path never allocates BigInts.
 */
export interface LightnvmLibrary {
  /** Path the library was loaded from. */
  readonly path: string;
  readonly nvm_ver_major: () => number;
  readonly nvm_ver_minor: () => number;
  readonly nvm_ver_patch: () => number;
  readonly nvm_dev_open: (path: string) => number;
  readonly nvm_dev_close: (dev: number) => void;
  readonly nvm_dev_get_geo: (dev: number) => number;
  readonly nvm_dev_get_verid: (dev: number) => number;
  readonly nvm_dev_get_ws_min: (dev: number) => number;
  readonly nvm_dev_get_ws_opt: (dev: number) => number;
  readonly nvm_dev_get_mw_cunits: (dev: number) => number;
  readonly nvm_dev_get_mccap: (dev: number) => number;
  readonly nvm_dev_get_name: (dev: number) => string | null;
  readonly nvm_dev_get_path: (dev: number) => string | null;
  readonly nvm_buf_alloc: (dev: number, nbytes: number, phys: number) => number;
  readonly nvm_buf_free: (dev: number, buf: number) => void;
  readonly nvm_async_init: (dev: number, depth: number, flags: number) => number;
  readonly nvm_async_term: (dev: number, ctx: number) => number;
  readonly nvm_async_poke: (dev: number, ctx: number, max: number) => number;
  readonly nvm_async_wait: (dev: number, ctx: number) => number;
  readonly nvm_async_get_depth: (ctx: number) => number;
  readonly nvm_async_get_outstanding: (ctx: number) => number;
  readonly nvm_cmd_read: (
    dev: number,
    addrs: number,
    naddrs: number,
    data: number,
    meta: number,
    flags: number,
    ret: number,
  ) => number;
  readonly nvm_cmd_write: (
    dev: number,
    addrs: number,
    naddrs: number,
    data: number,
    meta: number,
    flags: number,
    ret: number,
  ) => number;
  readonly nvm_cmd_erase: (
    dev: number,
    addrs: number,
    naddrs: number,
    meta: number,
    flags: number,
    ret: number,
  ) => number;
  readonly nvm_cmd_copy: (
    dev: number,
    src: number,
    dst: number,
    naddrs: number,
    flags: number,
    ret: number,
  ) => number;
  readonly nvm_cmd_rprt: (dev: number, addr: number, opt: number, ret: number) => number;
  readonly nvm_cmd_gfeat: (dev: number, id: number, feat: number, ret: number) => number;
  readonly nvm_cmd_sfeat: (dev: number, id: number, feat: number, ret: number) => number;
  readonly nvm_addr_check: (addr: bigint, dev: number) => number;
  readonly nvm_addr_gen2dev: (dev: number, addr: bigint) => number | bigint;
  readonly nvm_addr_dev2gen: (dev: number, addr: number | bigint) => number | bigint;
  /** `errno` as the last native call left it. */
  readonly errno: () => number;
  /** An ArrayBuffer over `nbytes` of native memory at `ptr`, without a copy. */
  readonly view: (ptr: number, nbytes: number) => ArrayBuffer;
  /**
   * Registers the process-wide completion callback `(ret, cbArg) => void` and returns its
   * function pointer. Registered callbacks are a limited resource: call once per library.
   */
  readonly registerCompletionCallback: (fn: (ret: number, cbArg: number) => void) => number;
}

/** Environment variable naming the liblightnvm-compatible library to load. */
export const LIBRARY_PATH_ENV = "LNVM_LIBRARY";

/** The device model built in-tree by `make -C native/model`. */
export const MODEL_LIBRARY_PATH = fileURLToPath(
  new URL("../model/build/liblightnvm.so", import.meta.url),
);

const loaded = new Map<string, LightnvmLibrary>();

/**
 * Loads a library exporting liblightnvm's C ABI: `path`, else `$LNVM_LIBRARY`, else the
 * in-tree device model. A path is loaded once per process; later calls return the same object.
 * Throws when the file is missing or lacks a symbol of the subset.
 */
export function loadLightnvm(path?: string): LightnvmLibrary {
  const resolved = path ?? process.env[LIBRARY_PATH_ENV] ?? MODEL_LIBRARY_PATH;
  const cached = loaded.get(resolved);
  if (cached) return cached;
  if (resolved === MODEL_LIBRARY_PATH && !existsSync(resolved)) {
    throw new Error(
      `device model not built: ${resolved} is missing (run \`make -C native/model\` or \`npm run build\`)`,
    );
  }
  const lib = koffi.load(resolved);
  const fn = (decl: string) => lib.func(decl);
  const callbackType = koffi.pointer(
    koffi.proto("void lnvmd_completion_cb(uintptr_t ret, uintptr_t cb_arg)"),
  );
  const library: LightnvmLibrary = {
    path: resolved,
    nvm_ver_major: fn("int nvm_ver_major(void)"),
    nvm_ver_minor: fn("int nvm_ver_minor(void)"),
    nvm_ver_patch: fn("int nvm_ver_patch(void)"),
    nvm_dev_open: fn("uintptr_t nvm_dev_open(const char *path)"),
    nvm_dev_close: fn("void nvm_dev_close(uintptr_t dev)"),
    nvm_dev_get_geo: fn("uintptr_t nvm_dev_get_geo(uintptr_t dev)"),
    nvm_dev_get_verid: fn("int nvm_dev_get_verid(uintptr_t dev)"),
    nvm_dev_get_ws_min: fn("uint32_t nvm_dev_get_ws_min(uintptr_t dev)"),
    nvm_dev_get_ws_opt: fn("uint32_t nvm_dev_get_ws_opt(uintptr_t dev)"),
    nvm_dev_get_mw_cunits: fn("uint32_t nvm_dev_get_mw_cunits(uintptr_t dev)"),
    nvm_dev_get_mccap: fn("uint32_t nvm_dev_get_mccap(uintptr_t dev)"),
    nvm_dev_get_name: fn("const char *nvm_dev_get_name(uintptr_t dev)"),
    nvm_dev_get_path: fn("const char *nvm_dev_get_path(uintptr_t dev)"),
    nvm_buf_alloc: fn("uintptr_t nvm_buf_alloc(uintptr_t dev, size_t nbytes, uintptr_t phys)"),
    nvm_buf_free: fn("void nvm_buf_free(uintptr_t dev, uintptr_t buf)"),
    nvm_async_init: fn("uintptr_t nvm_async_init(uintptr_t dev, uint32_t depth, uint16_t flags)"),
    nvm_async_term: fn("int nvm_async_term(uintptr_t dev, uintptr_t ctx)"),
    nvm_async_poke: fn("int nvm_async_poke(uintptr_t dev, uintptr_t ctx, uint32_t max)"),
    nvm_async_wait: fn("int nvm_async_wait(uintptr_t dev, uintptr_t ctx)"),
    nvm_async_get_depth: fn("uint32_t nvm_async_get_depth(uintptr_t ctx)"),
    nvm_async_get_outstanding: fn("uint32_t nvm_async_get_outstanding(uintptr_t ctx)"),
    nvm_cmd_read: fn(
      "int nvm_cmd_read(uintptr_t dev, uintptr_t addrs, int naddrs, uintptr_t data, uintptr_t meta, uint16_t flags, uintptr_t ret)",
    ),
    nvm_cmd_write: fn(
      "int nvm_cmd_write(uintptr_t dev, uintptr_t addrs, int naddrs, uintptr_t data, uintptr_t meta, uint16_t flags, uintptr_t ret)",
    ),
    nvm_cmd_erase: fn(
      "int nvm_cmd_erase(uintptr_t dev, uintptr_t addrs, int naddrs, uintptr_t meta, uint16_t flags, uintptr_t ret)",
    ),
    nvm_cmd_copy: fn(
      "int nvm_cmd_copy(uintptr_t dev, uintptr_t src, uintptr_t dst, int naddrs, uint16_t flags, uintptr_t ret)",
    ),
    nvm_cmd_rprt: fn(
      "uintptr_t nvm_cmd_rprt(uintptr_t dev, uintptr_t addr, int opt, uintptr_t ret)",
    ),
    nvm_cmd_gfeat: fn("int nvm_cmd_gfeat(uintptr_t dev, int id, uintptr_t feat, uintptr_t ret)"),
    nvm_cmd_sfeat: fn("int nvm_cmd_sfeat(uintptr_t dev, int id, uintptr_t feat, uintptr_t ret)"),
    nvm_addr_check: fn("int nvm_addr_check(uint64_t addr, uintptr_t dev)"),
    nvm_addr_gen2dev: fn("uint64_t nvm_addr_gen2dev(uintptr_t dev, uint64_t addr)"),
    nvm_addr_dev2gen: fn("uint64_t nvm_addr_dev2gen(uintptr_t dev, uint64_t addr)"),
    errno: () => koffi.errno(),
    view: (ptr, nbytes) => koffi.view(BigInt(ptr), nbytes),
    registerCompletionCallback: (cb) => Number(koffi.register(cb, callbackType)),
  };
  loaded.set(resolved, library);
  return library;
}
