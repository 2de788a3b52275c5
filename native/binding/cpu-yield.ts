import koffi from "koffi";

const sched_yield = koffi.load("libc.so.6").func("int sched_yield(void)");

/**
 * libc's `sched_yield()`: lets another runnable thread, such as a device-model worker, use
 * this CPU for a moment. A loop that polls for completions calls it when a poke reaped
 * nothing, so on a machine with few cores the poller does not starve the threads doing the I/O.
 */
export function yieldCpu(): void {
  sched_yield();
}
