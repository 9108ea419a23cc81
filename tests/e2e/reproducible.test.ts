/**
 * Builds of the same commit give byte-identical trees: in another time zone
 * and on another day (the clock shifted by a preload), and whether run as
 * `astro build` (how the `main` fixture was built) or as `npm run build`.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sha256 } from "../../src/archive/hash.ts";
import { listFiles } from "../../src/node/files.ts";
import { ROOT, runBuild, withBuildLock } from "../support/site.ts";

const run = promisify(execFile);
const SHIFT_CLOCK = new URL("../support/shift-clock.ts", import.meta.url).pathname;

/** Every file of a tree with its SHA-256, by path. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const files = await listFiles(dir);
  const sums: Record<string, string> = {};
  for (const file of files) sums[file] = sha256(await readFile(join(dir, file)));
  return sums;
}

describe("reproducible builds", () => {
  let scratch: string;
  /** The `main` fixture (content/ at "/", no site), built once for the run. */
  let main: Record<string, string>;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "archive-repro-"));
    main = await fingerprint(inject("fixtureDirs").main);
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("give byte-identical trees across time zones and days", async () => {
    const out = join(scratch, "kiritimati");
    const built = await runBuild(out, {
      env: { TZ: "Pacific/Kiritimati", NODE_OPTIONS: `--import=${SHIFT_CLOCK}` },
    });
    expect(built.ok, built.output).toBe(true);
    expect(Object.keys(main).length).toBeGreaterThan(10);
    expect(await fingerprint(out)).toEqual(main);
  });

  it("give the same tree from `npx astro build` and `npm run build`", async () => {
    const out = join(scratch, "npm");
    const env = {
      ...process.env,
      // This Node first, so npm and the astro it runs use it too.
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`,
      ASTRO_TELEMETRY_DISABLED: "1",
      BASE_PATH: "",
      SITE_URL: "",
      ARCHIVE_CONTENT: "",
      // Its own cache, as runBuild gives every build.
      ARCHIVE_CACHE_DIR: `${out}.cache`,
    };
    // Taking turns with the other files' builds, as runBuild does.
    await withBuildLock(() =>
      run("npm", ["run", "build", "--", "--outDir", out], { cwd: ROOT, env, maxBuffer: 1 << 26 }),
    );
    expect(await fingerprint(out)).toEqual(main);
  });
});
