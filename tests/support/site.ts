/**
 * A built fixture site served on localhost, for one e2e file: built once in
 * beforeAll, served by the same server `npm start` uses, torn down after.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { serve } from "../../scripts/serve.ts";

const run = promisify(execFile);
const BUILD_SCRIPT = new URL("../../scripts/build.ts", import.meta.url).pathname;

export interface FixtureOptions {
  /** Base path to build for (BASE_PATH). */
  base?: string;
  /** Absolute site URL (SITE_URL). */
  site?: string;
  /** Project root to build (a fixture project); default this project. */
  root?: string;
  /** A content folder to build instead of content/ (ARCHIVE_CONTENT). */
  content?: string;
  /** More environment for the build (TZ, NODE_OPTIONS, …). */
  env?: Record<string, string>;
}

/** The outcome of a build run the way a user runs it: exit code and output. */
export interface BuildRun {
  ok: boolean;
  output: string;
}

/**
 * Runs `node scripts/build.ts` in a child process, exactly as `npm run build`
 * does, with BASE_PATH/SITE_URL set. Returns its output instead of throwing.
 */
export async function runBuild(outDir: string, options: FixtureOptions = {}): Promise<BuildRun> {
  const args = [BUILD_SCRIPT, "--out-dir", outDir, "--quiet"];
  if (options.root) args.push("--root", options.root);
  const env = {
    ...process.env,
    BASE_PATH: options.base ?? "",
    SITE_URL: options.site ?? "",
    ARCHIVE_CONTENT: options.content ?? "",
    ...options.env,
  };
  try {
    const { stdout, stderr } = await run(process.execPath, args, { env, maxBuffer: 1 << 24 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

export interface Site {
  /** The served site's URL, base path included, ending in "/". */
  url: string;
  /** The origin the site is served from, e.g. http://localhost:1234. */
  origin: string;
  /** The folder the site was built into. */
  dir: string;
  /** Resolves a site-relative path against the site's URL. */
  at: (path: string) => string;
  /** Stops the server and removes the build. */
  close: () => Promise<void>;
}

/** Builds the project (or a fixture root) into a temporary folder and serves it. */
export async function buildAndServe(options: FixtureOptions = {}): Promise<Site> {
  const dir = await mkdtemp(join(tmpdir(), "archive-site-"));
  const build = await runBuild(dir, options);
  if (!build.ok) throw new Error(`The fixture build failed:\n${build.output}`);
  const served = await serve({ dir, base: options.base ?? "/" });
  const origin = new URL(served.url).origin;
  return {
    url: served.url,
    origin,
    dir,
    at: (path) => new URL(path.replace(/^\//, ""), served.url).href,
    close: async () => {
      await served.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
