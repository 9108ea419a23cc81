/** The service worker step of the build. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { injectManifest } from "workbox-build";
import { FIXITY_MANIFEST } from "../src/lib/fixity.ts";
import { SERVICE_WORKER } from "../src/lib/site.ts";
import { WACZ_FILE } from "../src/lib/warc.ts";
import { PROJECT_ROOT } from "./files.ts";

/**
 * Writes <outDir>/sw.js: src/service-worker/sw.ts bundled with esbuild, its
 * precache manifest injected by Workbox from the files actually built. Every
 * page, raw capture, citation file and Pagefind file is precached with a
 * content revision, so a new build replaces exactly what changed. The worker
 * waits (no skipWaiting) until no page of the old build is open, so a reader
 * never gets old pages with a new index; the next visit gets the new build.
 */
export async function writeServiceWorker(outDir: string, base: string): Promise<void> {
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
