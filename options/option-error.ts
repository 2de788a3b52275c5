/**
 * A command-line or environment value that cannot be used: an unknown option, a missing value,
 * or a value outside its limits. The message names where the value came from (`--qd` or
 * `LNVMD_LEASE_MS`) and what was expected; each program turns it into its own usage error.
 */
export class OptionError extends Error {
  override readonly name = "OptionError";
}
