/**
 * The search index: Pagefind's Node API, fed each built page by the publish
 * step's one walk (the page's HTML as it is published, never read again from
 * disk), written into <outDir>/pagefind/ (SEARCH_DIR) with every error
 * reported; then what the archive never loads is removed. Pagefind indexes in
 * its own process, so it works on the other core while the walk hashes and
 * packages the files.
 *
 * Pagefind's process holds every page it is given until it writes (about
 * 475 bytes a word of the indexed text, measured), so pages are indexed in
 * shards: a Pagefind process takes pages until it holds `pagesPerShard` of
 * them or `wordsPerShard` words, writes its shard apart and ends. The shards
 * are then written as the archive's parts and directory on a worker thread
 * with a small heap (src/node/search-merge.ts).
 */
import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import * as pagefind from "pagefind";
import { SEARCH_DIR } from "../archive/site.ts";
import { ENTRY_PARTS, type EntryParts } from "../archive/search/search-parts.ts";
import { tuneSearchCode } from "./search-code.ts";
import type { MergeJob } from "./search-merge-worker.ts";
import { pageKey, PART_LIMITS, type PartLimits } from "./search-merge.ts";

/** Pages sent to Pagefind and not yet answered, at most: bounds the memory they hold. */
const IN_FLIGHT = 32;

/** Pages one Pagefind process indexes at most, by default. */
export const PAGES_PER_SHARD = 1000;

/**
 * Words (of the pages' indexed text, by indexedWords) one Pagefind process
 * indexes at most, by default: about 0.13 GB of its memory, whatever the
 * length of the articles (0.2 GB at 400,000). 1,000 articles of the scale
 * bench hold about 370,000.
 */
export const WORDS_PER_SHARD = 250_000;

/**
 * The merge's heap, in MB. It keeps little (each page's URL and sort values,
 * one chunk of words a shard) but makes much garbage, which a heap without a
 * limit would hold on to.
 */
const MERGE_HEAP_MB = 256;

/** Where the shards are written before they are merged, inside the site being built. */
const SHARDS_DIR = `${SEARCH_DIR}.shards`;

/** Fails with every message Pagefind reported for one step. */
function assertNoErrors(step: string, errors: readonly string[]): void {
  if (errors.length > 0) {
    throw new Error(`Pagefind ${step} failed:\n  ${errors.join("\n  ")}`);
  }
}

/** An index being built: pages go in one by one, then it is written once. */
export interface SearchIndex {
  /**
   * Adds the built page at `path` (relative to the site, e.g. "articles/x/index.html").
   * A page without data-pagefind-body is not sent: Pagefind leaves such pages out
   * of an index in which any page has it, and parsing them costs it time and memory.
   */
  add(path: string, html: string): Promise<void>;
  /**
   * Writes the index into <outDir>/pagefind/ and closes Pagefind; fails unless
   * it holds exactly `articles` pages (an article page that lost its
   * data-pagefind-body would otherwise drop out of search without a word).
   */
  write(articles: number): Promise<WrittenIndex>;
  /** Closes Pagefind without writing (a failed build). */
  close(): Promise<void>;
}

/** How an index was written. */
export interface WrittenIndex {
  /** The Pagefind processes that indexed its pages. */
  shards: number;
  /** The parts it is published in, in all languages. */
  parts: number;
  /** The languages it holds. */
  languages: number;
  /** Seconds its parts and directory took to write, once Pagefind had indexed the pages. */
  seconds: number;
}

/** What a search index is built with. */
export interface SearchIndexOptions {
  /** Pages each Pagefind process indexes at most before its shard is written; PAGES_PER_SHARD unless set. */
  pagesPerShard?: number;
  /** Words each Pagefind process indexes at most (one page may hold more); WORDS_PER_SHARD unless set. */
  wordsPerShard?: number;
  /** Pages a part of the published index holds at most; PART_LIMITS.partPages unless set. */
  partPages?: number;
}

/** What else an index is written with, besides the pages it is given. */
export interface IndexSources {
  /** The year whose parts hold the page at `path` (its date's when undefined). */
  partOf?: (path: string) => string | undefined;
  /** Parts already in <outDir>/pagefind/parts/, kept from an earlier build of their pages: listed in the directory again. */
  kept?: readonly string[];
  /** Folders holding the index's own files (its WebAssembly) for the kept parts' languages. */
  rootFiles?: readonly string[];
}

/** The URL Pagefind records for a page at `path` (percent-encoded in its fragments). */
const pageUrl = (path: string): string => `/${path.replace(/(^|\/)index\.html$/, "$1")}`;

/** The entities Astro writes in attribute values. */
const ATTRIBUTE_ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&quot;": '"',
  "&#39;": "'",
  "&lt;": "<",
  "&gt;": ">",
};

/**
 * A built page's opening tags: the elements whose attributes Pagefind reads.
 * A page's text never holds a raw "<" (Astro escapes it, and the JSON-LD
 * writes it as \u003c), so an article that quotes an attribute is not one.
 */
const openingTags = (html: string): IterableIterator<RegExpMatchArray> =>
  html.matchAll(/<[a-zA-Z][^<>]*>/g);

/** What a built page gives Pagefind, read in one walk over its tags. */
interface SearchPage {
  /**
   * The region Pagefind indexes: from the element marked data-pagefind-body
   * to the last closing tag of its name; undefined when no element is marked.
   */
  body: string | undefined;
  /**
   * Its data-pagefind-sort="key:value" values; the merge orders pages of
   * different shards by them. (Pagefind also reads a value from an element's
   * text: the archive's pages never do.)
   */
  sortValues: Record<string, string>;
  /** The `lang` of the element marked data-pagefind-body: the article's language. */
  language: string | undefined;
}

/** Reads a built page's indexed region and sort values; a sort without a value, or with two, stops with the page's path. */
function readSearchPage(path: string, html: string): SearchPage {
  const page: SearchPage = { body: undefined, sortValues: {}, language: undefined };
  const marked = html.includes("data-pagefind-body");
  const sorted = html.includes("data-pagefind-sort");
  if (!marked && !sorted) return page;
  for (const { 0: tag, index = 0 } of openingTags(html)) {
    if (marked && page.body === undefined && /\sdata-pagefind-body[\s=/>]/.test(tag)) {
      const name = /^<([a-zA-Z][^\s/>]*)/.exec(tag)?.[1] ?? "";
      const end = html.lastIndexOf(`</${name}>`);
      page.body = html.slice(index, end > index ? end : undefined);
      page.language = /\slang="([^"]+)"/.exec(tag)?.[1];
    }
    if (sorted) addSortValues(path, tag, page.sortValues);
  }
  return page;
}

/**
 * The page as Pagefind is to index it: in the language of its indexed region.
 * Pagefind reads a page's language from `<html lang>` only, and the archive's
 * pages are in English around an article in any language; the copy it is
 * handed says the article's language, so the article goes into that
 * language's index (stemmed, or split into words, by that language's rules).
 * The published page is not changed.
 */
export function inIndexLanguage(html: string, language: string | undefined): string {
  if (language === undefined) return html;
  return html.replace(
    /^([\s\S]*?<html\b[^>]*?\slang=")[^"]*"/,
    (_, head: string) => `${head}${language}"`,
  );
}

/** Adds the data-pagefind-sort values of one opening tag to `values`. */
function addSortValues(path: string, tag: string, values: Record<string, string>): void {
  for (const [, raw = ""] of tag.matchAll(/\sdata-pagefind-sort="([^"]*)"/g)) {
    const attribute = raw.replace(/&(amp|quot|#39|lt|gt);/g, (e) => ATTRIBUTE_ENTITIES[e] ?? e);
    const colon = attribute.indexOf(":");
    if (colon < 0) {
      throw new Error(
        `${path}: data-pagefind-sort="${attribute}" gives no value; the archive's pages give theirs as "key:value"`,
      );
    }
    const key = attribute.slice(0, colon);
    const value = attribute.slice(colon + 1);
    if (key in values && values[key] !== value) {
      throw new Error(
        `${path}: data-pagefind-sort gives "${key}" two values ("${values[key]}" and "${value}"); a page has one`,
      );
    }
    values[key] = value;
  }
}

/** Whether a built page marks the region Pagefind indexes (data-pagefind-body). */
export const hasSearchBody = (html: string): boolean => readSearchPage("", html).body !== undefined;

/** The sort values a page gives Pagefind (see readSearchPage). */
export const sortValuesOf = (path: string, html: string): Record<string, string> =>
  readSearchPage(path, html).sortValues;

/**
 * About how many words Pagefind holds for the region it indexes: its text's
 * words, each Chinese, Japanese or Korean character counted as one (Pagefind
 * splits such text into words of a character or two).
 */
export function indexedWords(region: string): number {
  const text = region.replace(/<[^>]*>/g, " ");
  const words = text.match(
    /[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu,
  );
  const characters = text.match(
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu,
  );
  return (words?.length ?? 0) + (characters?.length ?? 0);
}

/** Writes the shards as parts and directory on a worker thread, so the garbage of it goes with it. */
async function mergeApart(job: MergeJob): Promise<void> {
  const worker = new Worker(new URL("./search-merge-worker.ts", import.meta.url), {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: MERGE_HEAP_MB },
  });
  let failure: string | undefined;
  worker.on("message", (message: { error?: string }) => {
    failure ??= message.error;
  });
  worker.on("error", (error) => {
    failure ??= error.message;
  });
  const code = await new Promise<number>((resolve) => worker.once("exit", resolve));
  failure ??= code === 0 ? undefined : `its worker stopped with exit code ${code}`;
  if (failure) throw new Error(`Writing the search index's parts failed: ${failure}`);
}

/** One Pagefind process's index: its pages and their words, and the pages not yet answered. */
interface Shard {
  index: pagefind.PagefindIndex;
  pending: Set<Promise<void>>;
  pages: number;
  words: number;
}

/** A limit given in options, checked: a whole number, at least 1. */
function limit(value: number | undefined, fallback: number, what: string): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 1) {
    throw new Error(
      `The search index's ${what} must be a whole number, at least 1 (got ${chosen})`,
    );
  }
  return chosen;
}

/**
 * Starts an index written into <outDir>/pagefind/. The ¶ and "in the capture"
 * links beside each block are the archive's, not the article's.
 */
export async function openSearchIndex(
  outDir: string,
  options: SearchIndexOptions = {},
  sources: IndexSources = {},
): Promise<SearchIndex> {
  const pagesPerShard = limit(options.pagesPerShard, PAGES_PER_SHARD, "pages per Pagefind process");
  const wordsPerShard = limit(options.wordsPerShard, WORDS_PER_SHARD, "words per Pagefind process");
  const limits: PartLimits = {
    ...PART_LIMITS,
    partPages: limit(options.partPages, PART_LIMITS.partPages, "pages per part"),
  };
  const problems: string[] = [];
  const sortValues: [url: string, values: Record<string, string>][] = [];
  const partYears: [url: string, year: string][] = [];
  const shardsDir = join(outDir, SHARDS_DIR);
  const written: string[] = [];

  const open = async (): Promise<Shard> => {
    const created = await pagefind.createIndex({ excludeSelectors: [".permalink", ".in-capture"] });
    assertNoErrors("createIndex", created.errors);
    if (!created.index) throw new Error("Pagefind createIndex returned no index");
    return { index: created.index, pending: new Set(), pages: 0, words: 0 };
  };
  /** Writes a shard's index into `dir` and ends its Pagefind process. */
  const writeShard = async (shard: Shard, dir: string): Promise<void> => {
    try {
      await Promise.all(shard.pending);
      assertNoErrors("addHTMLFile", problems);
      const result = await shard.index.writeFiles({ outputPath: dir });
      assertNoErrors("writeFiles", result.errors);
    } finally {
      await pagefind.close();
    }
  };
  /** Writes the open shard beside the others; the next page starts a new one. */
  const setAside = async (shard: Shard): Promise<void> => {
    const dir = join(shardsDir, String(written.length));
    await writeShard(shard, dir);
    written.push(dir);
  };
  let shard: Shard | undefined = await open();

  return {
    async add(path, html) {
      const { body, sortValues: values, language } = readSearchPage(path, html);
      if (body === undefined) return;
      sortValues.push([pageKey(pageUrl(path)), values]);
      const year = sources.partOf?.(path);
      if (year !== undefined) partYears.push([pageKey(pageUrl(path)), year]);
      const words = indexedWords(body);
      // A shard is full with its pages, or when this page's words would pass its limit.
      if (
        shard &&
        (shard.pages >= pagesPerShard || (shard.pages > 0 && shard.words + words > wordsPerShard))
      ) {
        const full = shard;
        shard = undefined;
        await setAside(full);
      }
      const current = (shard ??= await open());
      current.pages++;
      current.words += words;
      const added: Promise<void> = current.index
        .addHTMLFile({ sourcePath: path, content: inIndexLanguage(html, language) })
        .then(({ errors }) => {
          problems.push(...errors.map((e) => `${path}: ${e}`));
        })
        .finally(() => current.pending.delete(added));
      current.pending.add(added);
      if (current.pending.size >= IN_FLIGHT) await Promise.race(current.pending);
    },
    async write(articles) {
      const dir = join(outDir, SEARCH_DIR);
      const last = shard ?? (await open());
      shard = undefined;
      try {
        if (last.pages > 0 || written.length === 0) await setAside(last);
        else await pagefind.close();
        const started = performance.now();
        await mergeApart({
          shardDirs: written,
          outDir: dir,
          sortValues,
          limits,
          partYears,
          kept: [...(sources.kept ?? [])],
          rootFiles: [...(sources.rootFiles ?? [])],
        });
        const seconds = (performance.now() - started) / 1000;
        const index = await pruneIndex(dir);
        await tuneSearchCode(dir);
        if (index.pages !== articles) {
          throw new Error(
            `Pagefind indexed ${index.pages === 1 ? "1 page" : `${index.pages} pages`} for the ${articles} articles in ${outDir}: each article is indexed once, from its newest version's page, which must carry data-pagefind-body, and no other page`,
          );
        }
        return {
          shards: written.length,
          parts: index.parts,
          languages: index.languages,
          seconds,
        };
      } finally {
        await rm(shardsDir, { recursive: true, force: true });
      }
    },
    async close() {
      if (shard) await Promise.allSettled(shard.pending);
      shard = undefined;
      await pagefind.close();
      await rm(shardsDir, { recursive: true, force: true });
    },
  };
}

/**
 * Removes what Pagefind writes but the archive never loads: its three
 * prebuilt UIs (we use the JS API), its Web Worker (search runs with
 * noWorker) and the WebAssembly of languages no page is in. Less to publish,
 * precache and package. Returns the pages the index holds, its parts and its languages.
 */
async function pruneIndex(
  dir: string,
): Promise<{ pages: number; parts: number; languages: number }> {
  const entry = JSON.parse(await readFile(join(dir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { wasm?: string }>;
  } & Record<typeof ENTRY_PARTS, EntryParts>;
  const used = new Set(
    Object.values(entry.languages).map(({ wasm }) => `wasm.${wasm ?? "unknown"}.pagefind`),
  );
  for (const name of await readdir(dir)) {
    const unusedUi = /^pagefind-(ui|component-ui|modular-ui|worker)\.(js|css)$/.test(name);
    const unusedWasm = /^wasm\..+\.pagefind$/.test(name) && !used.has(name);
    if (unusedUi || unusedWasm) await rm(join(dir, name));
  }
  const parts = Object.values(entry[ENTRY_PARTS]).flat();
  return {
    pages: parts.reduce((sum, [, pages]) => sum + pages, 0),
    parts: parts.length,
    languages: Object.keys(entry.languages).length,
  };
}
