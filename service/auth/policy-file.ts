import { readFileSync } from "node:fs";
import { describeLocation, jsonLocations } from "./json-locations.js";

/** What a grant lets a principal do; `admin` is per device, the rest per chunk. */
export const RIGHTS = ["read", "write", "erase", "copy", "report", "admin"] as const;
export type Right = (typeof RIGHTS)[number];

/** Device name a grant uses to mean every device the server serves. */
export const ANY_DEVICE = "*";

/** An inclusive range of indexes, `first` ≤ `last`. */
export interface IndexRange {
  readonly first: number;
  readonly last: number;
}

/**
 * Rights of one principal over one partition of a device: the chunks whose group, parallel unit
 * (within its group) and chunk index lie in the ranges; an absent range is the whole dimension.
 */
export interface Grant {
  readonly principal: string;
  /** A device name, or ANY_DEVICE. */
  readonly device: string;
  readonly rights: ReadonlySet<Right>;
  readonly groups: IndexRange | undefined;
  readonly punits: IndexRange | undefined;
  readonly chunks: IndexRange | undefined;
}

/** Limits on one principal's contexts; an absent limit is none. */
export interface Quota {
  readonly principal: string;
  /** Most contexts open at once. */
  readonly maxContexts: number | undefined;
  /** Most depth summed over its open contexts. */
  readonly maxTotalDepth: number | undefined;
  /** Commands per second admitted (delayed beyond, never refused). */
  readonly maxIops: number | undefined;
  /** Data bytes per second admitted (delayed beyond, never refused). */
  readonly maxBytesPerSecond: number | undefined;
}

/** A policy file, validated. */
export interface PolicyDocument {
  readonly grants: readonly Grant[];
  readonly quotas: readonly Quota[];
}

/** The dimensions of a served device that a partition's ranges must lie within. */
export interface PartitionBounds {
  readonly npugrp: number;
  readonly npunit: number;
  readonly nchunk: number;
}

/** A policy file that cannot be read or is not valid; the message names the file and field. */
export class PolicyError extends Error {
  override readonly name = "PolicyError";
}

type Json = unknown;

/** "line L, column C" of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

class Validator {
  readonly #source: string;
  readonly #text: string;

  constructor(source: string, text: string) {
    this.#source = source;
    this.#text = text;
  }

  /** Throws the PolicyError for `path`, naming the line and column where it is in the file. */
  fail(path: string, message: string): never {
    const where = describeLocation(this.#text, jsonLocations(this.#text), path);
    throw new PolicyError(
      `--policy ${this.#source}: ${where ? `${where}: ` : ""}${path}: ${message}`,
    );
  }

  object(value: Json, path: string, known: readonly string[]): Record<string, Json> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(path, `expected an object, got ${describe(value)}`);
    }
    const record = value as Record<string, Json>;
    for (const key of Object.keys(record)) {
      if (!known.includes(key)) {
        this.fail(`${path}.${key}`, `unknown field (known: ${known.join(", ")})`);
      }
    }
    return record;
  }

  array(value: Json, path: string): readonly Json[] {
    if (!Array.isArray(value)) this.fail(path, `expected an array, got ${describe(value)}`);
    return value;
  }

  string(value: Json, path: string): string {
    if (typeof value !== "string" || value === "") {
      this.fail(path, `expected a non-empty string, got ${describe(value)}`);
    }
    return value;
  }

  index(value: Json, path: string, min: number): number {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
      this.fail(path, `expected a whole number of at least ${min}, got ${describe(value)}`);
    }
    return value;
  }

  range(value: Json, path: string, size: number | undefined, unit: string): IndexRange | undefined {
    if (value === undefined) return undefined;
    const record = this.object(value, path, ["first", "last"]);
    const first = this.index(record["first"], `${path}.first`, 0);
    const last = this.index(record["last"], `${path}.last`, 0);
    if (last < first) this.fail(`${path}.last`, `${last} is before first ${first}`);
    if (size !== undefined && last >= size) {
      this.fail(
        `${path}.last`,
        `${last} is beyond the device's ${size} ${unit} (0 to ${size - 1})`,
      );
    }
    return { first, last };
  }
}

function describe(value: Json): string {
  if (value === undefined) return "nothing";
  return JSON.stringify(value);
}

/**
 * Parses and validates a policy (see README, "Security"). `devices` are the served devices:
 * a grant must name one of them (or "*") and its ranges must lie within that device. Throws
 * PolicyError naming `source`, the line and column, and the field path
 * (`--policy p.json: line 9, column 17: grants[2].chunks.last: ...`), or the line and column
 * of a JSON syntax error.
 */
export function parsePolicy(
  text: string,
  source: string,
  devices: ReadonlyMap<string, PartitionBounds>,
): PolicyDocument {
  let root: Json;
  try {
    root = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /at position (\d+)/.exec(message)?.[1];
    const where = offset === undefined ? "" : ` at ${lineColumn(text, Number(offset))}`;
    throw new PolicyError(`--policy ${source}: not valid JSON${where}: ${message}`);
  }
  const v = new Validator(source, text);
  const top = v.object(root, "(top level)", ["grants", "quotas"]);
  const grants = v.array(top["grants"] ?? [], "grants").map((entry, i): Grant => {
    const path = `grants[${i}]`;
    const record = v.object(entry, path, [
      "principal",
      "device",
      "rights",
      "groups",
      "punits",
      "chunks",
    ]);
    const principal = v.string(record["principal"], `${path}.principal`);
    const device = v.string(record["device"], `${path}.device`);
    const bounds = devices.get(device);
    if (device !== ANY_DEVICE && !bounds) {
      v.fail(
        `${path}.device`,
        `no served device is named ${JSON.stringify(device)} (served: ${[...devices.keys()].join(", ")}; "*" means all)`,
      );
    }
    const rightsList = v.array(record["rights"], `${path}.rights`);
    if (rightsList.length === 0)
      v.fail(`${path}.rights`, "grants nothing: list at least one right");
    const rights = new Set<Right>();
    rightsList.forEach((right, j) => {
      if (!RIGHTS.includes(right as Right)) {
        v.fail(
          `${path}.rights[${j}]`,
          `unknown right ${describe(right)} (known: ${RIGHTS.join(", ")})`,
        );
      }
      rights.add(right as Right);
    });
    return {
      principal,
      device,
      rights,
      groups: v.range(record["groups"], `${path}.groups`, bounds?.npugrp, "groups"),
      punits: v.range(
        record["punits"],
        `${path}.punits`,
        bounds?.npunit,
        "parallel units per group",
      ),
      chunks: v.range(
        record["chunks"],
        `${path}.chunks`,
        bounds?.nchunk,
        "chunks per parallel unit",
      ),
    };
  });
  const seen = new Set<string>();
  const quotas = v.array(top["quotas"] ?? [], "quotas").map((entry, i): Quota => {
    const path = `quotas[${i}]`;
    const record = v.object(entry, path, [
      "principal",
      "max_contexts",
      "max_total_depth",
      "max_iops",
      "max_bytes_per_second",
    ]);
    const principal = v.string(record["principal"], `${path}.principal`);
    if (seen.has(principal)) v.fail(`${path}.principal`, `a second quota for ${principal}`);
    seen.add(principal);
    const limit = (field: string, min: number) =>
      record[field] === undefined ? undefined : v.index(record[field], `${path}.${field}`, min);
    return {
      principal,
      maxContexts: limit("max_contexts", 0),
      maxTotalDepth: limit("max_total_depth", 0),
      // A rate of 0 would hold every batch forever.
      maxIops: limit("max_iops", 1),
      maxBytesPerSecond: limit("max_bytes_per_second", 1),
    };
  });
  return { grants, quotas };
}

/** Reads and parses the policy file at `path`; throws PolicyError. */
export function readPolicyFile(
  path: string,
  devices: ReadonlyMap<string, PartitionBounds>,
): PolicyDocument {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new PolicyError(
      `--policy ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parsePolicy(text, path, devices);
}
