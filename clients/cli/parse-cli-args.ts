import {
  formatOptionHelp,
  OptionError,
  type OptionTable,
  type OptionValues,
  parseOptions,
  switchOption,
  textOption,
  valueOption,
} from "../../options/index.js";
import { CliError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import type { ServerTarget } from "./cli-session.js";
import { CLUSTER_OPTIONS, clusterSourceOf } from "./cluster-source.js";
import { resolveConnectionOptions } from "./connection-options.js";
import { DEFAULT_SERVER_ADDRESS, parseServerAddress } from "./server-address.js";

/** Options every subcommand accepts, added to its own (and `-h, --help`). */
const COMMON_OPTIONS = {
  address: valueOption({
    placeholder: "HOST:PORT",
    env: "LNVM_ADDRESS",
    default: DEFAULT_SERVER_ADDRESS,
    help: "lnvmd to talk to",
    parse: parseServerAddress,
  }),
  tls: switchOption({
    help: "connect with TLS, trusting the system's CAs (implied by --tls-ca and --tls-cert)",
  }),
  "tls-ca": textOption({
    placeholder: "PATH",
    env: "LNVM_TLS_CA",
    help: "CA certificates (PEM) to trust instead of the system's; implies --tls",
  }),
  "tls-cert": textOption({
    placeholder: "PATH",
    env: "LNVM_TLS_CERT",
    help: "client certificate (PEM) for mutual TLS; needs --tls-key; implies --tls",
  }),
  "tls-key": textOption({
    placeholder: "PATH",
    env: "LNVM_TLS_KEY",
    help: "private key (PEM) of --tls-cert",
  }),
  "tls-server-name": textOption({
    placeholder: "NAME",
    env: "LNVM_TLS_SERVER_NAME",
    help: "name to check the server certificate against instead of the address's host",
  }),
  token: textOption({
    placeholder: "TOKEN",
    env: "LNVM_TOKEN",
    help: "bearer token sent with every call; prefer the variable (a command line is visible to other users)",
  }),
  ...CLUSTER_OPTIONS,
};

/** The help lines of `COMMON_OPTIONS`, for `lnvm --help`. */
export const COMMON_USAGE = `Common options:\n${formatOptionHelp(COMMON_OPTIONS)}`;

/** What a command needs from its command line. */
export interface CliArgsSpec<T extends OptionTable> {
  /** The command's `--help` text before its options block (generated from `options`). */
  readonly usage: string;
  /** The command's own options. */
  readonly options: T;
  /** Names of the required positionals, e.g. `["<device>"]`, for messages. */
  readonly positionals: readonly string[];
  /** Accept any number of positionals beyond the required ones. @default false */
  readonly variadic?: boolean;
}

/** A command's parsed arguments: its options' values and its positionals. */
export interface CliArgs<T extends OptionTable> {
  readonly values: OptionValues<T>;
  readonly positionals: readonly string[];
  /** The validated server address: `--address`, else `$LNVM_ADDRESS`, else the default. */
  readonly address: string;
  /** The address with the TLS and token options to connect with, and the cluster if any. */
  readonly server: ServerTarget;
}

/** The `--help` text of a command: its usage, then its and the common options. */
export function commandHelp(spec: CliArgsSpec<OptionTable>): string {
  return `${spec.usage.trimEnd()}\n\nOptions:\n${formatOptionHelp({ ...spec.options, ...COMMON_OPTIONS })}\n`;
}

/**
 * Parses a subcommand's arguments strictly. Prints the help and returns undefined for `--help`;
 * throws a usage `CliError` for an unknown option, a missing or bad value, or the wrong number
 * of positionals. `server` adds the TLS and token options to the address (see
 * `resolveConnectionOptions`).
 */
export function parseCliArgs<T extends OptionTable>(
  args: readonly string[],
  io: CliIo,
  spec: CliArgsSpec<T>,
): CliArgs<T> | undefined {
  const table = { ...spec.options, ...COMMON_OPTIONS };
  let parsed: ReturnType<typeof parseOptions<typeof table>>;
  try {
    parsed = parseOptions(table, args, io.env);
  } catch (error) {
    if (error instanceof OptionError) throw CliError.usage(error.message);
    throw error;
  }
  if (parsed.help) {
    io.stdout.write(commandHelp(spec));
    return undefined;
  }
  const required = spec.positionals;
  if (parsed.positionals.length < required.length) {
    throw CliError.usage(`missing ${required.slice(parsed.positionals.length).join(" ")}`);
  }
  if (!spec.variadic && parsed.positionals.length > required.length) {
    throw CliError.usage(
      `unexpected argument ${JSON.stringify(parsed.positionals[required.length])}`,
    );
  }
  const {
    address,
    tls,
    "tls-ca": tlsCa,
    "tls-cert": tlsCert,
    "tls-key": tlsKey,
    "tls-server-name": tlsServerName,
    token,
    seed,
    etcd,
    "etcd-prefix": etcdPrefix,
    ...values
  } = parsed.values as OptionValues<typeof COMMON_OPTIONS> & OptionValues<T>;
  const options = resolveConnectionOptions({
    tls,
    "tls-ca": tlsCa,
    "tls-cert": tlsCert,
    "tls-key": tlsKey,
    "tls-server-name": tlsServerName,
    token,
  });
  return {
    values: values as OptionValues<T>,
    positionals: parsed.positionals,
    address,
    server: {
      address,
      options,
      cluster: clusterSourceOf({ seed, etcd, "etcd-prefix": etcdPrefix }),
    },
  };
}
