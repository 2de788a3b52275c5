import type { Logger } from "pino";
import { ErrorReason } from "../../gen/ts/lightnvm/v1/error_reason_pb.js";
import { NativeError, NvmDevice } from "../../native/binding/index.js";
import type { Principal } from "../auth/principal.js";
import { StorageError } from "../errors.js";
import { IoCounters } from "../metrics/io-counters.js";
import { PrincipalCounters } from "../metrics/principal-counters.js";
import { CompletionPoller } from "../poller/completion-poller.js";
import { StartupError } from "../startup-error.js";
import type { ServedDevice } from "./served-device.js";

/** The devices the server opened, by name, each with its own polling loop. */
export class DeviceRegistry {
  readonly #devices = new Map<string, ServedDevice>();
  readonly #log: Logger;
  readonly #pokeMax: number;

  constructor(log: Logger, pokeMax: number) {
    this.#log = log;
    this.#pokeMax = pokeMax;
  }

  /**
   * Opens `path` with `library` (undefined = the default). Throws if a device of the same name
   * is open already; a StartupError when the device is missing, no image or held by another
   * process; else the library's NativeError.
   */
  open(path: string, library: string | undefined): ServedDevice {
    let device: NvmDevice;
    try {
      device = NvmDevice.open(path, library === undefined ? {} : { library });
    } catch (error) {
      throw openFailure(path, error);
    }
    if (this.#devices.has(device.name)) {
      device.close();
      throw new Error(`two devices are named ${device.name}: give them different file names`);
    }
    const served: ServedDevice = {
      name: device.name,
      device,
      poller: new CompletionPoller(this.#log.child({ device: device.name }), this.#pokeMax),
      stats: new IoCounters(),
      principalStats: new PrincipalCounters(),
    };
    this.#devices.set(device.name, served);
    this.#log.info({ device: device.name, path, geometry: device.geometry }, "device opened");
    return served;
  }

  /** Every open device, in the order opened. */
  list(): ServedDevice[] {
    return [...this.#devices.values()];
  }

  /** The devices `caller` may use, in the order opened. */
  visibleTo(caller: Principal): ServedDevice[] {
    const policy = caller.access.current;
    return this.list().filter((d) => policy.mayUseDevice(caller, d.name));
  }

  /**
   * The device named `name`, if `caller` may use it; PERMISSION_DENIED when it may not, asked
   * before whether the device exists (AIP-193: no probing for names); NOT_FOUND
   * (DEVICE_NOT_FOUND) otherwise.
   */
  get(name: string, caller: Principal): ServedDevice {
    if (!caller.access.current.mayUseDevice(caller, name)) {
      throw new StorageError(
        ErrorReason.PERMISSION_DENIED,
        `${caller.id} may not use device ${JSON.stringify(name)}, or it does not exist`,
        { metadata: { device: name, principal: caller.id } },
      );
    }
    const device = this.#devices.get(name);
    if (!device) {
      throw new StorageError(
        ErrorReason.DEVICE_NOT_FOUND,
        `device ${JSON.stringify(name)} not found`,
        {
          metadata: { device: name },
        },
      );
    }
    return device;
  }

  /** Closes every device; their contexts must be closed first. */
  closeAll(): void {
    for (const served of this.#devices.values()) served.device.close();
    this.#devices.clear();
  }
}

/** Why `nvm_dev_open` refused `path`, in words, by errno (see liblightnvm.h, nvm_dev_open). */
const OPEN_FAILURES: Readonly<Record<string, (path: string) => string>> = {
  EBUSY: (path) => `image ${path} is held by another lnvmd (EBUSY)`,
  ENOENT: (path) => `device ${path} does not exist (ENOENT)`,
  EINVAL: (path) => `${path} is not a device image, or is corrupt or truncated (EINVAL)`,
};

/** A StartupError for the errors of `nvm_dev_open` an operator can fix; `error` otherwise. */
function openFailure(path: string, error: unknown): unknown {
  if (!(error instanceof NativeError) || error.fn !== "nvm_dev_open") return error;
  const describe = OPEN_FAILURES[error.code];
  return describe ? new StartupError(describe(path), { path, code: error.code }, error) : error;
}
