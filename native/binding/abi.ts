/**
 * Facts about liblightnvm's C ABI (x86-64, LP64) that the binding relies on: struct sizes and
 * offsets, command flags and limits. They mirror `native/model/include/liblightnvm.h`, and the
 * ABI layout test checks them against the C side.
 */

/** `NVM_CMD_SYNC`: run the command synchronously. */
export const NVM_CMD_SYNC = 0x10;
/** `NVM_CMD_ASYNC`: queue the command on the async context named in `ret->async.ctx`. */
export const NVM_CMD_ASYNC = 0x20;
/** `NVM_CMD_SCALAR`: `addrs[0]` is the first of `naddrs` consecutive sectors. */
export const NVM_CMD_SCALAR = 0x40;
/** `NVM_CMD_VECTOR`: `addrs` lists one address per sector. */
export const NVM_CMD_VECTOR = 0x80;

/** `NVM_NADDR_MAX`: most addresses of one vector command, and sectors of one scalar command. */
export const NVM_NADDR_MAX = 64;

/** `sizeof(struct nvm_addr)`. */
export const NVM_ADDR_NBYTES = 8;
/** `sizeof(struct nvm_geo)`. */
export const NVM_GEO_NBYTES = 88;
/** `sizeof(struct nvm_ret)`. */
export const NVM_RET_NBYTES = 40;
/** `offsetof(struct nvm_ret, result)`: the 8-byte result word. */
export const NVM_RET_RESULT_OFFSET = 0;
/** `offsetof(struct nvm_ret, status)`: the 16-bit status, (SCT << 8) | SC. */
export const NVM_RET_STATUS_OFFSET = 8;
/** `offsetof(struct nvm_ret, async.ctx)`. */
export const NVM_RET_ASYNC_CTX_OFFSET = 16;
/** `offsetof(struct nvm_ret, async.cb)`. */
export const NVM_RET_ASYNC_CB_OFFSET = 24;
/** `offsetof(struct nvm_ret, async.cb_arg)`. */
export const NVM_RET_ASYNC_CB_ARG_OFFSET = 32;
/** `sizeof(struct nvm_spec_rprt_descr)`. */
export const NVM_RPRT_DESCR_NBYTES = 32;
/** `offsetof(struct nvm_spec_rprt, descr)`. */
export const NVM_RPRT_DESCR_OFFSET = 8;

/** Feature identifier of error recovery; bit 16 of its value is DULBE. */
export const NVM_FEAT_ERROR_RECOVERY = 0x05;
/** DULBE bit of the error-recovery feature value. */
export const NVM_FEAT_DULBE_BIT = 1 << 16;

/** `mccap` bit: vector copy is supported. */
export const NVM_MCCAP_VECTOR_COPY = 0x1;
/** `mccap` bit: resetting a FREE chunk is allowed. */
export const NVM_MCCAP_MULTIPLE_RESETS = 0x2;
