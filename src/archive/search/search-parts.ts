/**
 * The search index in parts, as the build writes it and the browser reads it
 * (pure: both share it).
 *
 * Each language's articles are indexed in parts of a bounded number of pages:
 * its pages in date order, cut at each article's year of publication (its
 * first version's, as its package and its part of the build go) and within a
 * year into parts of at most the part size. Each part is a Pagefind index of its own under
 * `pagefind/parts/<folder>/` (its folder's name ends in a hash of its content,
 * so every file in it can be kept as long as it is needed). The index at
 * `pagefind/` itself is the directory: one Pagefind index a language whose
 * "pages" are that language's parts, each under every word its articles hold
 * and every outlet and year they have. Searching the directory with the
 * reader's query and filters names the parts that can hold a result, by
 * Pagefind's own rules (stemming, prefixes, the longest indexed prefix,
 * Chinese and Japanese split into words), and only those are loaded.
 */
import { SEARCH_DIR } from "../site.ts";
import type { ForeignWords } from "./languages.ts";

/** The folder of the parts, inside SEARCH_DIR. */
export const PARTS_DIR = "parts";

/** The key of pagefind-entry.json under which the archive lists each language's parts (Pagefind ignores it). */
export const ENTRY_PARTS = "archive_parts";

/** One part as the entry lists it: its folder, its pages, and the dates of its first and last page. */
export type PartEntry = [folder: string, pages: number, from: string, to: string];

/**
 * The key of a part's own pagefind-entry.json under which it gives its entry,
 * so a part kept from an earlier build can be listed again without its pages.
 */
export const ENTRY_PART = "archive_part";

/** Each language's parts, in date order. */
export type EntryParts = Record<string, PartEntry[]>;

/**
 * The key of pagefind-entry.json under which the archive lists, for each
 * language whose index holds words in scripts it is not written in, those
 * scripts and the words' first letters (src/archive/search/languages.ts), so
 * that a query is also searched where its words may be.
 */
export const ENTRY_FOREIGN = "archive_foreign";

/** Each language's words in other scripts than its own, where it has any. */
export type EntryForeign = Record<string, ForeignWords>;

/** The folder of a part's index, under the site's `base`, as Pagefind takes a basePath. */
export const partBasePath = (base: string, folder: string): string =>
  `${base}${SEARCH_DIR}/${PARTS_DIR}/${folder}/`;

/**
 * The `wasm` a part's entry names: Pagefind fetches `<basePath>wasm.<wasm>.pagefind`,
 * and this path leads from a part's folder back to the WebAssembly of
 * SEARCH_DIR, so every part of a language shares one file.
 */
export const partWasm = (wasm: string): string => `${wasm}/../../../wasm.${wasm}`;

/** The language's `wasm` that a part's entry names by partWasm. */
export const wasmOfPart = (named: string): string => named.slice(0, named.indexOf("/../"));

/**
 * A part's page table, named by the hash its folder's name ends with
 * ("en-2020-1-99bc0860c1" holds "pagefind.en_99bc0860c1.pf_meta").
 */
export const partMetaFile = (language: string, folder: string): string =>
  `pagefind.${language}_${folder.slice(folder.lastIndexOf("-") + 1)}.pf_meta`;

/** How results are ordered. */
export type Order = "relevance" | "newest" | "oldest";

/**
 * The order in which the parts of one language are searched: oldest first
 * when the oldest results come first, otherwise newest first (so results
 * by date arrive in order, and a first search meets the newest articles).
 */
export function partsInSearchOrder(parts: readonly PartEntry[], order: Order): PartEntry[] {
  const byDate = [...parts].sort(
    ([a, , fromA, toA], [b, , fromB, toB]) =>
      (fromA < fromB ? -1 : fromA > fromB ? 1 : 0) ||
      (toA < toB ? -1 : toA > toB ? 1 : 0) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  return order === "oldest" ? byDate : byDate.reverse();
}

/**
 * The year a part is cut at, from a page's date ("2020-05-24T07:18");
 * "undated" for a page without one.
 */
export const partYear = (date: string): string => /^\d{4}/.exec(date)?.[0] ?? "undated";

/**
 * The year a part's folder was cut at ("en-2020-1-99bc0860c1", "zh-tw-undated-2-…"
 * name theirs), or undefined for a name that is not a part's.
 */
export const partFolderYear = (folder: string): string | undefined =>
  /-(\d{4}|undated)-\d+-[0-9a-f]+$/.exec(folder)?.[1];

/** Letters a query's longest word needs for every part that can hold it to be searched. */
export const MIN_WHOLE = 3;

/** Scripts whose every character can be a word of its own: a query of one is whole. */
const CHARACTER_WORDS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/**
 * Whether `query` is searched in every part that can hold it: it has a word
 * of MIN_WHOLE letters or digits, or a character of a script written without
 * spaces. A shorter query (a reader's first keystrokes) matches words in
 * nearly every part; counting them all would load every page table.
 */
export function searchedWhole(query: string): boolean {
  if (CHARACTER_WORDS.test(query)) return true;
  return query
    .split(/\s+/)
    .some((word) => Array.from(word.replace(/[^\p{L}\p{N}]/gu, "")).length >= MIN_WHOLE);
}
