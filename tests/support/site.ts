/**
 * A built fixture site served on localhost, for one e2e file: built once in
 * beforeAll, served by the same server `npm start` uses, torn down after.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSite, type BuildOptions } from "../../scripts/build.ts";
import { serve } from "../../scripts/serve.ts";

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
export async function buildAndServe(options: Omit<BuildOptions, "outDir"> = {}): Promise<Site> {
  const dir = await mkdtemp(join(tmpdir(), "archive-site-"));
  await buildSite({ ...options, outDir: dir, logLevel: "warn" });
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
