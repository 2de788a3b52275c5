import test from "ava";
import {
  integerOption,
  listOption,
  OptionError,
  parseOptions,
  switchOption,
  textOption,
} from "../../options/index.js";

const TABLE = {
  out: textOption({ placeholder: "F", short: "o", help: "output file" }),
  qd: integerOption({ env: "QD", default: 32, min: 1, max: 4096, help: "commands in flight" }),
  device: listOption({ placeholder: "PATH", env: "DEVICES", help: "device", parse: (t) => [t] }),
  json: switchOption({ help: "print JSON" }),
};

test("flags, inline values, short aliases and positionals are parsed; absent options take defaults", (t) => {
  const parsed = parseOptions(TABLE, ["a", "--qd=8", "-o", "f.bin", "--json", "b", "--", "-c"], {});
  t.deepEqual(parsed.values, { out: "f.bin", qd: 8, device: [], json: true });
  t.deepEqual(parsed.positionals, ["a", "b", "-c"]);
  t.false(parsed.help);
  t.like(parseOptions(TABLE, ["-ox"], {}).values, { out: "x", qd: 32, json: false });
});

test("a flag wins over its environment variable, and a list variable is split at commas", (t) => {
  const env = { QD: "4", DEVICES: "a.img,b.img" };
  t.like(parseOptions(TABLE, [], env).values, { qd: 4, device: ["a.img", "b.img"] });
  t.like(parseOptions(TABLE, ["--qd", "2", "--device", "c.img"], env).values, {
    qd: 2,
    device: ["c.img"],
  });
});

test("-h and --help are understood by every table", (t) => {
  t.true(parseOptions(TABLE, ["-h"], {}).help);
  t.true(parseOptions(TABLE, ["x", "--help"], {}).help);
});

test("bad command lines are refused with a message naming the option or variable", (t) => {
  const refuse = (args: string[], message: string, env = {}) =>
    t.throws(() => parseOptions(TABLE, args, env), { instanceOf: OptionError, message });
  refuse(["--colour"], "unknown option --colour");
  refuse(["--constructor"], "unknown option --constructor");
  refuse(["-x"], "unknown option -x");
  refuse(["--qd"], "--qd needs a value (--qd N)");
  refuse(["--qd", "--json"], "--qd needs a value (--qd N)");
  refuse(["--json=yes"], "--json takes no value");
  refuse(["--qd", "0"], "--qd: must be 1 to 4096, got 0");
  refuse(["--qd", "many"], '--qd: expected a whole number, got "many"');
  refuse([], 'QD: expected a whole number, got "x"', { QD: "x" });
});
