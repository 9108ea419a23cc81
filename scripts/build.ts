/**
 * Builds the archive: Astro renders the pages into the output folder, then
 * Pagefind indexes them into <output>/pagefind/ (never into the source tree).
 * `npm run build` runs this; tests call buildSite() to build fixture sites.
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "astro";
import * as esbuild from "esbuild";
import * as pagefind from "pagefind";
import { BROWSER_MODULES } from "../src/lib/site.ts";

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

/** Builds the site; resolves to the output folder. */
export async function buildSite(options: BuildOptions = {}): Promise<string> {
  for (const name of RESERVED_ENV) Reflect.deleteProperty(process.env, name);
  const root = options.root ?? PROJECT_ROOT;
  const outDir = resolve(root, options.outDir ?? "dist");
  await build({
    root,
    outDir,
    logLevel: options.logLevel ?? "info",
    ...(options.base ? { base: options.base } : {}),
    ...(options.site ? { site: options.site } : {}),
  });
  await bundleBrowserModules(outDir);
  await indexSite(outDir);
  return outDir;
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
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
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
