import { listOption, textOption } from "../../options/index.js";
import { CliError } from "./cli-error.js";
import { parseServerAddress } from "./server-address.js";

/**
 * Where `lnvm` finds the cluster directory: the nodes at `seeds` (ClusterService, asked in
 * turn until one answers), or etcd itself at `endpoints` under `prefix`.
 */
export type ClusterSource =
  | { readonly kind: "seeds"; readonly seeds: readonly string[] }
  | { readonly kind: "etcd"; readonly endpoints: readonly string[]; readonly prefix: string };

/** The options that route commands through a cluster; part of every command's common options. */
export const CLUSTER_OPTIONS = {
  seed: listOption({
    placeholder: "HOST:PORT",
    env: "LNVM_SEED",
    defaultText: "no cluster",
    help: "route by device through a cluster: ask this node (any node) for the cluster directory and send each device's calls to the node serving it",
    parse: (text, source) =>
      text
        .split(",")
        .filter(Boolean)
        .map((part) => parseServerAddress(part, source)),
  }),
  etcd: listOption({
    placeholder: "ENDPOINTS",
    env: "LNVM_ETCD",
    defaultText: "no cluster",
    help: "route by device through a cluster: read its directory from etcd at http://HOST:PORT",
    parse: (text) => text.split(",").filter(Boolean),
  }),
  "etcd-prefix": textOption({
    placeholder: "PREFIX",
    env: "LNVM_ETCD_PREFIX",
    default: "/lnvmd/",
    help: "key prefix of the cluster in etcd (lnvmd's --etcd-prefix)",
  }),
};

/**
 * The cluster source `--seed`, `--etcd` and `--etcd-prefix` name, or undefined when neither
 * routes; both at once is a usage error.
 */
export function clusterSourceOf(values: {
  readonly seed: readonly string[];
  readonly etcd: readonly string[];
  readonly "etcd-prefix": string;
}): ClusterSource | undefined {
  if (values.seed.length > 0 && values.etcd.length > 0) {
    throw CliError.usage("--seed and --etcd exclude each other");
  }
  if (values.seed.length > 0) return { kind: "seeds", seeds: values.seed };
  if (values.etcd.length > 0) {
    return { kind: "etcd", endpoints: values.etcd, prefix: values["etcd-prefix"] };
  }
  return undefined;
}

/** `source` in words, for messages: "seed 10.0.0.5:50051" or "etcd at http://...". */
export function describeClusterSource(source: ClusterSource): string {
  return source.kind === "seeds"
    ? `seed ${source.seeds.join(", ")}`
    : `etcd at ${source.endpoints.join(",")} (prefix ${source.prefix})`;
}
