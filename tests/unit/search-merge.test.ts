/**
 * The published search index against Pagefind's own: the same pages indexed
 * by one Pagefind process, and in shards of two written as parts of two
 * pages, must read alike across the parts (every word's pages and locations,
 * its spellings, filters, sorts, fragments, metadata fields), in each
 * language; the directory must name exactly the parts that hold each word and
 * filter value; chunks keep their limit but for a word alone. Fragment names
 * that clash within a part are renamed, and another Pagefind version's files
 * are refused.
 */
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { decode, encode } from "cborg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_DIR } from "../../src/archive/site.ts";
import * as pagefind from "pagefind";
import {
  ENTRY_PARTS,
  PARTS_DIR,
  type EntryParts,
  type PartEntry,
} from "../../src/archive/search/search-parts.ts";
import {
  hasSearchBody,
  indexedWords,
  openSearchIndex,
  sortValuesOf,
  type SearchIndexOptions,
  type WrittenIndex,
} from "../../src/node/search-index.ts";
import { listFiles } from "../../src/node/files.ts";
import {
  keptWordsFile,
  PAGEFIND_FORMAT,
  partWordsOf,
  writeSearchParts,
} from "../../src/node/search-merge.ts";

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

/** Indexes `pages` into <dir>/pagefind with the limits given; returns the folder and how it was written. */
async function buildIndex(
  dir: string,
  pages: readonly TestPage[],
  limits: SearchIndexOptions,
): Promise<{ folder: string; written: WrittenIndex }> {
  const index = await openSearchIndex(dir, limits);
  for (const { path, html } of pages) await index.add(path, html);
  const written = await index.write(pages.length);
  return { folder: join(dir, SEARCH_DIR), written };
}

/** Indexes `pages` with one Pagefind process and nothing else: the reference, and a shard (Pagefind takes seconds on a busy machine: these tests wait up to 30 s). */
async function pagefindAlone(dir: string, pages: readonly TestPage[]): Promise<string> {
  const { index } = await pagefind.createIndex({ excludeSelectors: [".permalink", ".in-capture"] });
  if (!index) throw new Error("no index");
  for (const { path, html } of pages) await index.addHTMLFile({ sourcePath: path, content: html });
  await index.writeFiles({ outputPath: dir });
  await pagefind.close();
  return dir;
}

/** Each test page's sort values, by URL, as the build gives them. */
const SORT_VALUES = new Map(
  PAGES.map((p) => [`/${p.path.replace("index.html", "")}`, sortValuesOf(p.path, p.html)] as const),
);

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
type Chunk = [string, PageWord[], [string, PageWord[]][]][];

/** One language of one Pagefind bundle, with page numbers replaced by the pages' URLs. */
interface Bundle {
  pages: Record<string, unknown>;
  fragments: Record<string, unknown>;
  /** Each word's pages and locations, and its spellings', by URL. */
  words: Record<string, [unknown[], Record<string, unknown[]>]>;
  /**
   * Each chunk: its edges, its words, its size as a part's chunk limit counts
   * it, and its pages under its words, as the directory's limit counts them.
   */
  chunks: { from: string; to: string; words: string[]; size: number; pages: number }[];
  filters: Record<string, Record<string, string[]>>;
  sorts: Record<string, string[]>;
  metaFields: string[];
}

/** Reads every language of the bundle in `dir`. */
async function readBundle(dir: string): Promise<Record<string, Bundle>> {
  const entry = JSON.parse(await readFile(join(dir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { hash: string }>;
  };
  const languages: Record<string, Bundle> = {};
  for (const [language, { hash }] of Object.entries(entry.languages)) {
    const meta = (await readData(join(dir, `pagefind.${hash}.pf_meta`))) as Meta;
    const fragments = await Promise.all(
      meta[1].map(
        async ([name]) =>
          (await readData(join(dir, "fragment", `${name}.pf_fragment`)).catch(() => ({
            url: name,
          }))) as { url: string },
      ),
    );
    const url = (page: number): string => fragments[page]?.url ?? `page ${page}`;
    // A list of pages is in order, each numbered by its step from the one before.
    const byUrl = (pages: PageWord[]): unknown[] => {
      let page = 0;
      return pages.map(([step, ...locs]) => [url((page += step)), ...locs]);
    };
    const bundle: Bundle = {
      pages: Object.fromEntries(meta[1].map(([, ...rest], page) => [url(page), rest])),
      fragments: Object.fromEntries(fragments.map((f) => [f.url, f])),
      words: {},
      chunks: [],
      filters: {},
      sorts: Object.fromEntries(meta[4].map(([key, pages]) => [key, pages.map(url)])),
      metaFields: meta[5],
    };
    for (const [from, to, chunkHash] of meta[2]) {
      const [list] = (await readData(join(dir, "index", `${chunkHash}.pf_index`))) as [Chunk];
      let size = 0;
      let pageCount = 0;
      for (const [word, pages, variants] of list) {
        pageCount += pages.length;
        bundle.words[word] = [
          byUrl(pages),
          Object.fromEntries(variants.map(([variant, v]) => [variant, byUrl(v)])),
        ];
        size += variants.length;
        for (const l of [pages, ...variants.map(([, v]) => v)]) {
          for (const [, body = [], metadata = []] of l) size += 1 + body.length + metadata.length;
        }
      }
      bundle.chunks.push({ from, to, words: list.map(([word]) => word), size, pages: pageCount });
    }
    for (const [name, filterHash] of meta[3]) {
      const [, values] = (await readData(join(dir, "filter", `${filterHash}.pf_filter`))) as [
        string,
        [string, number[]][],
      ];
      bundle.filters[name] = Object.fromEntries(
        values.map(([value, pages]) => [value, pages.map(url)]),
      );
    }
    languages[language] = bundle;
  }
  return languages;
}

/** A published index: each language's directory, its parts as listed in the entry, and each part read. */
interface Published {
  directory: Record<string, Bundle>;
  parts: Record<string, { entry: PartEntry; bundle: Bundle }[]>;
}

async function readPublished(dir: string): Promise<Published> {
  const entry = JSON.parse(await readFile(join(dir, "pagefind-entry.json"), "utf8")) as Record<
    typeof ENTRY_PARTS,
    EntryParts
  >;
  const parts: Published["parts"] = {};
  for (const [language, list] of Object.entries(entry[ENTRY_PARTS])) {
    parts[language] = [];
    for (const part of list) {
      const bundle = (await readBundle(join(dir, PARTS_DIR, part[0])))[language];
      if (!bundle) throw new Error(`part ${part[0]} has no ${language}`);
      parts[language].push({ entry: part, bundle });
    }
  }
  return { directory: await readBundle(dir), parts };
}

/**
 * A language's parts read as one index, as a reader of all of them sees it:
 * pages, fragments, words and filters joined (lists sorted by URL), sorts one
 * part after the other.
 */
function joined(parts: readonly { bundle: Bundle }[]): Record<string, unknown> {
  const words: Record<string, [unknown[], Record<string, unknown[]>]> = {};
  const filters: Record<string, Record<string, string[]>> = {};
  const sorts: Record<string, string[]> = {};
  for (const { bundle } of parts) {
    for (const [word, [pages, variants]] of Object.entries(bundle.words)) {
      const into = (words[word] ??= [[], {}]);
      into[0].push(...pages);
      for (const [variant, v] of Object.entries(variants)) (into[1][variant] ??= []).push(...v);
    }
    for (const [name, values] of Object.entries(bundle.filters)) {
      for (const [value, pages] of Object.entries(values)) {
        ((filters[name] ??= {})[value] ??= []).push(...pages);
      }
    }
    for (const [key, pages] of Object.entries(bundle.sorts)) (sorts[key] ??= []).push(...pages);
  }
  return {
    pages: Object.assign({}, ...parts.map(({ bundle }) => bundle.pages)) as unknown,
    fragments: Object.assign({}, ...parts.map(({ bundle }) => bundle.fragments)) as unknown,
    words: sortedWords(words),
    filters: sortedFilters(filters),
    sorts,
    metaFields: parts.map(({ bundle }) => bundle.metaFields),
  };
}

const byString = (a: unknown, b: unknown): number => String(a).localeCompare(String(b));
const sortedWords = (words: Bundle["words"]): unknown =>
  Object.fromEntries(
    Object.entries(words).map(([word, [pages, variants]]) => [
      word,
      [
        [...pages].sort(byString),
        Object.fromEntries(
          Object.entries(variants).map(([variant, v]) => [variant, [...v].sort(byString)]),
        ),
      ],
    ]),
  );
const sortedFilters = (filters: Bundle["filters"]): unknown =>
  Object.fromEntries(
    Object.entries(filters).map(([name, values]) => [
      name,
      Object.fromEntries(Object.entries(values).map(([v, pages]) => [v, [...pages].sort()])),
    ]),
  );

/** The reference read as `joined` reads parts: one part of its own. */
const asJoined = (bundle: Bundle, parts: number): Record<string, unknown> => ({
  ...joined([{ bundle }]),
  metaFields: Array.from({ length: parts }, () => bundle.metaFields),
});

let dir: string;
let whole: Record<string, Bundle>;
let published: Published;
let folder: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "archive-search-merge-"));
  // One after the other: Pagefind's Node API runs one process at a time.
  whole = await readBundle(await pagefindAlone(join(dir, "whole"), PAGES));
  folder = (await buildIndex(join(dir, "shards"), PAGES, { pagesPerShard: 2, partPages: 2 }))
    .folder;
  published = await readPublished(folder);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each test runs Pagefind over a few hundred pages: up to 4 s beside the browser tests.
describe("the search index in parts", { timeout: 30_000 }, () => {
  it("reads, across its parts, exactly as the index one Pagefind process writes, in every language", () => {
    expect(Object.keys(whole).sort()).toEqual(["en", "fr"]);
    expect(Object.keys(published.parts).sort()).toEqual(["en", "fr"]);
    // Only one page has a byline: every part lists every field, numbered alike.
    expect(whole["en"]?.metaFields).toEqual(["byline", "date", "title"]);
    expect(Object.values(whole["fr"]?.words ?? {}).some(([, v]) => Object.keys(v).length > 0)).toBe(
      true,
    );
    for (const language of ["en", "fr"]) {
      const parts = published.parts[language] ?? [];
      expect(parts.length).toBeGreaterThan(1);
      const reference = whole[language];
      if (!reference) throw new Error(language);
      expect(joined(parts)).toEqual(asJoined(reference, parts.length));
    }
  });

  it("cuts each language's pages in date order, at each year, into parts of at most the part size", () => {
    for (const parts of Object.values(published.parts)) {
      const dates = parts.map(({ entry: [, pages, from, to] }) => ({ pages, from, to }));
      for (const [i, { pages, from, to }] of dates.entries()) {
        expect(pages).toBeGreaterThan(0);
        expect(pages).toBeLessThanOrEqual(2);
        expect(from.slice(0, 4)).toBe(to.slice(0, 4));
        expect(from <= to).toBe(true);
        const before = dates[i - 1];
        if (before) expect(before.to <= from).toBe(true);
      }
    }
    // The entry's dates are the part's own pages' dates.
    const [first] = published.parts["en"] ?? [];
    expect(first?.bundle.sorts["date"]?.length).toBe(first?.entry[1]);
  });

  it("names in its directory exactly the parts that hold each word and each filter value", () => {
    for (const [language, parts] of Object.entries(published.parts)) {
      const directory = published.directory[language];
      if (!directory) throw new Error(language);
      const holding: Record<string, string[]> = {};
      for (const { entry, bundle } of parts) {
        for (const word of Object.keys(bundle.words)) (holding[word] ??= []).push(entry[0]);
      }
      const named = Object.fromEntries(
        Object.entries(directory.words).map(([word, [pages, variants]]) => {
          expect(variants).toEqual({});
          return [word, pages.map((p) => (p as [string])[0])];
        }),
      );
      expect(named).toEqual(holding);
      const byFilter: Record<string, Record<string, string[]>> = {};
      for (const { entry, bundle } of parts) {
        for (const [name, values] of Object.entries(bundle.filters)) {
          for (const value of Object.keys(values)) {
            ((byFilter[name] ??= {})[value] ??= []).push(entry[0]);
          }
        }
      }
      expect(directory.filters).toEqual(byFilter);
      // The directory's pages are the parts, and no more: it has no fragments to load.
      expect(Object.keys(directory.pages)).toEqual(parts.map(({ entry }) => entry[0]));
    }
  });

  it("gives a word past a chunk's limit a chunk of its own, and keeps every other chunk within it", async () => {
    const shard = await pagefindAlone(join(dir, "chunks-shard"), PAGES);
    const out = join(dir, "chunks");
    await writeSearchParts([shard], out, SORT_VALUES, {
      partPages: 100,
      chunkSize: 400,
      directoryChunkSize: 3,
    });
    const { parts, directory } = await readPublished(out);
    const partChunks = Object.values(parts).flatMap((list) =>
      list.flatMap(({ bundle }) => bundle.chunks),
    );
    const directoryChunks = Object.values(directory).flatMap((bundle) => bundle.chunks);
    const alone = [
      ...partChunks.filter((c) => c.size > 400),
      ...directoryChunks.filter((c) => c.pages > 3),
    ];
    expect(alone.length).toBeGreaterThan(0);
    for (const chunk of alone) expect(chunk.words).toHaveLength(1);
    const chunks = [...partChunks, ...directoryChunks];
    // Its edges are prefixes of its first and last words, as Pagefind names them.
    for (const { from, to, words } of chunks) {
      expect(words[0]?.startsWith(from)).toBe(true);
      expect(words.at(-1)?.startsWith(to)).toBe(true);
    }
    const en = parts["en"] ?? [];
    expect(joined(en)).toEqual(asJoined(whole["en"] as Bundle, en.length));
  }, 30_000);

  it("writes the same index from shards bounded by words", async () => {
    // The English pages hold about 4,100 words, the French ones (every third) about 8,100:
    // two English pages fit in 9,000, a French one does not fit beside any.
    const { folder: byWords, written } = await buildIndex(join(dir, "by-words"), PAGES, {
      wordsPerShard: 9_000,
      partPages: 2,
    });
    expect(written.shards).toBe(6);
    const again = await readPublished(byWords);
    for (const language of ["en", "fr"]) {
      expect(joined(again.parts[language] ?? [])).toEqual(joined(published.parts[language] ?? []));
    }
  }, 30_000);

  it("leaves no shard behind, and only the files the archive loads, one WebAssembly a language", async () => {
    expect(await readdir(join(dir, "shards"))).toEqual([SEARCH_DIR]);
    const names = await readdir(folder);
    expect(names).toContain("pagefind.js");
    expect(names.filter((n) => n.startsWith("wasm."))).toEqual([
      "wasm.en.pagefind",
      "wasm.fr.pagefind",
    ]);
    expect(names).not.toContain("pagefind-ui.js");
    expect(names).not.toContain("fragment");
    // Each part's entry leads Pagefind to its language's WebAssembly at the top.
    for (const [language, parts] of Object.entries(published.parts)) {
      for (const { entry } of parts) {
        const partEntry = JSON.parse(
          await readFile(join(folder, PARTS_DIR, entry[0], "pagefind-entry.json"), "utf8"),
        ) as { languages: Record<string, { wasm: string }> };
        const wasm = partEntry.languages[language]?.wasm ?? "";
        const url = new URL(
          `${PARTS_DIR}/${entry[0]}/wasm.${wasm}.pagefind`,
          "https://x/pagefind/",
        );
        expect(url.pathname).toBe(`/pagefind/wasm.${language}.pagefind`);
        expect(await readdir(join(folder, PARTS_DIR, entry[0]))).not.toContain(
          `wasm.${language}.pagefind`,
        );
      }
    }
  });

  it("renames a fragment whose name another page of its part has for other bytes", async () => {
    const base = join(dir, "clash");
    const one = await pagefindAlone(join(base, "one"), PAGES.slice(0, 2));
    const two = join(base, "two");
    await cp(one, two, { recursive: true });
    // The second shard's pages under other URLs: same fragment names, other bytes.
    for (const name of await readdir(join(two, "fragment"))) {
      const path = join(two, "fragment", name);
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
    const out = join(base, "published");
    await writeSearchParts([one, two], out, sortValues);
    const { parts } = await readPublished(out);
    const en = parts["en"] ?? [];
    expect(Object.keys(joined(en).pages as object).sort()).toEqual([
      "/articles/copy-0/",
      "/articles/copy-1/",
      "/articles/page-0/",
      "/articles/page-1/",
    ]);
    // The two pages were published years apart: each part holds a page and its copy.
    expect(en).toHaveLength(2);
    for (const { entry } of en) {
      expect(await readdir(join(out, PARTS_DIR, entry[0], "fragment"))).toHaveLength(2);
    }
  }, 30_000);

  describe("with parts kept from an earlier build of their pages", () => {
    // One page a year; the pages of 2014, 2015 (French) and 2017 were built before, by themselves.
    const pages = PAGES.filter((_, i) => i !== 4); // every page with the same metadata fields
    const earlier = (p: TestPage): boolean => /"date:(2014|2015|2017)-/.test(p.html);
    const limits = { pagesPerShard: 2, partPages: 2 };
    const tree = async (folder: string): Promise<Record<string, string>> =>
      Object.fromEntries(
        await Promise.all(
          (await listFiles(folder)).map(async (file) => [
            file,
            createHash("sha256")
              .update(await readFile(join(folder, file)))
              .digest("hex"),
          ]),
        ),
      );
    /** The index of every page, and one of the later pages written beside the earlier pages' parts (`prepare` changes them first). */
    const build = async (
      name: string,
      prepare: (kept: string[], before: string, now: string) => Promise<void> = async () => {},
    ): Promise<{ all: string; now: string }> => {
      const all = await buildIndex(join(dir, `${name}-all`), pages, limits);
      const before = await buildIndex(join(dir, `${name}-before`), pages.filter(earlier), limits);
      const now = join(dir, `${name}-now`, SEARCH_DIR);
      const kept = await readdir(join(before.folder, PARTS_DIR));
      expect(kept).toHaveLength(3);
      await cp(join(before.folder, PARTS_DIR), join(now, PARTS_DIR), { recursive: true });
      await prepare(kept, before.folder, now);
      const index = await openSearchIndex(join(dir, `${name}-now`), limits, {
        kept,
        rootFiles: [before.folder],
      });
      for (const { path, html } of pages.filter((p) => !earlier(p))) await index.add(path, html);
      await index.write(pages.length);
      return { all: all.folder, now };
    };

    it("lists them again, as a build of every page writes them", async () => {
      const { all, now } = await build("kept");
      expect(await tree(now)).toEqual(await tree(all));
    }, 60_000);

    it("lists their words from the lists kept beside them, without reading their chunks", async () => {
      const { all, now } = await build("listed", async (kept, before, folder) => {
        const words = await partWordsOf(before);
        expect([...words.keys()].sort()).toEqual(kept);
        for (const part of kept) {
          await mkdir(join(before, "words"), { recursive: true });
          await writeFile(keptWordsFile(before, part), JSON.stringify(words.get(part)));
          await rm(join(folder, PARTS_DIR, part, "index"), { recursive: true });
        }
      });
      const directory = async (folder: string): Promise<Record<string, string>> =>
        Object.fromEntries(
          Object.entries(await tree(folder)).filter(([file]) => !file.startsWith(`${PARTS_DIR}/`)),
        );
      expect(await directory(now)).toEqual(await directory(all));
    }, 60_000);
  });

  it("puts a page in the year it is given, whatever its date", async () => {
    const [moved, ...others] = PAGES.filter((p) => p.html.includes('lang="en"'));
    if (!moved) throw new Error("no page");
    const index = await openSearchIndex(
      join(dir, "given-year"),
      { partPages: 100 },
      { partOf: (path) => (path === moved.path ? "2016" : undefined) },
    );
    for (const { path, html } of [moved, ...others]) await index.add(path, html);
    await index.write(others.length + 1);
    const { parts } = await readPublished(join(dir, "given-year", SEARCH_DIR));
    const url = `/${moved.path.replace("index.html", "")}`;
    const holding = (parts["en"] ?? []).filter(({ bundle }) => url in bundle.fragments);
    expect(holding.map(({ entry }) => entry[0].split("-").slice(0, 2).join("-"))).toEqual([
      "en-2016",
    ]);
  }, 30_000);

  it("refuses the files of another Pagefind version, naming them", async () => {
    const shard = await pagefindAlone(join(dir, "old"), PAGES.slice(0, 1));
    const entry = JSON.parse(await readFile(join(shard, "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { hash: string }>;
    };
    const metaPath = join(shard, `pagefind.${entry.languages["en"]?.hash ?? ""}.pf_meta`);
    const meta = (await readData(metaPath)) as unknown[];
    meta[0] = "0.9.0";
    await writeFile(metaPath, gzipSync(Buffer.concat([Buffer.from(SIGNATURE), encode(meta)])));
    await expect(writeSearchParts([shard], join(dir, "old-published"), new Map())).rejects.toThrow(
      new RegExp(
        `pf_meta: not the search metadata of Pagefind ${PAGEFIND_FORMAT.replaceAll(".", "\\.")}`,
      ),
    );
  }, 30_000);
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
