/**
 * The service worker step: src/browser/sw.ts bundled with esbuild, its
 * precache list (what every page needs, chosen by src/archive/publish/offline.ts from
 * the publish step's one walk over the build, each with a content revision)
 * written in where the worker reads self.__WB_MANIFEST. Articles, captures,
 * listings and search chunks are not precached: the worker keeps them as the
 * reader opens them. A new worker waits (no automatic skipWaiting) until no
 * page of the old build is open, or until the reader asks to reload into it.
 */
import { join } from "node:path";
import * as esbuild from "esbuild";
import { offlineRole } from "../archive/publish/offline.ts";
import { searchFile } from "../archive/search/search-files.ts";
import { PROJECT_ROOT } from "./files.ts";

/** One precached file: its URL and a revision (null when its name carries a hash). */
export interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/**
 * The precache entry of a built file at `path` under `base`, with its SHA-256,
 * or null for a file that is not precached (kept on use, or left to the
 * network). With `wholeIndex`, the search index's chunks are precached too.
 */
export function precacheEntry(
  base: string,
  path: string,
  sha256: string,
  wholeIndex = false,
): PrecacheEntry | null {
  const role = offlineRole(path);
  if (role !== "precache" && !(wholeIndex && role === "search-chunk")) return null;
  // Pagefind's metadata and chunks carry their hash in their name and need no revision.
  const revision =
    role === "search-chunk" || searchFile(path) === "meta" ? null : sha256.slice(0, 32);
  return { url: `${base}${path}`, revision };
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
