/** How often the sampler reads RSS, milliseconds. */
const SAMPLE_INTERVAL_MS = 100;

/** Samples a process's resident set size (`read`, MiB) periodically: a series and its peak. */
export class RssSampler {
  readonly #read: () => number | undefined;
  readonly series: { readonly atMs: number; readonly rssMiB: number }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #peak = 0;
  #last = 0;
  readonly #startMs = Date.now();

  constructor(read: () => number | undefined) {
    this.#read = read;
  }

  start(): void {
    this.#timer ??= setInterval(() => this.sampleNow(), SAMPLE_INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Reads RSS now and records it; returns it (0 once the process is gone). */
  sampleNow(): number {
    const rss = this.#read() ?? 0;
    this.#last = rss;
    this.#peak = Math.max(this.#peak, rss);
    this.series.push({ atMs: Date.now() - this.#startMs, rssMiB: rss });
    return rss;
  }

  last(): number {
    return this.#last;
  }

  peak(): number {
    return this.#peak;
  }

  resetPeak(): void {
    this.#peak = this.#last;
  }

  /** Samples for `ms` and returns the lowest reading: where memory settles once idle. */
  async settle(ms: number): Promise<number> {
    let lowest = this.sampleNow();
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_INTERVAL_MS));
      lowest = Math.min(lowest, this.sampleNow());
    }
    return lowest;
  }
}
