import { readFile } from "node:fs/promises";
import test from "ava";
import { StatusCodeSchema } from "../../gen/ts/lightnvm/v1/command_pb.js";
import { decodeCommandStatus } from "../../native/binding/index.js";

const ROOT = new URL("../../", import.meta.url);

/** The markdown table rows (lines starting with "|") of the CommandStatus comment, in order. */
async function protoStatusTables(): Promise<string[]> {
  const proto = await readFile(new URL("proto/lightnvm/v1/command.proto", ROOT), "utf8");
  const comment = proto.slice(
    proto.indexOf("// How the device completed"),
    proto.indexOf("message CommandStatus {"),
  );
  return comment
    .split("\n")
    .map((line) => line.replace(/^\/\/ ?/, ""))
    .filter((line) => line.startsWith("|"));
}

test("the README's status tables are the proto contract's, row for row", async (t) => {
  const readme = await readFile(new URL("README.md", ROOT), "utf8");
  const section = readme.slice(
    readme.indexOf("## Completion statuses"),
    readme.indexOf("## Configuration"),
  );
  const readmeRows = section.split("\n").filter((line) => line.startsWith("|"));
  const protoRows = await protoStatusTables();
  t.true(protoRows.length > 20);
  t.deepEqual(readmeRows, protoRows);
});

test("the StatusCode enum holds exactly the codes and names of the proto contract's code table", async (t) => {
  const rows = (await protoStatusTables()).filter((row) => /^\| 0x[0-9A-F]{3} \|/.test(row));
  const table = rows.map((row) => {
    const [code = "", name = ""] = row
      .split("|")
      .slice(1, 3)
      .map((cell) => cell.trim());
    return [Number.parseInt(code, 16), `STATUS_CODE_${name}`] as const;
  });
  t.true(table.length > 10);
  t.deepEqual(
    StatusCodeSchema.values.map((value) => [value.number, value.name] as const),
    table,
  );
});

test("the binding names every StatusCode value by the enum, without its prefix, and any other code UNKNOWN", (t) => {
  for (const value of StatusCodeSchema.values) {
    t.is(decodeCommandStatus(value.number).name, value.name.replace(/^STATUS_CODE_/, ""));
  }
  t.is(decodeCommandStatus(0x2f3).name, "UNKNOWN");
  t.is(decodeCommandStatus(0x001).name, "UNKNOWN");
});
