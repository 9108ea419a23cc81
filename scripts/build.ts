/**
 * Builds the archive: Astro renders the pages into the output folder, then
 * Pagefind indexes them into <output>/pagefind/ (never into the source tree).
 * `npm run build` runs this; tests call buildSite() to build fixture sites.
 */
import { readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "astro";
import * as esbuild from "esbuild";
import { builtBase, normaliseSiteUrl } from "../src/lib/paths.ts";
import { PLACEHOLDER_ORIGIN } from "../src/lib/warc.ts";
import { BROWSER_MODULES } from "../src/lib/site.ts";
import { checkContentFolder } from "./check-content.ts";
import { PROJECT_ROOT } from "./files.ts";
import { writeFixityManifest, writeHeaders } from "./publish-files.ts";
import { indexSite } from "./search-index.ts";
import { writeServiceWorker } from "./service-worker.ts";
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

/**
 * Names Vite reserves for import.meta.env. Set in the environment (vitest
 * sets BASE_URL, for one), they silently override Astro's own values, so a
 * build with BASE_PATH=/archive/ would link to "/": the build drops them.
 */
const RESERVED_ENV = ["BASE_URL", "MODE", "DEV", "PROD", "SSR", "SITE", "ASSETS_PREFIX"];

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
    throw new Error(`The content has ${count}; nothing was built.\n  ${problems.join("\n  ")}`);
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
    // The base the pages were built for (BASE_PATH, normalised by the config).
    const base = builtBase(await readFile(join(staging, "index.html"), "utf8")) ?? "/";
    await bundleBrowserModules(staging);
    await indexSite(staging);
    await writeHeaders(staging, base);
    await writeServiceWorker(staging, base);
    await writeWacz(staging, root, siteRoot(base, options.site));
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

/** The built site's root URL: SITE_URL (or a reserved placeholder host) plus the base. */
function siteRoot(base: string, site: string | undefined): string {
  const origin = site ?? normaliseSiteUrl(process.env.SITE_URL) ?? PLACEHOLDER_ORIGIN;
  return new URL(base, origin).href;
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
