import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import test from "ava";
import { parsePolicy } from "../../../service/auth/policy-file.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/policy.json", import.meta.url));

test("the example policy is valid for the default model image", async (t) => {
  // The default image data/lnvmd.img has npugrp=2, npunit=4, nchunk=64.
  const devices = new Map([["lnvmd.img", { npugrp: 2, npunit: 4, nchunk: 64 }]]);
  const document = parsePolicy(await readFile(EXAMPLE, "utf8"), EXAMPLE, devices);
  t.is(document.grants.length, 5);
  t.is(document.quotas.length, 2);
});
