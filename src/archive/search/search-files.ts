/**
 * The files of the search bundle, told apart by name, in one place: which
 * the service worker precaches or keeps on use (offline.ts), which get a
 * brotli copy (src/node/precompress.ts), which carry their own hash. Paths are
 * relative to the base, inside SEARCH_DIR: the directory's files at its top,
 * each part's in its folder under PARTS_DIR (search-parts.ts).
 */
import { SEARCH_DIR } from "../site.ts";
import { PARTS_DIR } from "./search-parts.ts";

/** Pagefind's search code, relative to the base: what a page imports to search. */
export const SEARCH_CODE = `${SEARCH_DIR}/pagefind.js`;

/**
 * The query parameter that names the language a copy of the search code is
 * loaded for: each language's index is searched by a module of its own
 * (`pagefind.js?language=ru`), so that each has its own WebAssembly, and so
 * its own stemmer. The file is the same; the service worker ignores it.
 */
export const SEARCH_CODE_LANGUAGE = "language";

/** Pagefind's highlight script, relative to the base: what an article imports to mark the words searched. */
export const SEARCH_HIGHLIGHT = `${SEARCH_DIR}/pagefind-highlight.js`;

/** What a file of the search bundle is. */
export type SearchFile =
  /** pagefind.js, the search code. */
  | "code"
  /** pagefind-highlight.js, the script that marks the words on a result's page. */
  | "highlight"
  /** pagefind-entry.json: the languages, their directory's metadata and their parts. */
  | "entry"
  /** pagefind.<language>_<hash>.pf_meta: a language's directory (its parts, chunk boundaries, filters). */
  | "meta"
  /** parts/<folder>/pagefind-entry.json: a part's language and metadata. */
  | "part-entry"
  /** parts/<folder>/pagefind.<language>_<hash>.pf_meta: a part's pages, chunk boundaries, filters and sorts. */
  | "part-meta"
  /** wasm.<language>.pagefind: the search itself, in WebAssembly. */
  | "wasm"
  /** index/<hash>.pf_index: the words of one range (in a part, or the directory's), loaded for a query. */
  | "index-chunk"
  /** fragment/<hash>.pf_fragment: one page's result data, in a part. */
  | "fragment"
  /** filter/<hash>.pf_filter: one filter's values and pages (or the directory's parts). */
  | "filter-chunk";

/** A part's folder, at the start of a path inside SEARCH_DIR. */
const PART = `(?:${PARTS_DIR}/[^/]+/)`;

const KINDS: readonly (readonly [RegExp, SearchFile])[] = [
  [/^pagefind\.js$/, "code"],
  [/^pagefind-highlight\.js$/, "highlight"],
  [/^pagefind-entry\.json$/, "entry"],
  [/^pagefind\.[^/]+_[0-9a-f]{7,}\.pf_meta$/, "meta"],
  [new RegExp(`^${PART}pagefind-entry\\.json$`), "part-entry"],
  [new RegExp(`^${PART}pagefind\\.[^/]+_[0-9a-f]{7,}\\.pf_meta$`), "part-meta"],
  [/^wasm\.[^/]+\.pagefind$/, "wasm"],
  [new RegExp(`^${PART}?index/[^/]+\\.pf_index$`), "index-chunk"],
  [new RegExp(`^${PART}fragment/[^/]+\\.pf_fragment$`), "fragment"],
  [new RegExp(`^${PART}?filter/[^/]+\\.pf_filter$`), "filter-chunk"],
];

/** What the file at `path` (relative to the base) is in the search bundle, or undefined when it is not one. */
export function searchFile(path: string): SearchFile | undefined {
  const prefix = `${SEARCH_DIR}/`;
  if (!path.startsWith(prefix)) return undefined;
  const name = path.slice(prefix.length);
  return KINDS.find(([pattern]) => pattern.test(name))?.[1];
}

/** Whether `path` is in the search bundle's folder (a file Pagefind wrote, or one it left unused). */
export const inSearchDir = (path: string): boolean => path.startsWith(`${SEARCH_DIR}/`);

/** What a cached copy of a file named by its content may be kept as: for as long as it is asked for. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * The folders of SEARCH_DIR whose every file is named by its content (or lies
 * in a folder so named): chunks, fragments, filter lists, and the parts. A
 * host may let browsers keep them for good; a new build writes new names.
 */
export const IMMUTABLE_SEARCH_FOLDERS: readonly string[] = [
  `${SEARCH_DIR}/${PARTS_DIR}/`,
  `${SEARCH_DIR}/index/`,
  `${SEARCH_DIR}/filter/`,
];

/** Whether the file at `path` (relative to the base) is named by its content (see IMMUTABLE_SEARCH_FOLDERS). */
export const isImmutableSearchFile = (path: string): boolean =>
  IMMUTABLE_SEARCH_FOLDERS.some((folder) => path.startsWith(folder)) &&
  searchFile(path) !== undefined;
