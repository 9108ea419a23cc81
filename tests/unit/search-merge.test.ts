/**
 * The merged search index against Pagefind's own: the same pages indexed by
 * one Pagefind process and in shards of two, merged, must read alike (every
 * word's pages and locations, chunk edges, filters, sorts, fragments), in
 * each language. Fragment names that clash between shards are renamed, and
 * another Pagefind version's files are refused.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { decode, encode } from "cborg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_DIR } from "../../src/archive/site.ts";
import {
  hasSearchBody,
  indexedWords,
  openSearchIndex,
  sortValuesOf,
  type SearchIndexOptions,
} from "../../src/node/search-index.ts";
import { mergeSearchIndexes, PAGEFIND_FORMAT } from "../../src/node/search-merge.ts";

const SIGNATURE = "pagefind_dcd";

/** Syllables of English pages, and of French ones (some with diacritics, which Pagefind indexes as spellings of a folded word). */
const SYLLABLES = {
  en: ["ka", "lo", "mi", "ner", "sto", "vu", "tra", "el", "zin", "op"],
  fr: ["ká", "lo", "mï", "nèr", "sto", "vû", "trà", "el", "zin", "ôp"],
};

/** A deterministic stream of words from a small vocabulary, some far more common than others. */
function words(seed: number, count: number, language: "en" | "fr" = "en"): string {
  const syllables = SYLLABLES[language];
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const n = Math.floor((state / 2147483648) ** 3 * 600);
    const syllable = (k: number): string => syllables[k % 10] ?? "";
    out.push(
      syllable(n) + syllable(Math.floor(n / 10)) + (n >= 100 ? syllable(Math.floor(n / 100)) : ""),
    );
  }
  return out.join(" ");
}

interface TestPage {
  path: string;
  html: string;
}

/**
 * Nine article pages in two languages, with filters, a sort and metadata;
 * words enough for several chunks in each language, French ones with
 * diacritics; one page with a metadata field no other has.
 */
const PAGES: TestPage[] = Array.from({ length: 9 }, (_, i) => {
  const lang = i % 3 === 2 ? "fr" : "en";
  const date = `20${10 + ((i * 7) % 9)}-0${1 + (i % 9)}-1${i}T0${i}:00`;
  const outlet = i % 2 === 0 ? "Tribune &amp; Post" : "Courier";
  const byline = i === 4 ? ` data-pagefind-meta="byline:Zoë Kálmán"` : "";
  return {
    // Pagefind records a URL percent-encoded: the French pages' paths are not ASCII.
    path: `articles/${lang === "fr" ? "été" : "page"}-${i}/index.html`,
    html:
      `<!doctype html><html lang="${lang}"><head><title>Page ${i}</title></head><body>` +
      `<main data-pagefind-body data-pagefind-filter="outlet:${outlet}" data-pagefind-sort="date:${date}" data-pagefind-meta="date:${date}">` +
      `<h1 id="h"${byline}>Headline ${words(i + 100, 6, lang)}</h1><p id="p1">${words(i + 1, lang === "fr" ? 8000 : 4000, lang)}</p>` +
      `<h2 id="s">Section</h2><p id="p2">${words(i + 50, 40, lang)} marker${i}</p>` +
      `<a class="permalink" href="#p2">¶</a></main></body></html>`,
  };
});

/** Indexes `pages` into <dir>/pagefind with the limits of a Pagefind process given; returns the folder and the parts. */
async function buildParts(
  dir: string,
  pages: readonly TestPage[],
  limits: SearchIndexOptions,
): Promise<{ folder: string; parts: number }> {
  const index = await openSearchIndex(dir, limits);
  for (const { path, html } of pages) await index.add(path, html);
  const parts = await index.write(pages.length);
  return { folder: join(dir, SEARCH_DIR), parts };
}

/** Indexes `pages` into <dir>/pagefind with at most `perShard` pages a Pagefind process. */
const build = async (dir: string, pages: readonly TestPage[], perShard: number): Promise<string> =>
  (await buildParts(dir, pages, { pagesPerShard: perShard })).folder;

const readData = async (path: string): Promise<unknown> => {
  const bytes = gunzipSync(await readFile(path)).subarray(SIGNATURE.length);
  return path.endsWith(".pf_fragment") ? JSON.parse(bytes.toString("utf8")) : decode(bytes);
};

type PageWord = [number, ...number[][]];
type Meta = [
  string,
  [string, number, ...unknown[]][],
  [string, string, string][],
  [string, string][],
  [string, number[]][],
  string[],
];

/** What an index says, with page numbers and file names replaced by the pages' URLs. */
async function readIndex(dir: string): Promise<Record<string, unknown>> {
  const entry = JSON.parse(await readFile(join(dir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { hash: string; page_count: number }>;
  };
  const languages: Record<string, unknown> = {};
  for (const [language, { hash, page_count }] of Object.entries(entry.languages)) {
    const meta = (await readData(join(dir, `pagefind.${hash}.pf_meta`))) as Meta;
    const fragments = await Promise.all(
      meta[1].map(
        async ([name]) =>
          (await readData(join(dir, "fragment", `${name}.pf_fragment`))) as { url: string },
      ),
    );
    const url = (page: number): string => fragments[page]?.url ?? `page ${page}`;
    const chunks = [];
    const wordsByChunk = [];
    for (const [from, to, chunkHash] of meta[2]) {
      const [list] = (await readData(join(dir, "index", `${chunkHash}.pf_index`))) as [
        [string, PageWord[], [string, PageWord[]][]][],
      ];
      chunks.push([from, to, list.length]);
      // A list of pages is in order, each numbered by its step from the one before;
      // the pages' numbers differ from index to index, so they are compared by URL.
      const byUrl = (pages: PageWord[]): unknown[] => {
        let page = 0;
        return pages.map(([step, ...locs]) => [url((page += step)), ...locs]).sort();
      };
      wordsByChunk.push(
        list.map(([word, pages, variants]) => [
          word,
          byUrl(pages),
          variants.map(([variant, variantPages]) => [variant, byUrl(variantPages)]).sort(),
        ]),
      );
    }
    const filters: Record<string, unknown> = {};
    for (const [name, filterHash] of meta[3]) {
      const [, values] = (await readData(join(dir, "filter", `${filterHash}.pf_filter`))) as [
        string,
        [string, number[]][],
      ];
      filters[name] = Object.fromEntries(
        values.map(([value, pages]) => [value, pages.map(url).sort()]),
      );
    }
    languages[language] = {
      page_count,
      pages: Object.fromEntries(meta[1].map(([, ...rest], page) => [url(page), rest])),
      fragments: Object.fromEntries(fragments.map((f) => [f.url, f])),
      chunks,
      words: wordsByChunk,
      filters,
      sorts: Object.fromEntries(meta[4].map(([key, pages]) => [key, pages.map(url)])),
      metaFields: meta[5],
    };
  }
  return languages;
}

let dir: string;
let whole: string;
let merged: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "archive-search-merge-"));
  // One after the other: Pagefind's Node API runs one process at a time.
  whole = await build(join(dir, "whole"), PAGES, 100);
  merged = await build(join(dir, "shards"), PAGES, 2);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the search index built in shards", () => {
  it("reads exactly as the index one Pagefind process writes, in every language", async () => {
    const [expected, actual] = await Promise.all([readIndex(whole), readIndex(merged)]);
    expect(Object.keys(expected).sort()).toEqual(["en", "fr"]);
    const en = expected["en"] as {
      chunks: unknown[];
      sorts: Record<string, string[]>;
      metaFields: string[];
    };
    expect(en.chunks.length).toBeGreaterThan(1);
    // Only one part's pages have a byline: the others' metadata fields are numbered otherwise.
    expect(en.metaFields).toEqual(["byline", "date", "title"]);
    expect(en.sorts["date"]).toHaveLength(6);
    const fr = expected["fr"] as { chunks: unknown[]; words: [string, unknown[], unknown[]][][] };
    expect(fr.chunks.length).toBeGreaterThan(1);
    expect(fr.words.flat().some(([, , variants]) => variants.length > 0)).toBe(true);
    expect(actual).toEqual(expected);
  });

  it("starts a new part when the next page's words would pass the limit, and reads the same", async () => {
    // The English pages hold about 4,100 words, the French ones (every third) about 8,100:
    // two English pages fit in 9,000, a French one does not fit beside any.
    const { folder, parts } = await buildParts(join(dir, "by-words"), PAGES, {
      wordsPerShard: 9_000,
    });
    expect(parts).toBe(6);
    expect(await readIndex(folder)).toEqual(await readIndex(whole));
  });

  it("leaves no shard behind, and only the files the archive loads", async () => {
    expect(await readdir(join(dir, "shards"))).toEqual([SEARCH_DIR]);
    const names = await readdir(merged);
    expect(names).toContain("pagefind.js");
    expect(names.filter((n) => n.startsWith("wasm."))).toEqual([
      "wasm.en.pagefind",
      "wasm.fr.pagefind",
    ]);
    expect(names).not.toContain("pagefind-ui.js");
  });

  it("renames a fragment whose name another shard already gave to other bytes", async () => {
    const base = join(dir, "clash");
    const one = join(base, "one");
    const two = join(base, "two");
    await build(one, PAGES.slice(0, 2), 100);
    await cp(join(one, SEARCH_DIR), join(two, SEARCH_DIR), { recursive: true });
    // The second shard's pages under other URLs: same fragment names, other bytes.
    for (const name of await readdir(join(two, SEARCH_DIR, "fragment"))) {
      const path = join(two, SEARCH_DIR, "fragment", name);
      const fragment = (await readData(path)) as { url: string };
      fragment.url = fragment.url.replace("page-", "copy-");
      await writeFile(path, gzipSync(Buffer.from(SIGNATURE + JSON.stringify(fragment))));
    }
    const sortValues = new Map(
      ["page", "copy"].flatMap((kind) =>
        PAGES.slice(0, 2).map(
          (p) =>
            [
              `/${p.path.replace("page-", `${kind}-`).replace("index.html", "")}`,
              sortValuesOf(p.path, p.html),
            ] as const,
        ),
      ),
    );
    const out = join(base, "merged");
    await mergeSearchIndexes([join(one, SEARCH_DIR), join(two, SEARCH_DIR)], out, sortValues);
    const en = (await readIndex(out))["en"] as {
      pages: Record<string, unknown>;
      sorts: Record<string, string[]>;
    };
    expect(Object.keys(en.pages).sort()).toEqual([
      "/articles/copy-0/",
      "/articles/copy-1/",
      "/articles/page-0/",
      "/articles/page-1/",
    ]);
    expect(await readdir(join(out, "fragment"))).toHaveLength(4);
    expect(en.sorts["date"]).toHaveLength(4);
  });

  it("refuses the files of another Pagefind version, naming them", async () => {
    const shard = join(dir, "old", SEARCH_DIR);
    await build(join(dir, "old"), PAGES.slice(0, 1), 100);
    const entry = JSON.parse(await readFile(join(shard, "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { hash: string }>;
    };
    const metaPath = join(shard, `pagefind.${entry.languages["en"]?.hash ?? ""}.pf_meta`);
    const meta = (await readData(metaPath)) as unknown[];
    meta[0] = "0.9.0";
    await writeFile(metaPath, gzipSync(Buffer.concat([Buffer.from(SIGNATURE), encode(meta)])));
    await expect(mergeSearchIndexes([shard], join(dir, "old-merged"), new Map())).rejects.toThrow(
      new RegExp(
        `pf_meta: not the search metadata of Pagefind ${PAGEFIND_FORMAT.replaceAll(".", "\\.")}`,
      ),
    );
  });
});

describe("a page's sort values", () => {
  it("are read from its data-pagefind-sort attributes, entities undone", () => {
    expect(
      sortValuesOf(
        "a.html",
        `<main data-pagefind-sort="date:2020-05-24T07:18" data-pagefind-sort="outlet:A &amp; B">`,
      ),
    ).toEqual({
      date: "2020-05-24T07:18",
      outlet: "A & B",
    });
  });

  it("must be given as key:value, or the page is named", () => {
    expect(() =>
      sortValuesOf("articles/x/index.html", `<p data-pagefind-sort="date">1 May</p>`),
    ).toThrow(/articles\/x\/index\.html: data-pagefind-sort="date" gives no value/);
  });

  it("are read from the page's tags only, never from an article that quotes one", () => {
    // A capture's text reaches the page with "<" escaped and quotes as they are.
    const quoted = `<main data-pagefind-sort="date:2020-05-24T07:18"><p>The form said data-pagefind-sort="date" and data-pagefind-sort="date:2099-01-01" &lt;b data-pagefind-body&gt;</p></main>`;
    expect(sortValuesOf("a.html", quoted)).toEqual({ date: "2020-05-24T07:18" });
    expect(hasSearchBody(quoted)).toBe(false);
    expect(hasSearchBody(`<article class="a" data-pagefind-body>`)).toBe(true);
    expect(hasSearchBody(`<article data-pagefind-body="">`)).toBe(true);
  });

  it("are counted in words, each Chinese, Japanese or Korean character as one, in the indexed region only", () => {
    expect(indexedWords(`<h1 id="t">Hello, <b>world</b></h1><p>東京都 is big.</p>`)).toBe(7);
  });

  it("are one a key: two values for one key stop the build, naming the page", () => {
    expect(() =>
      sortValuesOf(
        "b.html",
        `<main data-pagefind-sort="date:2020"><p data-pagefind-sort="date:2021">`,
      ),
    ).toThrow(/b\.html: data-pagefind-sort gives "date" two values \("2020" and "2021"\)/);
  });
});
