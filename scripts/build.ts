/**
 * Builds the archive: Astro renders the pages into the output folder.
 * `npm run build` runs this; tests call buildSite() to build fixture sites.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";

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

/** Builds the site; resolves to the output folder. */
export async function buildSite(options: BuildOptions = {}): Promise<string> {
  const root = options.root ?? PROJECT_ROOT;
  const outDir = resolve(root, options.outDir ?? "dist");
  await build({
    root,
    outDir,
    logLevel: options.logLevel ?? "info",
    ...(options.base ? { base: options.base } : {}),
    ...(options.site ? { site: options.site } : {}),
  });
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = await buildSite().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
  console.log(`Built the archive into ${outDir}`);
}
