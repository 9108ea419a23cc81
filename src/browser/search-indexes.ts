/**
 * The archive's search indexes in the browser: one Pagefind a language, each
 * loaded on first use from its own copy of the search code, so each runs its
 * own WebAssembly and processes a query with its own language's rules
 * (Pagefind keeps one stemmer per copy of its module, and merged indexes use
 * the first one's). A query goes only to the languages written in its
 * scripts (src/archive/search/languages.ts).
 *
 * Results from several languages form one list. By relevance they are ordered
 * by Pagefind's scores as they are (each index weights words by its own
 * counts, so scores of two languages compare only roughly, as Pagefind's own
 * merged indexes do); newest or oldest first, each language's list comes in
 * date order from Pagefind and the lists are merged by each result's date,
 * loading a result's data only when it is next in line. Counts add up
 * across languages.
 */
import { languagesFor } from "../archive/search/languages.ts";
import { SEARCH_CODE, SEARCH_CODE_LANGUAGE } from "../archive/search/search-files.ts";
import { SEARCH_DIR } from "../archive/site.ts";
import type { PagefindApi, PagefindFragment, PagefindResult } from "./pagefind";

/** One result, with the language of the index it came from. */
export interface Found {
  language: string;
  result: PagefindResult;
}

/** One search's answer across the languages it was routed to. */
export interface Answer {
  /** Every result, in order: `take` draws them a page at a time. */
  total: number;
  /** Results before filters narrowed them. */
  unfiltered: number;
  /** The next `count` results and their data, in order (a result whose data failed is `null`). */
  take: (count: number) => Promise<{ found: Found; data: PagefindFragment | null }[]>;
}

/** How results are ordered. */
export type Order = "relevance" | "newest" | "oldest";

/** The languages the archive's index holds, from Pagefind's entry file: the one with most pages first. */
async function indexLanguages(base: string): Promise<string[]> {
  const response = await fetch(`${base}${SEARCH_DIR}/pagefind-entry.json`);
  if (!response.ok) throw new Error(`pagefind-entry.json: ${response.status}`);
  const entry = (await response.json()) as {
    languages?: Record<string, { page_count?: number }>;
  };
  // Most pages first; of equals, the page's own language (the archive's), then by name.
  const own = document.documentElement.lang.toLowerCase();
  const rank = (language: string): number => (language === own ? 0 : 1);
  return Object.entries(entry.languages ?? {})
    .sort(
      ([a, x], [b, y]) =>
        (y.page_count ?? 0) - (x.page_count ?? 0) || rank(a) - rank(b) || a.localeCompare(b),
    )
    .map(([language]) => language);
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

/** The archive's search, for a site under `base`, with Pagefind's `options` for every language. */
export class ArchiveSearch {
  private readonly base: string;
  private readonly options: Record<string, unknown>;
  private languages: Promise<string[]> | undefined;
  private readonly instances = new Map<string, Promise<PagefindApi>>();

  constructor(base: string, options: Record<string, unknown>) {
    this.base = base;
    this.options = options;
  }

  /** The languages the archive has, loaded once. */
  private known(): Promise<string[]> {
    this.languages ??= indexLanguages(this.base).catch((error: unknown) => {
      this.languages = undefined;
      throw error;
    });
    return this.languages;
  }

  /**
   * The Pagefind that searches `language`: a copy of the search code of its
   * own. Pagefind 1.6 takes the language an instance loads from `<html lang>`
   * as it starts (no option sets it), so the attribute names that language for
   * that one synchronous call and is put back before anything can render.
   */
  private instance(language: string): Promise<PagefindApi> {
    let loaded = this.instances.get(language);
    if (!loaded) {
      loaded = (async () => {
        // The largest language takes the code at its own address, the one the page preloads.
        const [largest] = await this.known();
        const query =
          language === largest ? "" : `?${SEARCH_CODE_LANGUAGE}=${encodeURIComponent(language)}`;
        const url = `${this.base}${SEARCH_CODE}${query}`;
        const api = (await import(/* @vite-ignore */ url)) as PagefindApi;
        await api.options(this.options);
        const html = document.documentElement;
        const pageLanguage = html.getAttribute("lang");
        html.setAttribute("lang", language);
        let started: Promise<void>;
        try {
          started = api.init();
        } finally {
          if (pageLanguage === null) html.removeAttribute("lang");
          else html.setAttribute("lang", pageLanguage);
        }
        await started;
        return api;
      })();
      loaded.catch(() => this.instances.delete(language));
      this.instances.set(language, loaded);
    }
    return loaded;
  }

  /** Starts loading what a search in the archive's largest language needs, before the reader's first word. */
  async warm(): Promise<void> {
    const [first] = await this.known();
    if (first) await this.instance(first);
  }

  /** Searches `query` in the languages its scripts are written in. */
  async search(query: string, options: Record<string, unknown>, order: Order): Promise<Answer> {
    const languages = languagesFor(query, await this.known());
    const searches = await Promise.all(
      languages.map(async (language) => {
        const found = await (await this.instance(language)).search(query, options);
        return { language, found };
      }),
    );
    const lists = searches.map(({ language, found }) =>
      found.results.map((result): Found => ({ language, result })),
    );
    const cache = new Map<PagefindResult, Promise<PagefindFragment | null>>();
    const total = lists.reduce((sum, list) => sum + list.length, 0);
    const unfiltered = searches.reduce((sum, s) => sum + s.found.unfilteredResultCount, 0);
    let pull: () => Promise<Found | undefined>;
    if (lists.length === 1 || order === "relevance") {
      const all = lists.flat();
      if (lists.length > 1) all.sort((a, b) => (b.result.score ?? 0) - (a.result.score ?? 0));
      let at = 0;
      pull = () => Promise.resolve(all[at++]);
    } else {
      pull = byDate(lists, order, cache);
    }
    return {
      total,
      unfiltered,
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
}
