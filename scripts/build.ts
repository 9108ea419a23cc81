/**
 * Builds the archive: Astro renders the pages into the output folder, then
 * Pagefind indexes them into <output>/pagefind/ (never into the source tree).
 * `npm run build` runs this; tests call buildSite() to build fixture sites.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "astro";
import * as esbuild from "esbuild";
import * as pagefind from "pagefind";
import { FIXITY_MANIFEST, fixityManifest } from "../src/lib/fixity.ts";
import { builtBase, normaliseSiteUrl } from "../src/lib/paths.ts";
import { PLACEHOLDER_ORIGIN, WACZ_FILE } from "../src/lib/warc.ts";
import { headersFile, metaCsp, pagePath, type PagePolicy } from "../src/lib/headers.ts";
import { BROWSER_MODULES, SERVICE_WORKER } from "../src/lib/site.ts";
import { injectManifest } from "workbox-build";
import { checkContentFolder } from "./check-content.ts";
import { writeWacz } from "./wacz.ts";

// An archive that promises privacy does not phone home from its build.
process.env.ASTRO_TELEMETRY_DISABLED ??= "1";

export interface BuildOptions {
  /** Project root holding astro.config.mjs (default: this project). */
  root?: string;
  /** Output folder (default: dist/ in the root). */
  outDir?: string;
  /** Base path, e.g. "/archive/" (default: $BASE_PATH or "/"). */
  base?: string;
  /** Absolute site URL for canonical links (default: $SITE_URL). */
  site?: string;
  /** Astro's log level. */
  logLevel?: "info" | "warn" | "error" | "silent";
}

const PROJECT_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/**
 * Names Vite reserves for import.meta.env. Set in the environment (vitest
 * sets BASE_URL, for one), they silently override Astro's own values, so a
 * build with BASE_PATH=/archive/ would link to "/": the build drops them.
 */
const RESERVED_ENV = ["BASE_URL", "MODE", "DEV", "PROD", "SSR", "SITE", "ASSETS_PREFIX"];

/** A build stopped by a problem the user can fix; its message says what. */
export class BuildError extends Error {}

/**
 * Builds the site; resolves to the output folder. The content is checked
 * first; the site is built into a fresh sibling folder and only a complete
 * build replaces the output folder, so a failed build publishes nothing.
 */
export async function buildSite(options: BuildOptions = {}): Promise<string> {
  for (const name of RESERVED_ENV) Reflect.deleteProperty(process.env, name);
  const root = options.root ?? PROJECT_ROOT;
  const outDir = resolve(root, options.outDir ?? "dist");
  const problems = await checkContentFolder(root);
  if (problems.length > 0) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    throw new BuildError(
      `The content has ${count}; nothing was built.\n  ${problems.join("\n  ")}`,
    );
  }
  const staging = join(dirname(outDir), `.${basename(outDir)}.building-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await build({
      root,
      outDir: staging,
      logLevel: options.logLevel ?? "info",
      ...(options.base ? { base: options.base } : {}),
      ...(options.site ? { site: options.site } : {}),
    });
    await bundleBrowserModules(staging);
    await indexSite(staging);
    await writeHeaders(staging);
    await writeServiceWorker(staging);
    await writeWacz(staging, root, siteRoot(staging, options.site));
    await writeFixityManifest(staging);
    await swapInto(staging, outDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return outDir;
}

/** Replaces `outDir` with the complete build in `staging`. */
async function swapInto(staging: string, outDir: string): Promise<void> {
  const old = `${staging}.old`;
  await rm(old, { recursive: true, force: true });
  await rename(outDir, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, outDir);
  await rm(old, { recursive: true, force: true });
}

/**
 * Compiles the browser modules (src/scripts/<name>.ts) into <outDir>/scripts/.
 * Each is a file of its own so that pages load it only when a reader reaches
 * for its feature; the pages' small inline loaders import it by that path.
 */
export async function bundleBrowserModules(outDir: string): Promise<void> {
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(
      Object.entries(BROWSER_MODULES).map(([name, path]) => [
        path.replace(/\.js$/, ""),
        join(PROJECT_ROOT, "src", "scripts", `${name}.ts`),
      ]),
    ),
    outdir: outDir,
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    legalComments: "none",
    logLevel: "silent",
  });
  const problems = [...result.errors, ...result.warnings].map((m) => m.text);
  if (problems.length > 0) {
    throw new Error(`Bundling the browser modules failed:\n  ${problems.join("\n  ")}`);
  }
}

/**
 * Writes <outDir>/_headers from the CSP of every built page, and fails when a
 * page has none: every page must carry the policy.
 */
export async function writeHeaders(outDir: string): Promise<void> {
  const html = await readFile(join(outDir, "index.html"), "utf8");
  const base = builtBase(html) ?? "/";
  const pages: PagePolicy[] = [];
  const files = await readdir(outDir, { recursive: true });
  for (const file of files.filter((f) => f.endsWith(".html")).sort()) {
    const posix = file.split("\\").join("/");
    const csp = metaCsp(await readFile(join(outDir, file), "utf8"));
    if (!csp) throw new Error(`${posix} in the build has no Content-Security-Policy meta tag`);
    pages.push({ path: pagePath(base, posix), csp });
  }
  await writeFile(join(outDir, "_headers"), headersFile(pages));
}

/**
 * Writes <outDir>/sw.js: src/service-worker/sw.ts bundled with esbuild, its
 * precache manifest injected by Workbox from the files actually built. Every
 * page, raw capture, citation file and Pagefind file is precached with a
 * content revision, so a new build replaces exactly what changed. The worker
 * waits (no skipWaiting) until no page of the old build is open, so a reader
 * never gets old pages with a new index; the next visit gets the new build.
 */
export async function writeServiceWorker(outDir: string): Promise<void> {
  const html = await readFile(join(outDir, "index.html"), "utf8");
  const base = builtBase(html) ?? "/";
  const scratch = await mkdtemp(join(tmpdir(), "archive-sw-"));
  try {
    const source = join(scratch, SERVICE_WORKER);
    await esbuild.build({
      entryPoints: [join(PROJECT_ROOT, "src", "service-worker", "sw.ts")],
      outfile: source,
      bundle: true,
      format: "iife",
      minify: true,
      target: "es2022",
      legalComments: "none",
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    const { warnings } = await injectManifest({
      swSrc: source,
      swDest: join(outDir, SERVICE_WORKER),
      globDirectory: outDir,
      globPatterns: ["**/*"],
      globIgnores: [SERVICE_WORKER, "_headers", WACZ_FILE, FIXITY_MANIFEST],
      modifyURLPrefix: { "": base },
      // Files whose names carry a hash need no revision of their own.
      dontCacheBustURLsMatching: /(^|\/)[a-z]{2,3}_[0-9a-f]{7,}\.pf_(index|fragment|meta)$/,
      maximumFileSizeToCacheInBytes: 10 * 1024 * 1024,
      // In path order, whatever order the file system lists them in: reproducible.
      manifestTransforms: [
        (entries) => ({ manifest: [...entries].sort((a, b) => (a.url < b.url ? -1 : 1)) }),
      ],
    });
    if (warnings.length > 0) {
      throw new Error(`Generating the service worker failed:\n  ${warnings.join("\n  ")}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The built site's root URL: SITE_URL (or a reserved placeholder host) plus the base. */
function siteRoot(outDir: string, site: string | undefined): string {
  const html = readFileSync(join(outDir, "index.html"), "utf8");
  const origin = site ?? normaliseSiteUrl(process.env.SITE_URL) ?? PLACEHOLDER_ORIGIN;
  return new URL(builtBase(html) ?? "/", origin).href;
}

/** Writes <outDir>/manifest-sha256.txt: every published file and its SHA-256. */
export async function writeFixityManifest(outDir: string): Promise<void> {
  const files = new Map<string, Uint8Array>();
  for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name)
      .slice(outDir.length + 1)
      .split("\\")
      .join("/");
    if (path !== FIXITY_MANIFEST) files.set(path, await readFile(join(outDir, path)));
  }
  await writeFile(join(outDir, FIXITY_MANIFEST), fixityManifest(files));
}

/** Fails with every message Pagefind reported for one step. */
function assertNoErrors(step: string, errors: readonly string[]): void {
  if (errors.length > 0) {
    throw new Error(`Pagefind ${step} failed:\n  ${errors.join("\n  ")}`);
  }
}

/** Builds the search index over the built pages into <outDir>/pagefind/. */
export async function indexSite(outDir: string): Promise<{ pages: number }> {
  try {
    const created = await pagefind.createIndex({});
    assertNoErrors("createIndex", created.errors);
    const index = created.index;
    if (!index) throw new Error("Pagefind createIndex returned no index");
    const added = await index.addDirectory({ path: outDir });
    assertNoErrors(`addDirectory(${outDir})`, added.errors);
    if (added.page_count === 0) {
      throw new Error(`Pagefind found no page with data-pagefind-body in ${outDir}`);
    }
    const written = await index.writeFiles({ outputPath: join(outDir, "pagefind") });
    assertNoErrors("writeFiles", written.errors);
    await pruneIndex(join(outDir, "pagefind"));
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

/**
 * Removes what Pagefind writes but the archive never loads: its three
 * prebuilt UIs (we use the JS API), its Web Worker (search runs with
 * noWorker) and the WebAssembly of languages no page is in. Less to publish,
 * precache and package.
 */
async function pruneIndex(dir: string): Promise<void> {
  const entry = JSON.parse(await readFile(join(dir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { wasm?: string }>;
  };
  const used = new Set(
    Object.values(entry.languages).map(({ wasm }) => `wasm.${wasm ?? "unknown"}.pagefind`),
  );
  for (const name of await readdir(dir)) {
    const unusedUi = /^pagefind-(ui|component-ui|modular-ui|worker)\.(js|css)$/.test(name);
    const unusedWasm = /^wasm\..+\.pagefind$/.test(name) && !used.has(name);
    if (unusedUi || unusedWasm) await rm(join(dir, name));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      "out-dir": { type: "string" },
      root: { type: "string" },
      quiet: { type: "boolean" },
    },
  });
  const outDir = await buildSite({
    ...(values.root ? { root: resolve(values.root) } : {}),
    ...(values["out-dir"] ? { outDir: resolve(values["out-dir"]) } : {}),
    ...(values.quiet ? { logLevel: "warn" } : {}),
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
  console.log(`Built the archive into ${outDir}`);
}
