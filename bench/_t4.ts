import { AsyncContext, createModelImage, Device } from "../native/binding/index.js";
import { BENCH_GEOMETRY } from "./bench-geometry.js";
await createModelImage("/tmp/lnvb/t4.img", { ...BENCH_GEOMETRY, force: true });
const dev = Device.open("/tmp/lnvb/t4.img");
const buf = dev.allocBuffer(4096);
const inCb = process.argv[2] === "cb";
let sector = 0; let done = 0; let errs = 0; let firstErr = -1; let ready = 0;
const names = new Map<string, number>();
const ctx: AsyncContext<number> = AsyncContext.init<number>(dev, 32, (s, st) => { done++; ready++; if (st.code) { errs++; if (firstErr < 0) firstErr = s; names.set(st.name, (names.get(st.name) ?? 0) + 1); } if (inCb) sub(); });
const sub = () => { if (sector >= 4000) return; const s = sector++; ctx.write(s, { mode: "scalar", start: { group: 0, punit: 0, chunk: 40, sector: s }, count: 1 }, buf); };
for (let i = 0; i < 32; i++) sub();
while (done < 4000) { ctx.poke(0); if (!inCb) { while (ready > 0) { ready--; sub(); } } }
console.log({ inCb, done, errs, firstErr, names });
ctx.term(); dev.close();
