import test from "ava";
import { PolicyError, parsePolicy } from "../../../service/auth/policy-file.js";
import { GEOMETRIES } from "../../helpers/geometries.js";
import { failedServerStart } from "../../helpers/lnvmd-process.js";
import { writePolicyFile } from "../../helpers/policy-file.js";
import { createTempImage } from "../../helpers/temp-device.js";

const DEVICES = new Map([["model0", { npugrp: 2, npunit: 4, nchunk: 64 }]]);

function refusal(policy: unknown): string {
  const error = (() => {
    try {
      const text = typeof policy === "string" ? policy : JSON.stringify(policy, null, 2);
      parsePolicy(text, "p.json", DEVICES);
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  if (!(error instanceof PolicyError))
    throw new Error(`expected a PolicyError, got ${String(error)}`);
  return error.message;
}

const grant = { principal: "a", device: "model0", rights: ["read"] };

test("a valid policy parses into grants with inclusive ranges and quotas", (t) => {
  const document = parsePolicy(
    JSON.stringify({
      grants: [{ ...grant, groups: { first: 1, last: 1 }, chunks: { first: 0, last: 63 } }],
      quotas: [{ principal: "a", max_contexts: 2 }],
    }),
    "p.json",
    DEVICES,
  );
  t.like(document.grants[0], { principal: "a", groups: { first: 1, last: 1 }, punits: undefined });
  t.deepEqual([...(document.grants[0]?.rights ?? [])], ["read"]);
  t.like(document.quotas[0], { maxContexts: 2, maxTotalDepth: undefined });
});

test("policy errors name the file, the line and column, and the field path", (t) => {
  // Pretty-printed: line 15 is `        "delete"`.
  t.is(
    refusal({ grants: [grant, { ...grant, rights: ["read", "delete"] }] }),
    '--policy p.json: line 15, column 9: grants[1].rights[1]: unknown right "delete" (known: read, write, erase, copy, report, admin)',
  );
  // A missing field is reported where its object starts.
  t.is(
    refusal({ grants: [{ principal: "a", rights: ["read"] }] }),
    "--policy p.json: line 3, column 5: grants[0].device: expected a non-empty string, got nothing",
  );
  t.regex(
    refusal({ grants: [{ ...grant, chunks: { first: 0, last: 64 } }] }),
    /grants\[0\]\.chunks\.last: 64 is beyond the device's 64 chunks per parallel unit \(0 to 63\)/,
  );
  t.regex(
    refusal({ grants: [{ ...grant, punits: { first: 3, last: 1 } }] }),
    /grants\[0\]\.punits\.last: 1 is before first 3/,
  );
  t.regex(
    refusal({ grants: [{ ...grant, device: "model9" }] }),
    /grants\[0\]\.device: no served device is named "model9"/,
  );
  t.regex(
    refusal({ grants: [{ ...grant, chunk: { first: 0, last: 1 } }] }),
    /grants\[0\]\.chunk: unknown field/,
  );
  t.regex(refusal({ grants: [{ ...grant, rights: [] }] }), /grants\[0\]\.rights: grants nothing/);
  t.regex(
    refusal({ grants: [{ ...grant, principal: 7 }] }),
    /grants\[0\]\.principal: expected a non-empty string, got 7/,
  );
  t.regex(
    refusal({ quotas: [{ principal: "a", max_contexts: -1 }] }),
    /quotas\[0\]\.max_contexts: expected a whole number of at least 0, got -1/,
  );
  t.regex(refusal({ grant: [] }), /\(top level\)\.grant: unknown field \(known: grants, quotas\)/);
});

test("a JSON syntax error names the line and column", (t) => {
  t.regex(
    refusal('{\n  "grants": [\n    { "principal": "a", }\n  ]\n}'),
    /not valid JSON at line 3, column \d+/,
  );
});

test("lnvmd refuses to start with a malformed policy, saying which field is wrong", async (t) => {
  const policy = await writePolicyFile(t, {
    grants: [{ ...grant, device: "device.img", rights: ["rw"] }],
  });
  const { code, stderr } = await failedServerStart([
    "--listen",
    "127.0.0.1:0",
    "--device",
    await createTempImage(t, GEOMETRIES.small),
    "--policy",
    policy,
  ]);
  t.is(code, 1);
  t.true(
    stderr.includes(
      `--policy ${policy}: line 7, column 9: grants[0].rights[0]: unknown right \\"rw\\"`,
    ),
    stderr,
  );
});
