/**
 * What the service worker keeps for offline reading, decided by path alone
 * (pure: the build, the worker and the page that lists saved articles share it).
 *
 * - precache: what every page needs, fetched once when the worker installs:
 *   the front page, the "not saved offline" page, the 404 page, the CSS and JS
 *   assets (_astro/, modules/), icons, the web app manifest, and search's code
 *   and directory (pagefind.js, its highlight script, pagefind-entry.json, each
 *   language's directory .pf_meta and the wasm). The directory grows with
 *   the archive's words, not its pages; the parts' page tables are not in it.
 * - page: articles, their citation files, captures and capture pages, and
 *   every listing: kept when the reader opens them, fetched from the network
 *   first and read from the cache when it is gone.
 * - search-chunk: Pagefind's index, fragment and filter chunks, whose names
 *   carry their hash, and each part's entry and page table, whose folder's
 *   name does: kept when a search fetches them, read from the cache first.
 * - none: everything else (the WACZ packages, manifest-sha256.txt, feed, sitemap,
 *   robots.txt, _headers), left to the network.
 */
import { servedPath } from "../paths.ts";
import { SEARCH_FILTERS } from "../site.ts";
import {
  inSearchDir,
  SEARCH_CODE_LANGUAGE,
  searchFile,
  type SearchFile,
} from "../search/search-files.ts";

/** How the service worker treats a path of the site. */
export type OfflineRole = "precache" | "page" | "search-chunk" | "none";

/** The "not saved offline" page, relative to the base (a page of its own, out of search and the sitemap). */
export const OFFLINE_PAGE = "offline/";

/** Query parameters that never change what a URL serves: ignored when matching a cached copy. */
export const IGNORED_PARAMS: readonly RegExp[] = [
  /^utm_/,
  /^ts$/,
  /^highlight$/,
  new RegExp(`^${SEARCH_CODE_LANGUAGE}$`),
];

/** Paths precached as they are (relative to the base, pages in their URL form). */
const PRECACHED = new Set([
  "",
  OFFLINE_PAGE,
  "404.html",
  "favicon.svg",
  "manifest.webmanifest",
  SEARCH_FILTERS,
]);

/** Folders precached whole: built CSS/JS, the browser modules, icons. */
const PRECACHED_FOLDERS = /^(_astro|modules|icons)\//;

/** How each file of the search bundle is kept: its code and entry precached, its chunks (named by their hash) on use. */
const SEARCH_ROLES: Record<SearchFile, OfflineRole> = {
  code: "precache",
  highlight: "precache",
  entry: "precache",
  meta: "precache",
  wasm: "precache",
  "part-entry": "search-chunk",
  "part-meta": "search-chunk",
  "index-chunk": "search-chunk",
  fragment: "search-chunk",
  "filter-chunk": "search-chunk",
};

/** Folders whose every file is a page or a file of a page (citation files, raw captures). */
const PAGE_FOLDERS = /^(articles|captures)\//;

/** A built file's path in the form of its URL: "a/b/index.html" is served as "a/b/". */
function urlForm(path: string): string {
  return servedPath(path.replace(/^\/+/, ""));
}

/**
 * The role of `path`, relative to the base: a built file ("articles/x/index.html")
 * or the path of a URL ("articles/x/").
 */
export function offlineRole(path: string): OfflineRole {
  const url = urlForm(path);
  if (inSearchDir(url)) {
    const file = searchFile(url);
    return file ? SEARCH_ROLES[file] : "none";
  }
  if (PRECACHED.has(url) || PRECACHED_FOLDERS.test(url)) return "precache";
  // Every other page (a folder's index.html), and whatever an article or capture publishes.
  if (PAGE_FOLDERS.test(url) || url.endsWith("/")) return "page";
  return "none";
}

/** Whether `path` (relative to the base) is an article's own page or one of its versions' pages. */
export function isArticlePage(path: string): boolean {
  return /^articles\/[^/]+\/(versions\/\d+\/)?$/.test(urlForm(path));
}

/** The version number of an article version's page ("articles/x/versions/2/"), if it is one. */
export function versionOfPage(path: string): number | undefined {
  const n = /^articles\/[^/]+\/versions\/(\d+)\/$/.exec(urlForm(path))?.[1];
  return n === undefined ? undefined : Number(n);
}

/**
 * The path of `url` relative to `base`, or null when it lies outside it.
 * `base` is the site's base path ("/" or "/archive/").
 */
export function pathUnderBase(url: URL, base: string): string | null {
  return url.pathname.startsWith(base) ? url.pathname.slice(base.length) : null;
}

/** The URL a cached copy is kept under: without a fragment or parameters that change nothing. */
export function cacheKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = "";
  for (const name of [...parsed.searchParams.keys()]) {
    if (IGNORED_PARAMS.some((ignored) => ignored.test(name))) parsed.searchParams.delete(name);
  }
  return parsed.href;
}

/** The names of the caches the worker keeps pages and search chunks in, for one scope. */
export function runtimeCaches(scope: string): { pages: string; search: string } {
  return { pages: `archive-pages-${scope}`, search: `archive-search-${scope}` };
}

/**
 * The search index's chunks (index, fragment and filter files, Pagefind's
 * compressed bytes) at most, by default, for the whole index to be precached
 * with the shell: about 450 articles of the scale bench (2.2 KB of chunks
 * each), fewer of real length. A larger
 * index is saved for offline use only when the reader asks.
 */
export const SEARCH_PRECACHE_BYTES = 1 << 20;

/** What saving search for offline use downloads: the build's SEARCH_OFFLINE.summary file. */
export interface SearchOffline {
  /** True when the whole index is precached with the shell: nothing to offer. */
  precached: boolean;
  /** The chunks' bytes in all. */
  bytes: number;
  /** How many chunks there are. */
  count: number;
}

/** The index's chunks, each with its path relative to the base and its size: SEARCH_OFFLINE.files. */
export type SearchOfflineFiles = [path: string, bytes: number][];

/** Messages between pages and the worker (each with a MessagePort for the answer). */
export const WORKER_MESSAGE = {
  /** Page → worker: keep this page (it was loaded before the worker controlled it). */
  save: "archive:save-page",
  /** Page → worker: which search files could not be served to me since I last asked? */
  misses: "archive:search-misses",
  /** Page → waiting worker: take over now (the reader asked to reload into the new build). */
  skipWaiting: "archive:skip-waiting",
} as const;

/**
 * Search files the worker could not serve a page: `offline` when neither the
 * cache nor the network had them, `gone` when the server no longer has them
 * (a newer build replaced the index the page is searching).
 */
export interface SearchMisses {
  offline: number;
  gone: number;
}
