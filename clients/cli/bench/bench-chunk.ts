import { type ChunkDescriptor, ChunkState } from "../../ts/index.js";

/**
 * The bench's view of one chunk: its state and write pointer as the bench will leave them once
 * its issued commands complete, and how many of its commands are in flight. Only the context
 * that owns the chunk writes or resets it, so this view stays exact.
 */
export class BenchChunk {
  readonly group: number;
  readonly punit: number;
  readonly chunk: number;
  readonly nsectr: number;
  state: ChunkState;
  /** The next sector to write: sectors below it are written or being written. */
  wp: number;
  /** Set while the chunk is being reset; resolves once it is free again. */
  resetting: Promise<void> | undefined;
  #inflight = 0;
  #idle: (() => void)[] = [];

  constructor(descriptor: ChunkDescriptor) {
    this.group = descriptor.group;
    this.punit = descriptor.punit;
    this.chunk = descriptor.chunk;
    this.nsectr = Number(descriptor.sectorCount);
    this.state = descriptor.state;
    this.wp = Number(descriptor.writePointer);
  }

  /** Whether no further sector can be written before a reset. */
  get full(): boolean {
    return this.state === ChunkState.CLOSED || this.wp >= this.nsectr;
  }

  /** Whether every sector holds data (closed at the end, not early). */
  get written(): boolean {
    return this.state === ChunkState.CLOSED && this.wp >= this.nsectr;
  }

  /**
   * Takes the next `count` sectors at the write pointer (fewer if the chunk ends first) and
   * returns the first. The chunk counts as closed once the last sector is taken.
   */
  take(count: number): { sector: number; count: number } {
    const sector = this.wp;
    const n = Math.min(count, this.nsectr - sector);
    this.wp += n;
    this.state = this.wp >= this.nsectr ? ChunkState.CLOSED : ChunkState.OPEN;
    return { sector, count: n };
  }

  /** Marks the chunk free with write pointer 0, after a successful reset. */
  markReset(): void {
    this.wp = 0;
    this.state = ChunkState.FREE;
  }

  /** Counts a command to this chunk in flight until `end()`. */
  begin(): void {
    this.#inflight++;
  }

  end(): void {
    this.#inflight--;
    if (this.#inflight === 0) for (const wake of this.#idle.splice(0)) wake();
  }

  /** Resolves once no command to this chunk is in flight. */
  idle(): Promise<void> {
    if (this.#inflight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** `g/p/c`. */
  toString(): string {
    return `${this.group}/${this.punit}/${this.chunk}`;
  }
}
