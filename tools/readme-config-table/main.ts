// Rewrites the configuration table of README.md from the server's option table
// (`npm run -s readme`); test/service/config-readme-table.test.ts fails until it is run.
import { readFile, writeFile } from "node:fs/promises";
import { readmeWithConfigTable } from "./readme-with-config-table.js";

const README = new URL("../../README.md", import.meta.url);
await writeFile(README, readmeWithConfigTable(await readFile(README, "utf8")));
