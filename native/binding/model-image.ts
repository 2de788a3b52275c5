import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { NvmSectorAddress } from "./address.js";

const execFileAsync = promisify(execFile);

/** The image tool built in-tree by `make -C native/model`. */
export const MKIMAGE_PATH = fileURLToPath(new URL("../model/build/lnvm-mkimage", import.meta.url));

/** The fault-injection tool built in-tree by `make -C native/model`. */
export const FAULT_TOOL_PATH = fileURLToPath(new URL("../model/build/lnvm-fault", import.meta.url));

/** Geometry and behaviour of a new device-model image; unset fields take the tool's defaults. */
export interface ModelImageOptions {
  readonly npugrp?: number;
  readonly npunit?: number;
  readonly nchunk?: number;
  readonly nsectr?: number;
  /** Sector size in bytes (a power of two ≥ 512). */
  readonly nbytes?: number;
  /** Meta bytes per sector. */
  readonly nbytesOob?: number;
  /** Minimum write size, sectors. */
  readonly wsMin?: number;
  /** Optimal write size, sectors. */
  readonly wsOpt?: number;
  /** Sectors below an open chunk's write pointer that are not yet readable. */
  readonly mwCunits?: number;
  /** Media controller capabilities bits. */
  readonly mccap?: number;
  /** Chunks created OFFLINE (the sector field is ignored). */
  readonly offline?: readonly NvmSectorAddress[];
  /**
   * Durable image: every write, reset and copy completes only once it is on stable storage, so
   * it survives power loss (one fdatasync shared by the commands finishing together). Without it
   * a completion survives a crash of the process, not power loss. @default false
   */
  readonly durable?: boolean;
  /**
   * Write zeros over the data and OOB regions at creation, so the file system allocates every
   * block now (the image takes its full size on disk) and a durable write's fdatasync carries
   * data only, no allocation; resets then keep the chunks' blocks. @default false
   */
  readonly preallocate?: boolean;
  /** Replace an existing file. @default false */
  readonly force?: boolean;
}

const NUMERIC_FLAGS: readonly [keyof ModelImageOptions, string][] = [
  ["npugrp", "--npugrp"],
  ["npunit", "--npunit"],
  ["nchunk", "--nchunk"],
  ["nsectr", "--nsectr"],
  ["nbytes", "--nbytes"],
  ["nbytesOob", "--nbytes-oob"],
  ["wsMin", "--ws-min"],
  ["wsOpt", "--ws-opt"],
  ["mwCunits", "--mw-cunits"],
  ["mccap", "--mccap"],
];

/**
 * Creates a device-model image at `path` with `lnvm-mkimage` (sparse unless `preallocate`). Model-specific: a real
 * liblightnvm device is not created this way. Rejects with the tool's message on failure.
 */
export async function createModelImage(path: string, options: ModelImageOptions = {}) {
  const args = [path];
  for (const [key, flag] of NUMERIC_FLAGS) {
    const value = options[key];
    if (typeof value === "number") args.push(flag, String(value));
  }
  for (const chunk of options.offline ?? []) {
    args.push("--offline", `${chunk.group}/${chunk.punit}/${chunk.chunk}`);
  }
  if (options.durable) args.push("--durable");
  if (options.preallocate) args.push("--preallocate");
  if (options.force) args.push("--force");
  try {
    await execFileAsync(MKIMAGE_PATH, args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`lnvm-mkimage ${args.join(" ")} failed${stderr ? `: ${stderr}` : ""}`, {
      cause: error,
    });
  }
}

/**
 * Injects or clears deterministic media faults in a closed device-model image with `lnvm-fault`
 * (`args` is one of its commands, e.g. `["read-error", "0/0/1/8", "2"]`; see native/model/
 * FORMAT.md). Model-specific. Rejects with the tool's message on failure, e.g. when the image is
 * open.
 */
export async function injectModelFaults(path: string, args: readonly string[]): Promise<void> {
  try {
    await execFileAsync(FAULT_TOOL_PATH, [path, ...args]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`lnvm-fault ${args.join(" ")} failed${stderr ? `: ${stderr}` : ""}`, {
      cause: error,
    });
  }
}
