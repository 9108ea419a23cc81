/**
 * Two builds of the same commit, in different time zones and on different
 * days (the clock shifted by a preload), give byte-identical trees.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../../scripts/files.ts";
import { sha256 } from "../../src/lib/hash.ts";
import { runBuild } from "../support/site.ts";

const SHIFT_CLOCK = new URL("../support/shift-clock.ts", import.meta.url).pathname;

/** Every file of a tree with its SHA-256, sorted by path. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const files = await listFiles(dir);
  const sums: Record<string, string> = {};
  for (const file of files) sums[file] = sha256(await readFile(join(dir, file)));
  return sums;
}

describe("reproducible builds", () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "archive-repro-"));
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("give byte-identical trees across time zones and days", async () => {
    const site = "https://archive.example/";
    const first = join(scratch, "utc");
    const second = join(scratch, "kiritimati");
    const a = await runBuild(first, { site, env: { TZ: "UTC" } });
    expect(a.ok, a.output).toBe(true);
    const b = await runBuild(second, {
      site,
      env: { TZ: "Pacific/Kiritimati", NODE_OPTIONS: `--import=${SHIFT_CLOCK}` },
    });
    expect(b.ok, b.output).toBe(true);
    const sumsA = await fingerprint(first);
    const sumsB = await fingerprint(second);
    expect(Object.keys(sumsA).length).toBeGreaterThan(10);
    expect(sumsB).toEqual(sumsA);
  });
});
