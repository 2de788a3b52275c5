import { IoCounters } from "./io-counters.js";

/**
 * A device's I/O counters per principal label (see `principalLabel`): every command the
 * contexts of that label ran on the device. Like the device's own counters they outlive the
 * contexts; a label's counters are made when its first context on the device is created.
 */
export class PrincipalCounters {
  readonly #byLabel = new Map<string, IoCounters>();

  /** The counters of `label`, made on first use. */
  of(label: string): IoCounters {
    let counters = this.#byLabel.get(label);
    if (!counters) {
      counters = new IoCounters();
      this.#byLabel.set(label, counters);
    }
    return counters;
  }

  /** Every label with its counters, in label order. */
  entries(): [string, IoCounters][] {
    return [...this.#byLabel].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
