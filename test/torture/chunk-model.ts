/** A command on a chunk whose completion was not received: it may or may not have happened. */
export type PendingChange =
  | { readonly kind: "write"; readonly start: number; readonly data: Uint8Array }
  | { readonly kind: "reset" };

/**
 * What the torture expects of one chunk: the data of every acknowledged write up to the end of
 * the last one (`ackedEnd`), and at most one change in flight. A chunk is `reserved` while a
 * command reads it (a copy's source) so that nothing changes it meanwhile.
 */
export class ChunkModel {
  readonly group: number;
  readonly punit: number;
  readonly chunk: number;
  readonly nsectr: number;
  readonly nbytes: number;
  /** Acknowledged contents; bytes past `ackedEnd` sectors mean nothing. */
  readonly data: Uint8Array;
  ackedEnd = 0;
  pending: PendingChange | undefined;
  reserved = false;

  constructor(group: number, punit: number, chunk: number, nsectr: number, nbytes: number) {
    this.group = group;
    this.punit = punit;
    this.chunk = chunk;
    this.nsectr = nsectr;
    this.nbytes = nbytes;
    this.data = new Uint8Array(nsectr * nbytes);
  }

  get name(): string {
    return `${this.group}/${this.punit}/${this.chunk}`;
  }

  get busy(): boolean {
    return this.pending !== undefined || this.reserved;
  }

  /** The acknowledged data of sectors [from, to). */
  sectors(from: number, to: number): Uint8Array {
    return this.data.subarray(from * this.nbytes, to * this.nbytes);
  }

  /** The pending change completed successfully. */
  acknowledge(): void {
    const change = this.pending;
    this.pending = undefined;
    if (!change) return;
    if (change.kind === "reset") {
      this.ackedEnd = 0;
      return;
    }
    this.data.set(change.data, change.start * this.nbytes);
    this.ackedEnd = change.start + change.data.byteLength / this.nbytes;
  }

  /** The pending change was refused before it reached the device: nothing changed. */
  refuse(): void {
    this.pending = undefined;
  }

  /**
   * After a crash: the device reports write pointer `wp`. It must be the end of the last
   * acknowledged write, or what the change in flight would have made it (then that change
   * happened). Returns the problem, if any, and whether the change in flight happened; either
   * way nothing is pending afterwards.
   */
  reconcile(wp: number): { problem?: string; happened: boolean } {
    const change = this.pending;
    this.pending = undefined;
    this.reserved = false;
    if (change?.kind === "write" && change.start === this.ackedEnd && wp !== this.ackedEnd) {
      const end = change.start + change.data.byteLength / this.nbytes;
      if (wp === end) {
        this.pending = change;
        this.acknowledge();
        return { happened: true };
      }
    }
    if (change?.kind === "reset" && wp === 0 && this.ackedEnd !== 0) {
      this.ackedEnd = 0;
      return { happened: true };
    }
    if (wp === this.ackedEnd) return { happened: false };
    const inFlight =
      change?.kind === "write"
        ? ` or ${change.start + change.data.byteLength / this.nbytes} (the write in flight)`
        : change?.kind === "reset"
          ? " or 0 (the reset in flight)"
          : "";
    return {
      problem: `chunk ${this.name}: write pointer ${wp}, expected ${this.ackedEnd}${inFlight}`,
      happened: false,
    };
  }
}
