import type { NvmDevice } from "../../native/binding/index.js";
import type { IoCounters } from "../metrics/io-counters.js";
import type { PrincipalCounters } from "../metrics/principal-counters.js";
import type { CompletionPoller } from "../poller/completion-poller.js";

/** An open device as the service holds it: the binding's NvmDevice and its polling loop. */
export interface ServedDevice {
  /** Name clients use: the device's `nvm_dev_get_name`. */
  readonly name: string;
  readonly device: NvmDevice;
  readonly poller: CompletionPoller;
  /** Counters of every command its contexts ran; they outlive the contexts. */
  readonly stats: IoCounters;
  /** The same counters per principal label. */
  readonly principalStats: PrincipalCounters;
}
