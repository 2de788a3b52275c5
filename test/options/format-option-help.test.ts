import test from "ava";
import { formatOptionHelp, integerOption, switchOption, textOption } from "../../options/index.js";

test("help columns line up after the longest flag and variable, and descriptions wrap inside their column", (t) => {
  const help = formatOptionHelp(
    {
      qd: integerOption({ env: "QD", default: 32, min: 1, max: 4096, help: "commands in flight" }),
      "a-very-long-option-name-indeed": textOption({
        placeholder: "VALUE",
        env: "A_VERY_LONG_VARIABLE_NAME",
        help: "an option whose description is long enough that it has to wrap onto a second line",
      }),
      json: switchOption({ help: "print JSON" }),
    },
    120,
  );
  const lines = help.split("\n");
  const [qd = "", long = "", wrapped = "", json = "", helpRow = ""] = lines;
  t.is(lines.length, 5);
  t.is(qd.indexOf("QD"), long.indexOf("A_VERY_LONG_VARIABLE_NAME"));
  const column = qd.indexOf("commands in flight");
  t.is(long.indexOf("an option"), column);
  t.is(wrapped.length - wrapped.trimStart().length, column);
  t.is(json.indexOf("print JSON"), column);
  t.is(helpRow.indexOf("show this help"), column);
  for (const line of lines) t.true(line.length <= 120, line);
  t.regex(qd, /commands in flight \(1 to 4096; default 32\)$/);
});

test("descriptions go on lines of their own when the flags leave too narrow a column", (t) => {
  const help = formatOptionHelp(
    { [`x${"y".repeat(70)}`]: textOption({ placeholder: "V", help: "a value" }) },
    80,
  );
  t.is(help.split("\n")[1], "        a value");
});
