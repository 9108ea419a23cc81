/**
 * The archive's search indexes in the browser: in each language, a directory
 * and the parts it names (src/archive/search/search-parts.ts).
 *
 * Each language is searched by a copy of Pagefind's code of its own
 * (`pagefind.js?language=ru`), so that each runs its own WebAssembly and
 * processes a query with its own language's rules (Pagefind keeps one
 * stemmer per copy of its module). A query goes only to the languages written
 * in its scripts, and those whose index may hold its words in other scripts
 * (src/archive/search/languages.ts). In each (but a language
 * of one part, whose part is searched at once), the language's
 * directory is searched first, with the query and the reader's filters: it
 * names the parts that can hold a result, and only those parts' page tables
 * and chunks are loaded, each part as a Pagefind instance of its own
 * (`createInstance`) that shares the copy's WebAssembly.
 *
 * Parts are searched newest first (oldest first when the oldest results come
 * first), two at a time. A first answer is given as soon as the parts searched
 * so far, in that order, hold a page of results in every language: by date,
 * those are exactly the first results, since a part holds a range of dates
 * and the next part's are all older (or newer); its `complete` promise gives
 * the whole answer once every part named has answered. A query whose words
 * are all shorter than MIN_WHOLE letters (search-parts.ts) is only searched that far: it names most parts, and counting them
 * all for a reader who is still typing would load the archive's every page
 * table.
 *
 * Results form one list. By relevance they are ordered by Pagefind's scores
 * as they are (each part and each language weights words by its own counts,
 * so scores of two parts compare only roughly, as Pagefind's own merged
 * indexes do); newest or oldest first, each part's list comes in date order
 * from Pagefind and the languages' lists are merged by each result's date,
 * loading a result's data only when it is next in line. Counts add up.
 */
import { languagesFor } from "../archive/search/languages.ts";
import { SEARCH_CODE, SEARCH_CODE_LANGUAGE } from "../archive/search/search-files.ts";
import {
  ENTRY_PARTS,
  ENTRY_FOREIGN,
  partBasePath,
  partMetaFile,
  partsInSearchOrder,
  searchedWhole,
  type EntryParts,
  type EntryForeign,
  type Order,
  type PartEntry,
} from "../archive/search/search-parts.ts";
import { SEARCH_DIR } from "../archive/site.ts";
import type { PagefindApi, PagefindFragment, PagefindInstance, PagefindResult } from "./pagefind";

export type { Order } from "../archive/search/search-parts.ts";

/** One result, with the language of the index it came from. */
export interface Found {
  language: string;
  result: PagefindResult;
}

/** One search's answer across the parts and languages it was routed to. */
export interface Answer {
  /** The results found in the parts searched so far: `take` draws them a page at a time. */
  total: number;
  /**
   * The parts not searched (yet) that may hold more results: 0 when this
   * answer is whole. With `complete`, they are being searched; without, the
   * query was too short to search them all.
   */
  remaining: number;
  /** The whole answer, once every part has answered; undefined when this one is whole or the query too short. */
  complete: Promise<Answer> | undefined;
  /** Parts that could not be loaded (offline, say): their results are missing from this answer. */
  unavailable: number;
  /** The next `count` results and their data, in order (a result whose data failed is `null`). */
  take: (count: number) => Promise<{ found: Found; data: PagefindFragment | null }[]>;
}

/** Parts searched at once. */
const PARALLEL_PARTS = 2;

/**
 * What the archive's entry says: its languages (the one with most articles
 * first), their parts, and their words in other scripts than their own.
 */
interface Known {
  languages: string[];
  parts: EntryParts;
  foreign: EntryForeign;
}

/** The languages and parts of the archive's index, from its entry file. */
async function readEntry(base: string): Promise<Known> {
  const response = await fetch(`${base}${SEARCH_DIR}/pagefind-entry.json`);
  if (!response.ok) throw new Error(`pagefind-entry.json: ${response.status}`);
  const entry = (await response.json()) as {
    languages?: Record<string, unknown>;
    [ENTRY_PARTS]?: EntryParts;
    [ENTRY_FOREIGN]?: EntryForeign;
  };
  const parts = entry[ENTRY_PARTS] ?? {};
  const articles = (language: string): number =>
    (parts[language] ?? []).reduce((sum, [, pages]) => sum + pages, 0);
  // Most articles first; of equals, the page's own language (the archive's), then by name.
  const own = document.documentElement.lang.toLowerCase();
  const rank = (language: string): number => (language === own ? 0 : 1);
  const languages = Object.keys(entry.languages ?? {}).sort(
    (a, b) => articles(b) - articles(a) || rank(a) - rank(b) || a.localeCompare(b),
  );
  return { languages, parts, foreign: entry[ENTRY_FOREIGN] ?? {} };
}

/** A result's data, loaded once. */
function dataOf(
  cache: Map<PagefindResult, Promise<PagefindFragment | null>>,
  result: PagefindResult,
): Promise<PagefindFragment | null> {
  let data = cache.get(result);
  if (!data) {
    data = result.data().catch(() => null);
    cache.set(result, data);
  }
  return data;
}

/**
 * The lists of several languages as one, in date order: each list is in
 * date order already, so the next result is the earliest (or latest) of the
 * lists' heads; a head's date comes from its data, loaded when it is a head.
 */
function byDate(
  lists: Found[][],
  order: "newest" | "oldest",
  cache: Map<PagefindResult, Promise<PagefindFragment | null>>,
) {
  const next = lists.map(() => 0);
  const dateOf = async (found: Found): Promise<string> =>
    (await dataOf(cache, found.result))?.meta.date ?? "";
  return async (): Promise<Found | undefined> => {
    let best = -1;
    let bestDate = "";
    for (const [i, list] of lists.entries()) {
      const head = list[next[i] ?? 0];
      if (!head) continue;
      const date = await dateOf(head);
      const better = order === "newest" ? date > bestDate : date < bestDate;
      if (best === -1 || better) [best, bestDate] = [i, date];
    }
    if (best === -1) return undefined;
    const found = lists[best]?.[next[best] ?? 0];
    next[best] = (next[best] ?? 0) + 1;
    return found;
  };
}

/** An answer from each language's results, in order. */
function answerOf(
  lists: Found[][],
  order: Order,
  remaining: number,
  complete: Promise<Answer> | undefined,
  unavailable: number,
): Answer {
  const cache = new Map<PagefindResult, Promise<PagefindFragment | null>>();
  let pull: () => Promise<Found | undefined>;
  if (order === "relevance" || lists.length <= 1) {
    const all = lists.flat();
    if (order === "relevance") all.sort((a, b) => (b.result.score ?? 0) - (a.result.score ?? 0));
    let at = 0;
    pull = () => Promise.resolve(all[at++]);
  } else {
    pull = byDate(lists, order, cache);
  }
  return {
    total: lists.reduce((sum, list) => sum + list.length, 0),
    remaining,
    complete,
    unavailable,
    take: async (count) => {
      const taken: Found[] = [];
      while (taken.length < count) {
        const found = await pull();
        if (!found) break;
        taken.push(found);
      }
      return Promise.all(
        taken.map(async (found) => ({ found, data: await dataOf(cache, found.result) })),
      );
    },
  };
}

/** One language's parts named by its directory, in search order, and their results as they come. */
interface LanguageSearch {
  language: string;
  parts: PartEntry[];
  /** Each part's results, once it has answered. */
  results: (Found[] | undefined)[];
}

/**
 * A language's results in the parts that answered before the first that has
 * not, how many parts those are, and whether they are all.
 */
function answeredPrefix(search: LanguageSearch): { found: Found[]; parts: number; all: boolean } {
  const found: Found[] = [];
  let parts = 0;
  for (; parts < search.parts.length; parts++) {
    const results = search.results[parts];
    if (!results) break;
    found.push(...results);
  }
  return { found, parts, all: parts === search.parts.length };
}

/** The archive's search, for a site under `base`, with Pagefind's `options` for every language and part. */
export class ArchiveSearch {
  private readonly base: string;
  private readonly options: Record<string, unknown>;
  private entry: Promise<Known> | undefined;
  private readonly modules = new Map<string, Promise<PagefindApi>>();
  private readonly directories = new Map<string, Promise<PagefindApi>>();
  private readonly parts = new Map<string, Promise<PagefindInstance>>();

  constructor(base: string, options: Record<string, unknown>) {
    this.base = base;
    this.options = options;
  }

  /** The languages and parts the archive has, loaded once. */
  private known(): Promise<Known> {
    this.entry ??= readEntry(this.base).catch((error: unknown) => {
      this.entry = undefined;
      throw error;
    });
    return this.entry;
  }

  /**
   * Runs `start` with `<html lang>` naming `language`: Pagefind 1.6 takes the
   * language an index loads from the attribute as it starts (no option sets
   * it), so it names that language for that one synchronous call and is put
   * back before anything can render.
   */
  private inLanguage<T>(language: string, start: () => T): T {
    const html = document.documentElement;
    const pageLanguage = html.getAttribute("lang");
    html.setAttribute("lang", language);
    try {
      return start();
    } finally {
      if (pageLanguage === null) html.removeAttribute("lang");
      else html.setAttribute("lang", pageLanguage);
    }
  }

  /** The copy of Pagefind's code that searches `language`. */
  private code(language: string): Promise<PagefindApi> {
    let loaded = this.modules.get(language);
    if (!loaded) {
      loaded = (async () => {
        // The largest language takes the code at its own address, the one the page preloads.
        const [largest] = (await this.known()).languages;
        const query =
          language === largest ? "" : `?${SEARCH_CODE_LANGUAGE}=${encodeURIComponent(language)}`;
        return (await import(
          /* @vite-ignore */ `${this.base}${SEARCH_CODE}${query}`
        )) as PagefindApi;
      })();
      loaded.catch(() => this.modules.delete(language));
      this.modules.set(language, loaded);
    }
    return loaded;
  }

  /** The copy of Pagefind's code that searches `language`, its directory loaded. */
  private directory(language: string): Promise<PagefindApi> {
    let loaded = this.directories.get(language);
    if (!loaded) {
      loaded = (async () => {
        const api = await this.code(language);
        await api.options(this.options);
        await this.inLanguage(language, () => api.init());
        return api;
      })();
      loaded.catch(() => this.directories.delete(language));
      this.directories.set(language, loaded);
    }
    return loaded;
  }

  /** The Pagefind instance of one part, in its language's copy of the code (and so its WebAssembly). */
  private part(language: string, folder: string): Promise<PagefindInstance> {
    const key = `${language}/${folder}`;
    let loaded = this.parts.get(key);
    if (!loaded) {
      loaded = (async () => {
        const api = await this.code(language);
        const basePath = partBasePath(this.base, folder);
        // Pagefind loads an instance's files without waiting to be asked, and a failure
        // there is a rejection nobody can catch: a part it cannot have (offline) is found
        // out first, with its small entry file, and left out of the answer, which says so.
        // Its page table is asked for beside it: Pagefind asks for both again, and both
        // come from the cache then (their folder's name carries their hash).
        void fetch(`${basePath}${partMetaFile(language, folder)}`).catch(() => undefined);
        const entryUrl = `${basePath}pagefind-entry.json?ts=${encodeURIComponent(folder)}`;
        const entry = await fetch(entryUrl);
        if (!entry.ok) throw new Error(`${entryUrl}: ${entry.status}`);
        const instance = this.inLanguage(language, () =>
          api.createInstance({ ...this.options, basePath, metaCacheTag: folder }),
        );
        await instance.init();
        return instance;
      })();
      loaded.catch(() => this.parts.delete(key));
      this.parts.set(key, loaded);
    }
    return loaded;
  }

  /**
   * Searches one part; a part that fails (its files could not be had) is
   * forgotten, so that the next search loads it again.
   */
  private async searchPart(
    language: string,
    folder: string,
    query: string,
    options: Record<string, unknown>,
  ): Promise<Found[]> {
    try {
      const found = await (await this.part(language, folder)).search(query, options);
      return found.results.map((result): Found => ({ language, result }));
    } catch (error) {
      this.parts.delete(`${language}/${folder}`);
      throw error;
    }
  }

  /**
   * Starts loading what a search in the archive's largest language needs,
   * before the reader's first word: its one part, when it has only one, or
   * else its directory.
   */
  async warm(): Promise<void> {
    const { languages, parts } = await this.known();
    const [first] = languages;
    if (!first) return;
    const [only, ...others] = parts[first] ?? [];
    if (only && others.length === 0) await this.part(first, only[0]);
    else await this.directory(first);
  }

  /** The parts of `language` its directory names for `query` and the filters in `options`, in search order. */
  private async partsFor(
    language: string,
    query: string,
    options: Record<string, unknown>,
    order: Order,
  ): Promise<PartEntry[]> {
    const { parts } = await this.known();
    const all = parts[language] ?? [];
    // A language of one part: its directory could name only that part, so the
    // part is searched at once (its own search applies the words and filters).
    if (all.length === 1) return all;
    const directory = await this.directory(language);
    // Quotation marks ask for a phrase: the directory holds words, not their places.
    const named = await directory.search(query.replace(/"/g, " "), {
      filters: options.filters ?? {},
    });
    const folders = new Set(named.results.map((result) => result.id));
    return partsInSearchOrder(
      all.filter(([folder]) => folders.has(folder)),
      order,
    );
  }

  /**
   * Searches `query` in the languages its scripts are written in, and those
   * whose index may hold its words (src/archive/search/languages.ts); resolves
   * with the first answer (see the module's comment). `pageSize` results in
   * each language make a first answer; `signal` stops searching more parts.
   */
  async search(
    query: string,
    options: Record<string, unknown>,
    order: Order,
    { pageSize, signal }: { pageSize: number; signal?: AbortSignal },
  ): Promise<Answer> {
    const known = await this.known();
    const languages = languagesFor(query, known.languages, known.foreign);
    const searches: LanguageSearch[] = await Promise.all(
      languages.map(async (language) => ({
        language,
        parts: await this.partsFor(language, query, options, order),
        results: [],
      })),
    );
    const whole = searchedWhole(query);
    // The parts to search, each language's in order, taken in turns across languages.
    const queue: { search: LanguageSearch; index: number }[] = [];
    const longest = Math.max(0, ...searches.map((s) => s.parts.length));
    for (let index = 0; index < longest; index++) {
      for (const search of searches) if (index < search.parts.length) queue.push({ search, index });
    }
    /** Whether a language's parts answered so far, in order, hold a page of results (or are all). */
    const hasPage = (s: LanguageSearch): boolean => {
      const { found, all } = answeredPrefix(s);
      return all || found.length >= pageSize;
    };
    const firstReady = (): boolean => searches.every(hasPage);
    const remainingParts = (): number =>
      searches.reduce((sum, s) => sum + s.parts.length - answeredPrefix(s).parts, 0);

    return new Promise<Answer>((resolveFirst, rejectFirst) => {
      let first = false;
      let resolveComplete: (answer: Answer) => void = () => undefined;
      let rejectComplete: (error: unknown) => void = () => undefined;
      const complete = new Promise<Answer>((resolve, reject) => {
        resolveComplete = resolve;
        rejectComplete = reject;
      });
      complete.catch(() => undefined);
      let running = 0;
      let failed = false;
      let unavailable = 0;
      const lists = (): Found[][] => searches.map((s) => answeredPrefix(s).found);
      const settle = (): void => {
        if (failed) return;
        const done = queue.length === 0 && running === 0;
        if (!first && (done || firstReady())) {
          first = true;
          const more = remainingParts();
          const goesOn = more > 0 && whole;
          resolveFirst(answerOf(lists(), order, more, goesOn ? complete : undefined, unavailable));
        }
        if (done && first) resolveComplete(answerOf(lists(), order, 0, undefined, unavailable));
      };
      const fail = (error: unknown): void => {
        failed = true;
        if (!first) rejectFirst(error);
        rejectComplete(error);
      };
      const next = (): void => {
        while (running < PARALLEL_PARTS && queue.length > 0 && !failed) {
          if (signal?.aborted || (!whole && first)) {
            queue.length = 0;
            break;
          }
          const task = queue.shift();
          if (!task) break;
          // A short query is searched only to its first answer: a language that has its page
          // searches no further while another language's parts are still loading.
          if (!whole && hasPage(task.search)) continue;
          running++;
          const { search, index } = task;
          const [folder = ""] = search.parts[index] ?? [];
          void this.searchPart(search.language, folder, query, options)
            .catch((error: unknown) => {
              // Offline, say: the answer goes on without this part, and says so.
              console.warn(`Search could not load part ${folder}`, error);
              unavailable++;
              return [];
            })
            .then((found) => {
              search.results[index] = found;
              running--;
              settle();
              next();
            }, fail);
        }
        settle();
      };
      next();
    });
  }
}
