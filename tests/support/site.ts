/**
 * Fixture sites for the e2e tests: built the way a user builds (`astro
 * build`, in a child process, with BASE_PATH / SITE_URL / ARCHIVE_CONTENT),
 * and served by the same server `npm start` uses. The shared ones are built
 * once per run by the global setup (tests/support/global-setup.ts) and served
 * per test file with `serveFixture`.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { inject } from "vitest";
import { serve } from "../../bin/serve.ts";

const run = promisify(execFile);
export const ROOT = new URL("../..", import.meta.url).pathname;
const ASTRO = join(ROOT, "node_modules", "astro", "bin", "astro.mjs");

export interface BuildSettings {
  /** Base path to build for (BASE_PATH). */
  base?: string;
  /** Absolute site URL (SITE_URL). */
  site?: string;
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
 * Astro writes its prerender chunks into the project's own .astro/ folder, so
 * two builds of one project must not overlap: test files running side by side
 * take turns through this lock (a folder, created atomically; a lock whose
 * process is gone is taken over).
 */
const LOCK = join(ROOT, "node_modules", ".cache", "archive-build.lock");

export async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(join(LOCK, ".."), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const holder = Number(await readFile(join(LOCK, "pid"), "utf8").catch(() => "0"));
      const alive =
        holder > 0 &&
        (() => {
          try {
            process.kill(holder, 0);
            return true;
          } catch {
            return false;
          }
        })();
      if (holder > 0 && !alive) await rm(LOCK, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  await writeFile(join(LOCK, "pid"), String(process.pid));
  try {
    return await fn();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/** Runs `astro build --outDir <outDir>` in a child process; returns its output instead of throwing. */
export function runBuild(outDir: string, settings: BuildSettings = {}): Promise<BuildRun> {
  return withBuildLock(() => build(outDir, settings, ROOT));
}

/** What a project copy needs of the project; node_modules is linked, not copied. */
const PROJECT_FILES = [
  "src",
  "public",
  "content",
  "astro.config.mjs",
  "package.json",
  "tsconfig.json",
];

/**
 * Runs the same build in a copy of the project beside `outDir`, so it has an
 * .astro folder of its own and needs no turn: builds of copies run side by
 * side (a copy builds the same bytes as the project: the reproducibility
 * test compares them).
 */
export async function runIsolatedBuild(
  outDir: string,
  settings: BuildSettings = {},
): Promise<BuildRun> {
  const root = `${outDir}.project`;
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  for (const name of PROJECT_FILES)
    await cp(join(ROOT, name), join(root, name), { recursive: true });
  await symlink(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
  try {
    return await build(outDir, settings, root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function build(outDir: string, settings: BuildSettings, root: string): Promise<BuildRun> {
  const env = {
    ...process.env,
    BASE_PATH: settings.base ?? "",
    SITE_URL: settings.site ?? "",
    ARCHIVE_CONTENT: settings.content ?? "",
    ASTRO_TELEMETRY_DISABLED: "1",
    // Its own content cache, so builds running side by side never share one.
    ARCHIVE_CACHE_DIR: `${outDir}.cache`,
    ...settings.env,
  };
  try {
    const args = [ASTRO, "build", "--root", root, "--outDir", outDir];
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd: root,
      env,
      maxBuffer: 1 << 26,
      timeout: BUILD_TIMEOUT_MS,
      killSignal: "SIGKILL",
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; killed?: boolean };
    const hung = failed.killed ? `\nThe build was stopped after ${BUILD_TIMEOUT_MS / 1000} s.` : "";
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}${hung}` };
  }
}

/**
 * A fixture's build is stopped past this (one takes seconds, a minute on a loaded machine):
 * a build that hangs fails its test with its output, and is not left running after the run.
 * (One was seen once, its main thread blocked in the bundler's native code.)
 */
const BUILD_TIMEOUT_MS = 150_000;

/** The shared fixture sites, each built once per run. */
export const FIXTURES = {
  /**
   * content/ under /archive/ on https://archive.example; its search index is
   * not precached (as a large archive's is not), so search is saved for
   * offline use only when the reader asks.
   */
  archive: {
    base: "/archive/",
    site: "https://archive.example",
    env: { ARCHIVE_SEARCH_PRECACHE_BYTES: "0" },
  },
  /** content/ and the hostile-markup capture, at "/". */
  hostile: { base: "/" },
  /**
   * The seed and the importer's test captures, imported, under /archive/ on
   * https://archive.example; its search index built two pages a Pagefind
   * process and published in parts of two pages, as a large archive's is.
   */
  imports: {
    base: "/archive/",
    site: "https://archive.example",
    env: {
      ARCHIVE_SEARCH_SHARD_PAGES: "2",
      ARCHIVE_SEARCH_PART_PAGES: "2",
      ARCHIVE_SEARCH_PRECACHE_BYTES: "0",
    },
  },
  /**
   * The seed and an article in each of Chinese, Japanese, Korean, Russian,
   * Greek, German, Arabic and Persian (tests/fixtures/languages/), at "/";
   * its search index built four pages a part, so languages span parts, and
   * small enough to be precached whole.
   */
  languages: { base: "/", env: { ARCHIVE_SEARCH_SHARD_PAGES: "4" } },
  /**
   * The seed captured again on later days (tests/fixtures/versions/): edited
   * (version 2), rewritten (version 3), on another hosting page (captured
   * again, unchanged), and another article of its outlet and day; under
   * /news/ on https://archive.example.
   */
  versions: { base: "/news/", site: "https://archive.example" },
} as const satisfies Record<string, BuildSettings>;

export type FixtureName = keyof typeof FIXTURES;

declare module "vitest" {
  export interface ProvidedContext {
    /** Where each shared fixture site was built. */
    fixtureDirs: Record<FixtureName, string>;
    /** What each shared fixture site's build wrote to its log. */
    fixtureLogs: Record<FixtureName, string>;
    /** Where the versions fixture's content (articles/ and captures/) is. */
    versionsContent: string;
    /** Where the imported fixture content (articles/ and captures/) is. */
    importedContent: string;
    /** Where the hostile fixture's content (content/ plus the hostile capture) is. */
    hostileContent: string;
    /** The shared Chromium's address, for playwright's connect(). */
    chromiumEndpoint: string;
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
  /** Stops the server. */
  close: () => Promise<void>;
}

/** Serves a built folder under `base`. */
export async function serveDir(dir: string, base: string): Promise<Site> {
  const served = await serve({ dir, base });
  return {
    url: served.url,
    origin: new URL(served.url).origin,
    dir,
    at: (path) => new URL(path.replace(/^\//, ""), served.url).href,
    close: served.close,
  };
}

/** Serves one of the shared fixture sites (built once per run by the global setup). */
export function serveFixture(name: FixtureName): Promise<Site> {
  return serveDir(inject("fixtureDirs")[name], FIXTURES[name].base);
}
