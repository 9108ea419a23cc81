import { treeRss } from "../bench/memory.ts";
let peak = 0;
const pid = Number(process.argv[2]);
const t0 = Date.now();
for (;;) {
  const r = await treeRss(pid);
  if (r === 0) break;
  if (r > peak) { peak = r; }
  if ((Date.now() - t0) % 10000 < 500) console.log(((Date.now() - t0) / 1000).toFixed(0), (r / 2 ** 30).toFixed(2), "peak", (peak / 2 ** 30).toFixed(2));
  await new Promise((ok) => setTimeout(ok, 500));
}
console.log("peak", (peak / 2 ** 30).toFixed(2));
