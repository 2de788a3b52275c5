import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import test from "ava";
import { startTestServer } from "../helpers/test-server.js";

const RUN_IN_PTY = fileURLToPath(new URL("./helpers/run-in-pty.py", import.meta.url));
const LNVM_BIN = fileURLToPath(new URL("../../bin/lnvm.js", import.meta.url));
const CLEAR_SCREEN = "\x1b[H\x1b[2J";

test("top on a terminal redraws the device table every interval and quits on q", async (t) => {
  const { address, device } = await startTestServer(t);
  const child = spawn(
    "/usr/bin/python3",
    [RUN_IN_PTY, process.execPath, LNVM_BIN, "top", "--interval", "0.1"],
    { env: { ...process.env, LNVM_ADDRESS: address, TERM: "xterm" }, stdio: "pipe" },
  );
  t.teardown(() => child.kill());
  let screen = "";
  let quitSent = false;
  child.stdout.on("data", (part: Buffer) => {
    screen += part.toString("utf8");
    // Two redraws seen: the view refreshes by itself. Now quit as a person would.
    if (!quitSent && screen.split(CLEAR_SCREEN).length > 2) {
      quitSent = true;
      child.stdin.write("q");
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  t.is(code, 0);
  t.true(quitSent, screen);
  const frames = screen.split(CLEAR_SCREEN).slice(1);
  t.true(frames.length >= 2);
  t.regex(frames[0] ?? "", /DEVICE\s+CTX\s+IOPS\s+READ\/s\s+WRITE\/s\s+MB\/s\s+QD/);
  t.regex(frames[0] ?? "", new RegExp(`${device.replace(".", "\\.")}\\s+0\\s+0`));
  t.true(screen.startsWith("\x1b[?25l"), "hides the cursor");
  t.true(screen.trimEnd().endsWith("\x1b[?25h"), "shows the cursor again on exit");
});
