import { readFile } from "node:fs/promises";
import test from "ava";
import { readmeWithConfigTable } from "../../tools/readme-config-table/readme-with-config-table.js";

test("the README's configuration table is the one generated from the server's option table", async (t) => {
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  t.is(readme, readmeWithConfigTable(readme), "run `npm run -s readme` to regenerate it");
});
