/**
 * Files the build writes about the site itself, from what was built:
 * `_headers` (each page's CSP as an HTTP header) and the fixity manifest.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FIXITY_MANIFEST, fixityManifest } from "../src/lib/fixity.ts";
import { headersFile, metaCsp, pagePath, type PagePolicy } from "../src/lib/headers.ts";
import { listFiles } from "./files.ts";

/**
 * Writes <outDir>/_headers from the CSP of every built page, and fails when a
 * page has none: every page must carry the policy.
 */
export async function writeHeaders(outDir: string, base: string): Promise<void> {
  const pages: PagePolicy[] = [];
  for (const file of (await listFiles(outDir)).filter((f) => f.endsWith(".html"))) {
    const csp = metaCsp(await readFile(join(outDir, file), "utf8"));
    if (!csp) throw new Error(`${file} in the build has no Content-Security-Policy meta tag`);
    pages.push({ path: pagePath(base, file), csp });
  }
  await writeFile(join(outDir, "_headers"), headersFile(pages));
}

/** Writes <outDir>/manifest-sha256.txt: every published file and its SHA-256. */
export async function writeFixityManifest(outDir: string): Promise<void> {
  const files = new Map<string, Uint8Array>();
  for (const path of await listFiles(outDir)) {
    if (path !== FIXITY_MANIFEST) files.set(path, await readFile(join(outDir, path)));
  }
  await writeFile(join(outDir, FIXITY_MANIFEST), fixityManifest(files));
}
