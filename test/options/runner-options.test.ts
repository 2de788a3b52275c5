import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import test from "ava";

/** How `node --import tsx test/NAME/main.ts ...args` ended. */
function runRunner(name: string, args: readonly string[]) {
  const main = fileURLToPath(new URL(`../${name}/main.ts`, import.meta.url));
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ["--import", "tsx", main, ...args], (error, stdout, stderr) =>
      resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr }),
    );
  });
}

const RUNNERS = {
  soak: ["--minutes M", "--contexts N"],
  torture: ["--cycles N"],
  fuzz: ["--requests N", "--concurrency N", "--floods N", "--deadline-ms N", "--server-flag F"],
} as const;

for (const [name, flags] of Object.entries(RUNNERS)) {
  test(`npm run ${name} -- --help prints its usage and every option of its table, --seed too`, async (t) => {
    const run = await runRunner(name, ["--help"]);
    t.is(run.code, 0, run.stderr);
    t.true(run.stdout.startsWith(`npm run ${name} -- [options]\n`));
    for (const flag of [...flags, "--seed N", "-h, --help"])
      t.true(run.stdout.includes(`  ${flag}`), flag);
  });

  test(`npm run ${name} with an unknown option or a bad value exits 2 naming it, running nothing`, async (t) => {
    const unknown = await runRunner(name, ["--bogus"]);
    t.is(unknown.code, 2);
    t.is(unknown.stderr, `${name}: unknown option --bogus (see --help)\n`);
    t.is(unknown.stdout, "");
    const bad = await runRunner(name, ["--seed", "-1"]);
    t.is(bad.code, 2);
    t.regex(bad.stderr, new RegExp(`^${name}: --seed: `));
  });
}
