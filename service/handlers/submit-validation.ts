import type { Address } from "../../gen/ts/lightnvm/v1/address_pb.js";
import type { Command, Target } from "../../gen/ts/lightnvm/v1/command_pb.js";
import {
  ADDRESS_FIELD_MAX,
  addressFieldOutOfRange,
  type CommandTarget,
  decodeAddress,
  NVM_MCCAP_VECTOR_COPY,
  NVM_NADDR_MAX,
  type NvmGeometry,
  type NvmSectorAddress,
} from "../../native/binding/index.js";
import type { DecodedCommand } from "../contexts/decoded-command.js";
import { type FieldViolation, invalidRequest } from "../errors.js";

/** Most violations one error lists. */
const MAX_VIOLATIONS = 32;

/**
 * Validates a whole Submit batch before anything reaches the device and decodes it. Throws
 * INVALID_ARGUMENT (INVALID_REQUEST) with a field violation per problem, each naming the
 * command index and field. Addresses that encode but fall outside the geometry pass: the device
 * answers them with a completion status, as a real device would.
 */
export function decodeSubmitBatch(
  commands: readonly Command[],
  device: { readonly geometry: NvmGeometry; readonly mccap: number },
  maxCommandBytes: number,
): DecodedCommand[] {
  const { geometry } = device;
  const violations: FieldViolation[] = [];
  const decoded: DecodedCommand[] = [];
  if (commands.length === 0) {
    throw invalidRequest([
      { field: "commands", description: "a batch needs at least one command" },
    ]);
  }
  const maxNaddrs = Math.min(NVM_NADDR_MAX, Math.floor(maxCommandBytes / geometry.nbytes));
  for (let i = 0; i < commands.length && violations.length < MAX_VIOLATIONS; i++) {
    const command = commands[i] as Command;
    const at = `commands[${i}]`;
    const op = command.op;
    switch (op.case) {
      case "read": {
        const target = decodeTarget(op.value.target, `${at}.read.target`, maxNaddrs, violations);
        if (target) {
          decoded.push({ op: "read", tag: command.tag, ...target, withMeta: op.value.withMeta });
        }
        break;
      }
      case "write": {
        const target = decodeTarget(op.value.target, `${at}.write.target`, maxNaddrs, violations);
        if (!target) break;
        const { data, meta } = op.value;
        const dataNbytes = target.naddrs * geometry.nbytes;
        if (data.byteLength !== dataNbytes) {
          violations.push({
            field: `${at}.write.data`,
            description: `must hold ${target.naddrs} sectors × ${geometry.nbytes} bytes = ${dataNbytes} bytes, got ${data.byteLength}`,
          });
        }
        const metaNbytes = target.naddrs * geometry.nbytesOob;
        if (meta.byteLength !== 0 && meta.byteLength !== metaNbytes) {
          violations.push({
            field: `${at}.write.meta`,
            description: `must be empty or hold ${target.naddrs} sectors × ${geometry.nbytesOob} bytes = ${metaNbytes} bytes, got ${meta.byteLength}`,
          });
        }
        decoded.push({
          op: "write",
          tag: command.tag,
          ...target,
          data,
          meta: meta.byteLength > 0 ? meta : undefined,
        });
        break;
      }
      case "erase": {
        const chunks = decodeAddressList(op.value.chunks, `${at}.erase.chunks`, violations);
        if (chunks) decoded.push({ op: "erase", tag: command.tag, chunks });
        break;
      }
      case "copy": {
        if ((device.mccap & NVM_MCCAP_VECTOR_COPY) === 0) {
          violations.push({
            field: `${at}.copy`,
            description: `the device cannot copy: its mccap lacks vector copy (bit 0x${NVM_MCCAP_VECTOR_COPY.toString(16)})`,
          });
          break;
        }
        const { sources, destinations } = op.value;
        const src = decodeAddressList(sources, `${at}.copy.sources`, violations);
        const dst = decodeAddressList(destinations, `${at}.copy.destinations`, violations);
        if (src && dst && src.length !== dst.length) {
          violations.push({
            field: `${at}.copy.destinations`,
            description: `must list as many addresses as sources (${src.length}), got ${dst.length}`,
          });
        } else if (src && dst) {
          decoded.push({ op: "copy", tag: command.tag, sources: src, destinations: dst });
        }
        break;
      }
      default:
        violations.push({
          field: `${at}.op`,
          description: "unknown opcode: set one of read, write, erase, copy",
        });
    }
  }
  if (violations.length > 0) throw invalidRequest(violations);
  return decoded;
}

function decodeTarget(
  target: Target | undefined,
  at: string,
  maxNaddrs: number,
  violations: FieldViolation[],
): { target: CommandTarget; naddrs: number } | undefined {
  const mode = target?.mode;
  if (mode?.case === "vector") {
    const addresses = decodeAddressList(
      mode.value.addresses,
      `${at}.vector.addresses`,
      violations,
      maxNaddrs,
    );
    return addresses && { target: { mode: "vector", addresses }, naddrs: addresses.length };
  }
  if (mode?.case === "scalar") {
    const count = mode.value.sectorCount;
    const start = decodeOne(mode.value.start, `${at}.scalar.start`, undefined, violations);
    if (count < 1 || count > maxNaddrs) {
      violations.push({
        field: `${at}.scalar.sector_count`,
        description: `must be 1 to ${maxNaddrs}, got ${count}`,
      });
      return undefined;
    }
    if (start && start.sector + count - 1 > ADDRESS_FIELD_MAX.sector) {
      violations.push({
        field: `${at}.scalar.sector_count`,
        description: `start sector ${start.sector} + ${count} sectors passes the last sector address ${ADDRESS_FIELD_MAX.sector}`,
      });
      return undefined;
    }
    return start && { target: { mode: "scalar", start, count }, naddrs: count };
  }
  violations.push({
    field: `${at}.mode`,
    description: "target mode is unset: set vector or scalar",
  });
  return undefined;
}

function decodeAddressList(
  addresses: readonly Address[],
  at: string,
  violations: FieldViolation[],
  max = NVM_NADDR_MAX,
): NvmSectorAddress[] | undefined {
  if (addresses.length < 1 || addresses.length > max) {
    violations.push({
      field: at,
      description: `must list 1 to ${max} addresses, got ${addresses.length}`,
    });
    return undefined;
  }
  const decoded: NvmSectorAddress[] = [];
  let ok = true;
  for (let j = 0; j < addresses.length; j++) {
    const addr = decodeOne(addresses[j], at, j, violations);
    if (addr) decoded.push(addr);
    else ok = false;
  }
  return ok ? decoded : undefined;
}

/**
 * Decodes one address. Its field path is `at`, or `at[index]` in a list; the string is built
 * only for a violation, since a vector command checks up to 64 addresses.
 */
function decodeOne(
  address: Address | undefined,
  at: string,
  index: number | undefined,
  violations: FieldViolation[],
): NvmSectorAddress | undefined {
  const form = address?.form;
  if (form?.case === "raw") return decodeAddress(form.value);
  if (form?.case === "sector") {
    const field = addressFieldOutOfRange(form.value);
    if (field === undefined) return form.value;
    violations.push({
      field: `${indexedPath(at, index)}.sector.${field}`,
      description: `${field} ${form.value[field]} does not fit the OCSSD 2.0 address format`,
    });
    return undefined;
  }
  violations.push({
    field: indexedPath(at, index),
    description: "address is unset: set sector or raw",
  });
  return undefined;
}

function indexedPath(at: string, index: number | undefined): string {
  return index === undefined ? at : `${at}[${index}]`;
}
