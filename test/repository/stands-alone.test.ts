import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import test from "ava";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** References to files that live beside the repository, not in it. */
const OUTSIDE = /(\.\.\/shared\b|\bshared\/(OCSSD|STYLE)\.md|\bshared\/seed\b|\bseed text\b)/;

test("no tracked file cites a document outside the repository", async (t) => {
  const { stdout } = await promisify(execFile)("git", ["ls-files", "-z"], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const files = stdout.split("\0").filter((f) => f && !f.endsWith("package-lock.json"));
  const citing: string[] = [];
  for (const file of files) {
    const text = await readFile(`${ROOT}${file}`, "utf8").catch(() => "");
    const line = text.split("\n").findIndex((l) => OUTSIDE.test(l));
    if (line >= 0) citing.push(`${file}:${line + 1}`);
  }
  t.deepEqual(citing, [], "state the fact where it is used instead");
});
