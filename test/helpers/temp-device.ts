import { join } from "node:path";
import type { ExecutionContext } from "ava";
import {
  createModelImage,
  type ModelImageOptions,
  NvmAsyncContext,
  type NvmCommandStatus,
  NvmDevice,
} from "../../native/binding/index.js";
import { createTempDir } from "./temp-dir.js";

/** Creates a fresh model image in a temp dir; returns its path. Removed when the test ends. */
export async function createTempImage(
  t: ExecutionContext,
  options: ModelImageOptions = {},
): Promise<string> {
  const dir = await createTempDir(t);
  const path = join(dir, "device.img");
  await createModelImage(path, options);
  return path;
}

/** Opens a fresh model device; closed when the test ends. */
export async function createTempDevice(
  t: ExecutionContext,
  options: ModelImageOptions = {},
): Promise<NvmDevice> {
  const device = NvmDevice.open(await createTempImage(t, options));
  t.teardown(() => device.close());
  return device;
}

/** A completion as the recording sink saw it. */
export interface RecordedCompletion<T> {
  readonly tag: T;
  readonly status: NvmCommandStatus;
  readonly result: bigint;
}

/**
 * An async context whose completions are appended to `completions`; it is drained and
 * terminated when the test ends.
 */
export function createRecordingContext<T>(t: ExecutionContext, device: NvmDevice, depth: number) {
  const completions: RecordedCompletion<T>[] = [];
  const context = NvmAsyncContext.init<T>(device, depth, (tag, status, result) => {
    completions.push({ tag, status, result });
  });
  t.teardown(() => {
    if (context.terminated) return;
    context.wait();
    context.term();
  });
  return { context, completions };
}

/** Fills `bytes` with a deterministic pseudo-random pattern derived from `seed`. */
export function fillPattern(bytes: Uint8Array, seed: number): void {
  let x = seed >>> 0 || 1;
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
}
