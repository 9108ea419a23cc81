/**
 * Peak memory of a process tree (Linux /proc): the sum of the resident set
 * sizes of a process and every descendant (Pagefind's binary, esbuild,
 * worker processes), sampled while it runs. `time -v` reports only the
 * largest single process; a build's budget is for the whole tree.
 */
import { readdir, readFile } from "node:fs/promises";

/** Every process's parent, from /proc/<pid>/stat. */
async function parents(): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (Number.isFinite(ppid)) map.set(Number(name), ppid);
  }
  return map;
}

/** Bytes resident now in `pid` and its descendants. */
async function treeRss(pid: number): Promise<number> {
  const parent = await parents();
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, of] of parent) {
      if (tree.has(of) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
    }
  }
  let bytes = 0;
  for (const id of tree) {
    const status = await readFile(`/proc/${id}/status`, "utf8").catch(() => "");
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb) bytes += Number(kb) * 1024;
  }
  return bytes;
}

/** Samples the tree of `pid` every `ms` until `done` settles; resolves to the peak in bytes. */
export async function peakTreeRss(pid: number, done: Promise<unknown>, ms = 250): Promise<number> {
  let peak = 0;
  let running = true;
  const finished = done.finally(() => (running = false));
  finished.catch(() => undefined);
  while (running) {
    peak = Math.max(peak, await treeRss(pid));
    await Promise.race([finished.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
  }
  await done;
  return peak;
}
