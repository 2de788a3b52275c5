import {
  formatOptionHelp,
  integerOption,
  OptionError,
  type OptionTable,
  type OptionValues,
  parseOptions,
} from "../../options/index.js";

/** The largest seed: the runners' PRNG takes 32 bits. */
const MAX_SEED = 0xffff_ffff;

/** `--seed N`, which every runner has: the PRNG seed, random (and printed) when absent. */
export const SEED_OPTION = integerOption({
  max: MAX_SEED,
  defaultText: "random, printed",
  help: "PRNG seed",
});

/** A runner's command line, what it does and how it runs. */
export interface RunnerProgram<T extends OptionTable> {
  /** `soak`, `torture` or `fuzz`: the npm script, and the prefix of its stderr lines. */
  readonly name: string;
  /** What `--help` says before the options, wrapped at 100 columns. */
  readonly about: string;
  /** The runner's options besides `--seed` and `--help`. */
  readonly options: T;
  /** Runs with the parsed options and the seed; resolves with the report and whether it passed. */
  run(
    values: OptionValues<T>,
    seed: number,
    log: (line: string) => void,
  ): Promise<{ readonly report: unknown; readonly passed: boolean }>;
}

/** The `--help` text of `program`. */
export function runnerHelp(program: RunnerProgram<OptionTable>): string {
  return `npm run ${program.name} -- [options]

${program.about}

Options:
${formatOptionHelp({ ...program.options, seed: SEED_OPTION })}
`;
}

/**
 * The entry point of a runner: parses `args` against its option table (exit status 2 and a
 * message for a bad one; `--help` prints the table), runs it, prints its JSON report on stdout
 * and `NAME: seed S: passed|FAILED` on stderr, and sets the exit status to 0 when it passed,
 * else 1.
 */
export async function runnerMain<T extends OptionTable>(
  program: RunnerProgram<T>,
  args: readonly string[] = process.argv.slice(2),
): Promise<void> {
  const table = { ...program.options, seed: SEED_OPTION };
  let parsed: ReturnType<typeof parseOptions<typeof table>>;
  try {
    parsed = parseOptions(table, args, {});
    const [extra] = parsed.positionals;
    if (extra !== undefined) throw new OptionError(`unexpected argument ${JSON.stringify(extra)}`);
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    process.stderr.write(`${program.name}: ${error.message} (see --help)\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    process.stdout.write(runnerHelp(program));
    return;
  }
  const given = parsed.values.seed as number | undefined;
  const seed = given ?? Math.floor(Math.random() * (MAX_SEED + 1));
  const log = (line: string) => process.stderr.write(`${program.name}: ${line}\n`);
  const { report, passed } = await program.run(parsed.values as OptionValues<T>, seed, log);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log(`seed ${seed}: ${passed ? "passed" : "FAILED"}`);
  process.exitCode = passed ? 0 : 1;
}
