/**
 * Builds of the same commit give byte-identical trees: in another time zone
 * and on another day (the clock shifted by a preload), and whether run as
 * `astro build` (how the `hostile` fixture was built) or as `npm run build`;
 * and a build replaces its output folder whole.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sha256 } from "../../src/archive/hash.ts";
import { listFiles } from "../../src/node/files.ts";
import { ROOT, withBuildLock } from "../support/site.ts";

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
  /** The `hostile` fixture (content/ at "/", no site), built once for the run. */
  let fixture: Record<string, string>;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "archive-repro-"));
    fixture = await fingerprint(inject("fixtureDirs").hostile);
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  // One build proves both: `npm run build`, in UTC+14 with the clock three days ahead, gives
  // byte for byte the tree `astro build` gave for the fixture, in the machine's zone and time.
  it("give the same tree from `npm run build` in another time zone, on another day, as from `astro build`, replacing the old one whole", async () => {
    const out = join(scratch, "npm-kiritimati");
    // Built over a copy of the fixture with a stale file in it: the build replaces the whole
    // folder, never merging into what was there.
    await cp(inject("fixtureDirs").hostile, out, { recursive: true });
    await writeFile(join(out, "stale.html"), "<p>left over</p>");
    const env = {
      ...process.env,
      // This Node first, so npm and the astro it runs use it too.
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`,
      ASTRO_TELEMETRY_DISABLED: "1",
      BASE_PATH: "",
      SITE_URL: "",
      ARCHIVE_CONTENT: inject("hostileContent"),
      TZ: "Pacific/Kiritimati",
      NODE_OPTIONS: `--import=${SHIFT_CLOCK}`,
      // Its own cache, as runBuild gives every build.
      ARCHIVE_CACHE_DIR: `${out}.cache`,
    };
    // Taking turns with the other files' builds, as runBuild does.
    await withBuildLock(() =>
      run("npm", ["run", "build", "--", "--outDir", out], { cwd: ROOT, env, maxBuffer: 1 << 26 }),
    );
    expect(Object.keys(fixture).length).toBeGreaterThan(10);
    expect(await fingerprint(out)).toEqual(fixture);
  });
});
