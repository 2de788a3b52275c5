import {
  NVM_FEAT_DULBE_BIT,
  NVM_FEAT_ERROR_RECOVERY,
  NVM_GEO_NBYTES,
  NVM_RET_NBYTES,
  NVM_RET_STATUS_OFFSET,
  NVM_RPRT_DESCR_NBYTES,
  NVM_RPRT_DESCR_OFFSET,
} from "./abi.js";
import { decodeAddress, encodeAddress, type NvmSectorAddress } from "./address.js";
import { DmaBuffer } from "./dma-buffer.js";
import { type LightnvmLibrary, loadLightnvm } from "./library.js";
import { NativeError } from "./native-error.js";

/** OCSSD 2.0 geometry of a device. */
export interface NvmGeometry {
  /** Parallel-unit groups. */
  readonly npugrp: number;
  /** Parallel units per group. */
  readonly npunit: number;
  /** Chunks per parallel unit. */
  readonly nchunk: number;
  /** Sectors per chunk. */
  readonly nsectr: number;
  /** Bytes per sector. */
  readonly nbytes: number;
  /** Out-of-band (meta) bytes per sector. */
  readonly nbytesOob: number;
  /** Total bytes: npugrp × npunit × nchunk × nsectr × nbytes. */
  readonly tbytes: number;
}

/** Chunk states (`cs`), exactly one bit set. */
export const NvmChunkState = { FREE: 0x1, CLOSED: 0x2, OPEN: 0x4, OFFLINE: 0x8 } as const;

/** One chunk of a chunk report. */
export interface NvmChunkDescriptor {
  readonly group: number;
  readonly punit: number;
  readonly chunk: number;
  /** `NvmChunkState` bit. */
  readonly state: number;
  /** Chunk type bits (0x1 sequential write required). */
  readonly type: number;
  /** Wear-level index, 0–255. */
  readonly wearIndex: number;
  /** Device-format address of the chunk's first sector. */
  readonly deviceAddress: bigint;
  /** Sectors in the chunk. */
  readonly sectorCount: number;
  /** Write pointer: sectors written from the chunk's start. */
  readonly writePointer: number;
}

/** Options of `NvmDevice.open`. */
export interface DeviceOpenOptions {
  /** liblightnvm-compatible library to use. @default `$LNVM_LIBRARY`, else the in-tree model */
  readonly library?: string;
}

const SCRATCH_NBYTES = 4096;
const SCRATCH_RET_OFFSET = 0;
const SCRATCH_FEAT_OFFSET = 64;
const SCRATCH_ADDR_OFFSET = 128;

/**
 * An open OCSSD 2.0 device (`struct nvm_dev`): its attributes, chunk report, features and I/O
 * memory. Asynchronous I/O goes through `NvmAsyncContext`. Not safe to use after `close()`.
 */
export class NvmDevice {
  readonly library: LightnvmLibrary;
  /** The `struct nvm_dev *` handle. */
  readonly handle: number;
  readonly name: string;
  readonly path: string;
  readonly geometry: NvmGeometry;
  /** OCSSD version identifier: 2 for OCSSD 2.0. */
  readonly verid: number;
  /** Minimum write size in sectors. */
  readonly wsMin: number;
  /** Optimal write size in sectors. */
  readonly wsOpt: number;
  /** Sectors below the write pointer of an open chunk that are not yet readable. */
  readonly mwCunits: number;
  /** Media controller capabilities (0x1 vector copy, 0x2 multiple resets). */
  readonly mccap: number;
  readonly #scratch: DmaBuffer;
  readonly #scratchView: DataView;
  #closed = false;

  private constructor(library: LightnvmLibrary, handle: number) {
    this.library = library;
    this.handle = handle;
    const geo = new DataView(library.view(library.nvm_dev_get_geo(handle), NVM_GEO_NBYTES));
    const size = (offset: number) => Number(geo.getBigUint64(offset, true));
    this.geometry = Object.freeze({
      npugrp: size(0),
      npunit: size(8),
      nchunk: size(16),
      nsectr: size(24),
      nbytes: size(32),
      nbytesOob: size(40),
      tbytes: size(72),
    });
    this.verid = library.nvm_dev_get_verid(handle);
    this.wsMin = library.nvm_dev_get_ws_min(handle);
    this.wsOpt = library.nvm_dev_get_ws_opt(handle);
    this.mwCunits = library.nvm_dev_get_mw_cunits(handle);
    this.mccap = library.nvm_dev_get_mccap(handle);
    this.path = library.nvm_dev_get_path(handle) ?? "";
    this.name = library.nvm_dev_get_name(handle) ?? this.path;
    this.#scratch = new DmaBuffer(library, handle, SCRATCH_NBYTES);
    this.#scratchView = new DataView(this.#scratch.bytes.buffer);
  }

  /** Opens the device at `path`; throws `NativeError` (`nvm_dev_open`, errno) on failure. */
  static open(path: string, options: DeviceOpenOptions = {}): NvmDevice {
    const library = loadLightnvm(options.library);
    const handle = library.nvm_dev_open(path);
    if (!handle) throw new NativeError("nvm_dev_open", library.errno(), path);
    return new NvmDevice(library, handle);
  }

  /** Total parallel units: npugrp × npunit. */
  get npu(): number {
    return this.geometry.npugrp * this.geometry.npunit;
  }

  /** Allocates `nbytes` of I/O memory for commands on this device. */
  allocBuffer(nbytes: number): DmaBuffer {
    this.#assertOpen();
    return new DmaBuffer(this.library, this.handle, nbytes);
  }

  /**
   * 0 when `addr` lies inside the geometry, else the field mask of `nvm_addr_check` (OCSSD 2.0
   * bits: group 0x40, punit 0x80, chunk 0x100, sector 0x200).
   */
  checkAddress(addr: NvmSectorAddress): number {
    this.#assertOpen();
    return this.library.nvm_addr_check(encodeAddress(addr), this.handle);
  }

  /**
   * Chunk report: without `from`, every chunk of the device in (group, punit, chunk) order;
   * with `from`, the chunks of its parallel unit from its chunk to the unit's last.
   */
  reportChunks(from?: NvmSectorAddress): NvmChunkDescriptor[] {
    this.#assertOpen();
    if (!from) return this.#report(undefined);
    // liblightnvm reports nchunk descriptors from the address's linear chunk index on (into the
    // next unit when chunk > 0), so ask for the whole unit and drop the chunks before `from`.
    return this.#report({ ...from, chunk: 0, sector: 0 }).slice(from.chunk);
  }

  #report(from: NvmSectorAddress | undefined): NvmChunkDescriptor[] {
    const lib = this.library;
    const view = this.#scratchView;
    let addrPtr = 0;
    if (from) {
      view.setBigUint64(SCRATCH_ADDR_OFFSET, encodeAddress(from), true);
      addrPtr = this.#scratch.ptr + SCRATCH_ADDR_OFFSET;
    }
    const rprt = lib.nvm_cmd_rprt(this.handle, addrPtr, 0, this.#clearRet());
    if (!rprt) throw new NativeError("nvm_cmd_rprt", lib.errno(), this.#retStatusText());
    try {
      const ndescr = new DataView(lib.view(rprt, 4)).getUint32(0, true);
      const table = new DataView(
        lib.view(rprt, NVM_RPRT_DESCR_OFFSET + ndescr * NVM_RPRT_DESCR_NBYTES),
      );
      const chunks: NvmChunkDescriptor[] = new Array(ndescr);
      for (let i = 0; i < ndescr; i++) {
        const at = NVM_RPRT_DESCR_OFFSET + i * NVM_RPRT_DESCR_NBYTES;
        const deviceAddress = table.getBigUint64(at + 8, true);
        const gen = decodeAddress(BigInt(lib.nvm_addr_dev2gen(this.handle, deviceAddress)));
        chunks[i] = {
          group: gen.group,
          punit: gen.punit,
          chunk: gen.chunk,
          state: table.getUint8(at),
          type: table.getUint8(at + 1),
          wearIndex: table.getUint8(at + 2),
          deviceAddress,
          sectorCount: Number(table.getBigUint64(at + 16, true)),
          writePointer: Number(table.getBigUint64(at + 24, true)),
        };
      }
      return chunks;
    } finally {
      lib.nvm_buf_free(this.handle, rprt);
    }
  }

  /** Whether reads of unwritten sectors fail with 0x287 (DULBE) instead of returning zeros. */
  getDulbe(): boolean {
    return (this.#getErrorRecovery() & NVM_FEAT_DULBE_BIT) !== 0;
  }

  /** Sets DULBE (error-recovery feature bit 16). */
  setDulbe(enabled: boolean): void {
    this.#assertOpen();
    const current = this.#getErrorRecovery();
    const value = enabled ? current | NVM_FEAT_DULBE_BIT : current & ~NVM_FEAT_DULBE_BIT;
    this.#scratchView.setUint32(SCRATCH_FEAT_OFFSET, value >>> 0, true);
    const rc = this.library.nvm_cmd_sfeat(
      this.handle,
      NVM_FEAT_ERROR_RECOVERY,
      this.#scratch.ptr + SCRATCH_FEAT_OFFSET,
      this.#clearRet(),
    );
    if (rc < 0) throw new NativeError("nvm_cmd_sfeat", this.library.errno(), "error recovery");
  }

  /** Closes the device. Every async context on it must be terminated first. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#scratch.free();
    this.library.nvm_dev_close(this.handle);
  }

  get closed(): boolean {
    return this.#closed;
  }

  #getErrorRecovery(): number {
    this.#assertOpen();
    this.#scratchView.setUint32(SCRATCH_FEAT_OFFSET, 0, true);
    const rc = this.library.nvm_cmd_gfeat(
      this.handle,
      NVM_FEAT_ERROR_RECOVERY,
      this.#scratch.ptr + SCRATCH_FEAT_OFFSET,
      this.#clearRet(),
    );
    if (rc < 0) throw new NativeError("nvm_cmd_gfeat", this.library.errno(), "error recovery");
    return this.#scratchView.getUint32(SCRATCH_FEAT_OFFSET, true);
  }

  #clearRet(): number {
    this.#scratch.bytes.fill(0, SCRATCH_RET_OFFSET, SCRATCH_RET_OFFSET + NVM_RET_NBYTES);
    return this.#scratch.ptr + SCRATCH_RET_OFFSET;
  }

  #retStatusText(): string {
    const status = this.#scratchView.getUint16(SCRATCH_RET_OFFSET + NVM_RET_STATUS_OFFSET, true);
    return `status 0x${status.toString(16).padStart(3, "0")}`;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`device ${this.name} is closed`);
  }
}
