/**
 * The service worker step: src/browser/sw.ts bundled with esbuild, its
 * precache list (every published file with a content revision, from the
 * publish step's one walk over the build) written in where the worker reads
 * self.__WB_MANIFEST. The worker waits (no skipWaiting) until no page of the
 * old build is open, so a reader never gets old pages with a new index.
 */
import { join } from "node:path";
import * as esbuild from "esbuild";
import { PROJECT_ROOT } from "./files.ts";

/** One precached file: its URL and a revision (null when its name carries a hash). */
export interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** Pagefind's chunk files carry their hash in their names and need no revision. */
const HASHED_NAME = /(^|\/)[a-z]{2,3}_[0-9a-f]{7,}\.pf_(index|fragment|meta)$/;

/** The precache entry of a built file at `path` under `base`, with its SHA-256. */
export function precacheEntry(base: string, path: string, sha256: string): PrecacheEntry {
  return { url: `${base}${path}`, revision: HASHED_NAME.test(path) ? null : sha256.slice(0, 32) };
}

/** The worker's source with its precache list in place, in path order. */
export async function serviceWorkerSource(entries: readonly PrecacheEntry[]): Promise<Uint8Array> {
  const manifest = [...entries].sort((a, b) => (a.url < b.url ? -1 : 1));
  const result = await esbuild.build({
    entryPoints: [join(PROJECT_ROOT, "src", "browser", "sw.ts")],
    write: false,
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2022",
    legalComments: "none",
    define: {
      "process.env.NODE_ENV": '"production"',
      "self.__WB_MANIFEST": JSON.stringify(manifest),
    },
    logLevel: "silent",
  });
  const problems = [...result.errors, ...result.warnings].map((m) => m.text);
  const output = result.outputFiles[0];
  if (problems.length > 0 || !output) {
    throw new Error(`Bundling the service worker failed:\n  ${problems.join("\n  ")}`);
  }
  return output.contents;
}
