/**
 * The publish step: one walk over every file Astro and the module bundler
 * wrote, reading each once. A page is shown to the guard, gets the policy of
 * its own inline code written in, and goes to Pagefind as published (Pagefind
 * indexes in its own process, beside the walk); every file is hashed once,
 * and that hash feeds the WACZ (its record), the precache list (its revision),
 * the fixity manifest and `_headers`. Then the index is written (its parts and
 * directory, from the shards Pagefind wrote) and the walk goes on over its files. Last, the files these make are written and
 * hashed as they are written: the brotli copies of the search files every
 * search loads, sw.js, _headers, the WACZ packages and manifest-sha256.txt. No
 * file's bytes are kept after its turn. In an assembly, the files put in from
 * parts built apart are published already: the walk lists them by their
 * records and reads only those the shared package holds.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  readingOf,
  type CaptureReadings,
  type PublishedEntry,
} from "../archive/content/content-check.ts";
import { FIXITY_MANIFEST, fixityManifest } from "../archive/publish/fixity.ts";
import { sha256 } from "../archive/hash.ts";
import { withPolicy } from "../archive/publish/csp.ts";
import { headersFile, pagePath, type PagePolicy } from "../archive/publish/headers.ts";
import {
  offlineRole,
  SEARCH_PRECACHE_BYTES,
  type SearchOffline,
  type SearchOfflineFiles,
} from "../archive/publish/offline.ts";
import { SEARCH_DIR, SEARCH_OFFLINE, SERVICE_WORKER } from "../archive/site.ts";
import { PARTS_DIR } from "../archive/search/search-parts.ts";
import { mediaType } from "../archive/publish/warc.ts";
import { listFiles, sha256OfFile } from "./files.ts";
import { BROTLI_SUFFIX, brotliCopy } from "./precompress.ts";
import {
  hasSearchBody,
  openSearchIndex,
  type IndexSources,
  type SearchIndex,
  type SearchIndexOptions,
  type WrittenIndex,
} from "./search-index.ts";
import { precacheEntry, serviceWorkerSource, type PrecacheEntry } from "./service-worker.ts";
import { WaczSet, type PackagedPage } from "./wacz.ts";
import {
  PACKAGES_DIR,
  packagePlan,
  packagedArticles,
  type PackagePlan,
} from "../archive/publish/packages.ts";
import { articleSearchCopy } from "../archive/versions/search-copy.ts";

/** Where and what is published. */
export interface PublishOptions {
  /** The site's base path, "/" or "/archive/". */
  base: string;
  /** The site's root URL (SITE_URL or the reserved placeholder host, plus the base). */
  siteRoot: string;
  /** The checked articles. */
  entries: readonly PublishedEntry[];
  /** The captures' readings of the article pages built here (not put in from parts). */
  readings: CaptureReadings;
  /** Which package each file goes in (plannedPackages of the entries). */
  packages: PackagePlan;
  /**
   * A folder for the packages' WARCs as they grow (hundreds of MB at scale):
   * beside the site being built, so that a stopped build's are removed with
   * its other leftovers by the next build, never left in the system's
   * temporary folder.
   */
  scratch: string;
  /** Sees every built page as built; `done` throws if any was wrong, and then nothing is published. */
  guard: PageGuard;
  /** How the search index is built (the pages and words a Pagefind process indexes at most). */
  search?: SearchIndexOptions;
  /** The index's chunks' bytes at most for the whole index to be precached (SEARCH_PRECACHE_BYTES unless set). */
  searchPrecacheBytes?: number;
  /**
   * The search index, written already (or being written) from the parts'
   * files alone (writeKeptIndex): an assembly's, whose pages are none of
   * them indexed. Pagefind is then not started here.
   */
  searchIndex?: Promise<WrittenIndex>;
  /**
   * Files put in from parts built apart (src/node/build-parts.ts), published
   * there: their pages were guarded, carry their policy and are in their
   * parts of the search index, their packages are among them, and their
   * hashes and policies are as the parts recorded them. They are read only
   * where a package written here holds them.
   */
  prebuilt?: Prebuilt;
}

/** A file put in from a part built apart, as the part recorded it when it was published. */
export interface PrebuiltFile {
  /** Its SHA-256. */
  sha256: string;
  /** A page's Content Security Policy (its meta tag's). */
  policy?: string;
}

/** What an assembly puts in from parts built apart. */
export interface Prebuilt {
  /** Each file, by its path in the site. */
  files: ReadonlyMap<string, PrebuiltFile>;
  /** Folders holding the search index's own files (its WebAssembly) for the parts' languages. */
  searchFiles: readonly string[];
}

/** A check of the built pages, shown each page during the walk. */
export interface PageGuard {
  page(path: string, html: string): void;
  done(): void;
}

/** The capture files' media types: text/plain in each capture's own charset. */
function captureTypes(entries: readonly PublishedEntry[]): Map<string, string> {
  return new Map(
    entries.flatMap((e) =>
      [e.data.capture, ...e.recaptures].map((c): [string, string] => [
        `captures/${c.file}`,
        `text/plain; charset=${c.encoding ?? "utf-8"}`,
      ]),
    ),
  );
}

/**
 * What the index reads of each article version's page: one copy per article
 * (src/archive/versions/search-copy.ts), by the page's built path: the text
 * added to the newest version's copy, and the earlier versions' pages left
 * out. Articles with one version are not here.
 */
function searchCopies(
  entries: readonly PublishedEntry[],
  readings: CaptureReadings,
): {
  extra: Map<string, string>;
  skipped: Set<string>;
} {
  const groups = new Map<string, PublishedEntry[]>();
  for (const e of entries) {
    if (e.versions.length > 1) groups.set(e.article, [...(groups.get(e.article) ?? []), e]);
  }
  const built = (id: string): string => `articles/${id}/index.html`;
  const extra = new Map<string, string>();
  const skipped = new Set<string>();
  for (const group of groups.values()) {
    const copy = articleSearchCopy(
      group.map((e) => ({
        id: e.id,
        number: e.version,
        archived: e.data.archived,
        headline: e.data.headline,
        body: readingOf(readings, e).body.map((b) => ({
          heading: b.role === "subheading",
          text: b.block.text,
        })),
      })),
    );
    if (copy.extra) extra.set(built(copy.indexed), copy.extra);
    for (const id of copy.skipped) skipped.add(built(id));
  }
  return { extra, skipped };
}

/** The copy of a built page the search index reads (the published page stays as it is). */
function indexCopy(path: string, html: string, copies: ReturnType<typeof searchCopies>): string {
  if (copies.skipped.has(path)) return html.replace(/\sdata-pagefind-body(?=[\s>])/, "");
  const extra = copies.extra.get(path);
  if (extra === undefined) return html;
  const end = html.lastIndexOf("</article>");
  return end < 0 ? html : html.slice(0, end) + extra + html.slice(end);
}

/** The WACZ page list: each article version's text, as its capture reads. */
function packagedPages(
  entries: readonly PublishedEntry[],
  readings: CaptureReadings,
): PackagedPage[] {
  return entries.map((entry) => {
    const reading = readingOf(readings, entry);
    return {
      id: entry.id,
      headline: entry.data.headline,
      archived: entry.data.archived,
      text: [
        reading.headline,
        reading.publisher,
        reading.dateline,
        ...reading.body.map((b) => b.block.text),
      ].join("\n\n"),
    };
  });
}

/** A built page with its policy written in; a page that cannot take one stops the build. */
function withPolicyOf(path: string, html: string): ReturnType<typeof withPolicy> {
  try {
    return withPolicy(html);
  } catch (error) {
    throw new Error(`${path} in the build ${(error as Error).message}`, { cause: error });
  }
}

/** What the walk gathers for the files written after it. */
interface Walk {
  dir: string;
  base: string;
  captures: Map<string, string>;
  hashes: Map<string, string>;
  precache: PrecacheEntry[];
  pages: PagePolicy[];
  wacz: WaczSet;
  /** Whether the search index's chunks are precached with the shell (a small index). */
  wholeIndex: boolean;
}

/**
 * Reads, hashes, lists and packages the file at `path`; a page first goes
 * through `page`, which gives the page to publish in its place, or undefined
 * to publish it as it is. Returns the bytes published.
 */
async function publishFile(
  walk: Walk,
  path: string,
  page?: (html: string) => Promise<string | undefined>,
): Promise<Uint8Array> {
  let bytes: Uint8Array = readFileSync(join(walk.dir, path));
  const html =
    page && path.endsWith(".html") ? await page(Buffer.from(bytes).toString("utf8")) : undefined;
  if (html !== undefined) {
    bytes = new TextEncoder().encode(html);
    writeFileSync(join(walk.dir, path), bytes);
  }
  const hash = sha256(bytes);
  walk.hashes.set(path, hash);
  const entry = precacheEntry(walk.base, path, hash, walk.wholeIndex);
  if (entry) walk.precache.push(entry);
  const captureType = walk.captures.get(path);
  await walk.wacz.add(path, bytes, captureType ?? mediaType(path), captureType !== undefined, hash);
  return bytes;
}

/**
 * Lists a file put in from a part as the walk lists the files it publishes:
 * its hash and policy as recorded, its precache entry, and its bytes in its
 * package when this build writes that package.
 */
async function publishKept(walk: Walk, path: string, kept: PrebuiltFile): Promise<void> {
  walk.hashes.set(path, kept.sha256);
  if (kept.policy !== undefined) {
    walk.pages.push({ path: pagePath(walk.base, path), csp: kept.policy });
  }
  const entry = precacheEntry(walk.base, path, kept.sha256, walk.wholeIndex);
  if (entry) walk.precache.push(entry);
  if (walk.wacz.writes(path)) {
    const captureType = walk.captures.get(path);
    const bytes = readFileSync(join(walk.dir, path));
    await walk.wacz.add(
      path,
      bytes,
      captureType ?? mediaType(path),
      captureType !== undefined,
      kept.sha256,
    );
  }
}

/** The folder of the article pages, the only pages the search index holds. */
const ARTICLES = "articles/";

/** Whether `path` comes after every article page in the walk's order (listFiles sorts). */
const pastArticles = (path: string): boolean => path > ARTICLES && !path.startsWith(ARTICLES);

/**
 * Whether a file is one the publish step writes after the walk, hashed only
 * (a package; a search file's brotli copy): one put in from a part is neither
 * walked nor packaged.
 */
const writtenAfter = (path: string): boolean =>
  path.startsWith(`${PACKAGES_DIR}/`) || path.endsWith(BROTLI_SUFFIX);

/** The search index's parts put in from parts built apart: their folders. */
function keptSearchParts(files: ReadonlyMap<string, PrebuiltFile>): string[] {
  const prefix = `${SEARCH_DIR}/${PARTS_DIR}/`;
  const folders = new Set<string>();
  for (const path of files.keys()) {
    if (path.startsWith(prefix)) folders.add(path.slice(prefix.length).split("/")[0] ?? "");
  }
  return [...folders].sort();
}

/**
 * The search index's chunks and their sizes, and whether they are few enough
 * to be precached with the shell (SEARCH_PRECACHE_BYTES): what saving search
 * for offline use downloads otherwise.
 */
async function searchOfflineList(
  dir: string,
  paths: readonly string[],
  limit = SEARCH_PRECACHE_BYTES,
): Promise<{ summary: SearchOffline; files: SearchOfflineFiles }> {
  const files: SearchOfflineFiles = [];
  for (const path of paths) {
    if (offlineRole(path) === "search-chunk") {
      files.push([path, (await stat(join(dir, path))).size]);
    }
  }
  const bytes = files.reduce((sum, [, size]) => sum + size, 0);
  return { summary: { precached: bytes <= limit, bytes, count: files.length }, files };
}

/** What publishing found worth telling. */
export interface Published {
  /** How the search index was written. */
  searchIndex: WrittenIndex;
  /** Whether it was written from the parts alone, before the walk (options.searchIndex). */
  fromParts: boolean;
}

/** The packages' plan of the entries (packagedArticles). */
export const plannedPackages = (entries: readonly PublishedEntry[]): PackagePlan =>
  packagePlan(packagedArticles(entries));

/** What an index is written with besides its pages: each page's year, and the parts put in. */
const indexSources = (packages: PackagePlan, prebuilt: Prebuilt | undefined): IndexSources => ({
  partOf: (path) => packages.packageOf(path),
  kept: keptSearchParts(prebuilt?.files ?? new Map()),
  rootFiles: prebuilt?.searchFiles ?? [],
});

/**
 * Writes the search index of the site at `dir` from the parts put in it
 * alone (an assembly's: its own pages are none of them indexed), as the
 * publish walk would once it had walked the pages; `articles` is how many
 * articles the parts index.
 */
export async function writeKeptIndex(
  dir: string,
  search: SearchIndexOptions,
  packages: PackagePlan,
  prebuilt: Prebuilt,
  articles: number,
): Promise<WrittenIndex> {
  const index = await openSearchIndex(dir, search, indexSources(packages, prebuilt));
  return await index.write(articles);
}

/** Writes sw.js, _headers, the WACZ packages and manifest-sha256.txt for the site in `dir`. */
export async function publishSite(dir: string, options: PublishOptions): Promise<Published> {
  const { base, siteRoot, entries, readings, guard, search: searchOptions } = options;
  const captures = captureTypes(entries);
  const prebuilt = options.prebuilt?.files ?? new Map<string, PrebuiltFile>();
  const keptPackages = new Set(
    [...prebuilt.keys()].flatMap((path) =>
      path.startsWith(`${PACKAGES_DIR}/`)
        ? [path.slice(PACKAGES_DIR.length + 1, -".wacz".length)]
        : [],
    ),
  );
  const wacz = await WaczSet.open(siteRoot, options.packages, options.scratch, keptPackages);
  const walk: Walk = {
    dir,
    base,
    captures,
    hashes: new Map(),
    precache: [],
    pages: [],
    wacz,
    wholeIndex: false,
  };
  let index: SearchIndex | undefined;
  // The index holds article pages only: once the walk (in order) is past them, it is
  // written on its worker while the walk goes on over the captures and the rest.
  let writing: Promise<WrittenIndex> | undefined;
  try {
    // An index written from the parts alone is written before the walk lists the site's files.
    const keptIndex = await options.searchIndex;
    index = keptIndex
      ? undefined
      : await openSearchIndex(dir, searchOptions, indexSources(options.packages, options.prebuilt));
    const search = index;
    // Articles whose pages were put in from parts were indexed there.
    const articlePage = (e: PublishedEntry): string => `${ARTICLES}${e.id}/index.html`;
    const copies = searchCopies(
      entries.filter((e) => !prebuilt.has(articlePage(e))),
      readings,
    );
    const articles = new Set(entries.map((e) => e.article)).size;
    for (const path of await listFiles(dir)) {
      if (search && !writing && pastArticles(path)) {
        writing = search.write(articles);
        writing.catch(() => undefined); // awaited below, or its failure reported there
      }
      const kept = prebuilt.get(path);
      if (kept) {
        // The search files are listed with the index's own, once it is written.
        if (writtenAfter(path)) walk.hashes.set(path, kept.sha256);
        else if (!path.startsWith(`${SEARCH_DIR}/`)) await publishKept(walk, path, kept);
        continue;
      }
      // An index written from the parts alone is there already: walked with the rest of it.
      if (path.startsWith(`${SEARCH_DIR}/`)) continue;
      await publishFile(walk, path, async (built) => {
        guard.page(path, built);
        // Each page gets the policy of its own inline code, written in before it is hashed.
        const { html, policy } = withPolicyOf(path, built);
        walk.pages.push({ path: pagePath(base, path), csp: policy });
        if (search && !writing) await search.add(path, indexCopy(path, html, copies));
        else if (hasSearchBody(html)) {
          throw new Error(
            search
              ? `${path} is marked for the search index, which holds article pages (${ARTICLES}) only`
              : `${path} is marked for the search index, but this build's index is written from its parts alone`,
          );
        }
        return html;
      });
    }
    guard.done();
    const searchIndex = keptIndex ?? (await (writing ?? search?.write(articles)));
    index = undefined;
    if (!searchIndex) throw new Error("The search index was not written.");
    const { hashes } = walk;
    /** Writes a file the step makes and notes its hash; returns the hash. */
    const written = async (path: string, bytes: Uint8Array): Promise<string> => {
      await writeFile(join(dir, path), bytes);
      const hash = sha256(bytes);
      hashes.set(path, hash);
      return hash;
    };
    // The search bundle's files, listed once: sized for the offline list, then walked.
    // (Brotli copies put in from parts are hashed only: the index's own are written below.)
    const searchPaths = (await listFiles(join(dir, SEARCH_DIR)))
      .map((n) => `${SEARCH_DIR}/${n}`)
      .filter((path) => {
        const kept = prebuilt.get(path);
        if (kept && writtenAfter(path)) walk.hashes.set(path, kept.sha256);
        return !(kept && writtenAfter(path));
      });
    const offline = await searchOfflineList(dir, searchPaths, options.searchPrecacheBytes);
    walk.wholeIndex = offline.summary.precached;
    for (const path of searchPaths) {
      const kept = prebuilt.get(path);
      if (kept) {
        await publishKept(walk, path, kept);
        continue;
      }
      // A brotli copy is a way of sending the file, not a file of the archive:
      // fixity lists it, the WACZ and the precache do not.
      const copy = brotliCopy(path, await publishFile(walk, path));
      if (copy) await written(`${path}${BROTLI_SUFFIX}`, copy);
    }
    for (const [name, value] of [
      [SEARCH_OFFLINE.summary, offline.summary],
      [SEARCH_OFFLINE.files, offline.files],
    ] as const) {
      const bytes = new TextEncoder().encode(JSON.stringify(value));
      await wacz.add(name, bytes, mediaType(name), false, await written(name, bytes));
    }
    const worker = await serviceWorkerSource(walk.precache);
    const workerHash = await written(SERVICE_WORKER, worker);
    await wacz.add(SERVICE_WORKER, worker, mediaType(SERVICE_WORKER), false, workerHash);
    const types = new Map([...captures].map(([path, type]) => [`${base}${path}`, type]));
    await written("_headers", new TextEncoder().encode(headersFile(walk.pages, types, base)));
    // js-wacz writes each package itself: the files read back to be hashed, a piece at a time.
    const inPackages = entries.filter((e) => wacz.writes(articlePage(e)));
    for (const packaged of await wacz.finish(dir, packagedPages(inPackages, readings))) {
      hashes.set(packaged, await sha256OfFile(join(dir, packaged)));
    }
    await writeFile(join(dir, FIXITY_MANIFEST), fixityManifest(hashes));
    return { searchIndex, fromParts: keptIndex !== undefined };
  } catch (error) {
    // An index being written ends first, so nothing writes into the site once this fails.
    if (writing) await writing.catch(() => undefined);
    else await index?.close();
    await wacz.discard();
    throw error;
  }
}
