/**
 * The publish step: one walk over every file Astro, the module bundler and
 * Pagefind wrote, reading and hashing each once, feeding in the same pass the
 * WACZ (its record), the precache list (its revision), the fixity manifest
 * (its hash) and `_headers` (a page's CSP, written into the page first). Then the files these make are
 * written and hashed as they are written: sw.js, _headers, archive.wacz and,
 * last, manifest-sha256.txt. No file's bytes are kept after its turn.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ArticleEntry } from "../archive/content-check.ts";
import { FIXITY_MANIFEST, fixityManifest } from "../archive/fixity.ts";
import { sha256 } from "../archive/hash.ts";
import { pagePolicy, withPolicy } from "../archive/csp.ts";
import { headersFile, pagePath, type PagePolicy } from "../archive/headers.ts";
import { SERVICE_WORKER } from "../archive/site.ts";
import { mediaType, WACZ_FILE } from "../archive/warc.ts";
import { listFiles } from "./files.ts";
import { precacheEntry, serviceWorkerSource, type PrecacheEntry } from "./service-worker.ts";
import { WaczWriter, type PackagedPage } from "./wacz.ts";

/** Where and what is published. */
export interface PublishOptions {
  /** The site's base path, "/" or "/archive/". */
  base: string;
  /** The site's root URL (SITE_URL or the reserved placeholder host, plus the base). */
  siteRoot: string;
  /** The checked articles. */
  entries: readonly ArticleEntry[];
}

/** The capture files' media types: text/plain in each capture's own charset. */
function captureTypes(entries: readonly ArticleEntry[]): Map<string, string> {
  return new Map(
    entries.map((e) => [
      `captures/${e.capture.file}`,
      `text/plain; charset=${e.data.capture.encoding ?? "utf-8"}`,
    ]),
  );
}

/** The WACZ page list: each article's text, as its capture reads. */
function packagedPages(entries: readonly ArticleEntry[]): PackagedPage[] {
  return entries.map(({ id, data, capture }) => ({
    id,
    headline: data.headline,
    archived: data.archived,
    text: [
      capture.reading.headline,
      capture.reading.publisher,
      capture.reading.dateline,
      ...capture.reading.body.map((b) => b.block.text),
    ].join("\n\n"),
  }));
}

/** A built page with its policy written in; a page that cannot take one stops the build. */
function withPolicyOf(path: string, html: string): string {
  try {
    return withPolicy(html);
  } catch (error) {
    throw new Error(`${path} in the build ${(error as Error).message}`, { cause: error });
  }
}

/** Writes sw.js, _headers, archive.wacz and manifest-sha256.txt for the site in `dir`. */
export async function publishSite(dir: string, options: PublishOptions): Promise<void> {
  const { base, siteRoot, entries } = options;
  const day =
    entries
      .map((e) => e.data.archived)
      .sort()
      .at(-1) ?? "1970-01-01";
  const captures = captureTypes(entries);
  const hashes = new Map<string, string>();
  const precache: PrecacheEntry[] = [];
  const pages: PagePolicy[] = [];
  const wacz = await WaczWriter.open(siteRoot, day);
  try {
    for (const path of await listFiles(dir)) {
      let bytes: Uint8Array = await readFile(join(dir, path));
      if (path.endsWith(".html")) {
        // Each page gets the policy of its own inline code, written in before it is hashed.
        const html = withPolicyOf(path, Buffer.from(bytes).toString("utf8"));
        bytes = new TextEncoder().encode(html);
        await writeFile(join(dir, path), bytes);
        pages.push({ path: pagePath(base, path), csp: pagePolicy(html) });
      }
      const hash = sha256(bytes);
      hashes.set(path, hash);
      const entry = precacheEntry(base, path, hash);
      if (entry) precache.push(entry);
      const captureType = captures.get(path);
      await wacz.add(path, bytes, captureType ?? mediaType(path), captureType !== undefined);
    }
    const written = async (path: string, bytes: Uint8Array): Promise<void> => {
      await writeFile(join(dir, path), bytes);
      hashes.set(path, sha256(bytes));
    };
    const worker = await serviceWorkerSource(precache);
    await written(SERVICE_WORKER, worker);
    await wacz.add(SERVICE_WORKER, worker, mediaType(SERVICE_WORKER), false);
    const types = new Map([...captures].map(([path, type]) => [`${base}${path}`, type]));
    await written("_headers", new TextEncoder().encode(headersFile(pages, types)));
    await wacz.finish(dir, packagedPages(entries));
  } catch (error) {
    await wacz.discard();
    throw error;
  }
  // js-wacz writes the package itself: the one file read back to be hashed.
  hashes.set(WACZ_FILE, sha256(await readFile(join(dir, WACZ_FILE))));
  await writeFile(join(dir, FIXITY_MANIFEST), fixityManifest(hashes));
}
