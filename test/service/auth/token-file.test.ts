import { writeFile } from "node:fs/promises";
import test from "ava";
import { TokenFileError, TokenTable } from "../../../service/auth/token-file.js";
import { tempPath } from "../../helpers/test-server.js";
import { tokenLine } from "../../helpers/token-file.js";

test("a token file maps each token's SHA-256 to its principal and knows no other token", async (t) => {
  const path = await tempPath(t, "tokens");
  await writeFile(path, `# comment\n\n${tokenLine("a", "alpha")}\n  ${tokenLine("b", "beta")}  \n`);
  const table = TokenTable.load(path);
  t.is(table.size, 2);
  t.is(table.principalOf("alpha"), "a");
  t.is(table.principalOf("beta"), "b");
  t.is(table.principalOf("gamma"), undefined);
  t.is(table.principalOf(""), undefined);
});

test("a malformed token file line is refused naming the file and line number", async (t) => {
  const path = await tempPath(t, "tokens");
  await writeFile(path, `${tokenLine("a", "alpha")}\nb plain-token\n`);
  const error = t.throws(() => TokenTable.load(path), { instanceOf: TokenFileError });
  t.is(error?.message, `--token-file ${path}:2: expected "PRINCIPAL sha256:<64 hex digits>"`);
});

test("a token file listing one hash twice is refused", async (t) => {
  const path = await tempPath(t, "tokens");
  await writeFile(path, `${tokenLine("a", "same")}\n${tokenLine("b", "same")}\n`);
  t.throws(() => TokenTable.load(path), { message: /:2: the same token hash twice/ });
});
