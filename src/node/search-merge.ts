/**
 * Writes the search index the archive publishes from the shards Pagefind
 * wrote apart (src/node/search-index.ts): each language's pages in parts of
 * a bounded number of pages, each part a Pagefind index of its own, and a
 * directory of words that says which parts hold which words, outlets and
 * years (src/archive/search/search-parts.ts). No Pagefind process ever holds
 * the whole site (its memory grows with the pages it indexes), and a search
 * loads the directory and the parts that hold its words, never every page
 * table.
 *
 * It reads Pagefind 1.6's files: each is gzip of "pagefind_dcd" and then CBOR
 * (fragments: JSON). Per language:
 * - parts: the pages in date order (their data-pagefind-sort dates, which the
 *   caller gives by page URL), cut at each page's year (the caller's, else
 *   its date's) and within a year into parts of at most `partPages` pages, as
 *   even as they can be; a part's pages are numbered in date order, and each
 *   fragment keeps its name unless another fragment of the part has it for
 *   other bytes. A part is made of its own pages alone, so a part written by
 *   an earlier build of the same pages can be kept and listed again;
 * - words: all the shards' words merged in byte order (as Rust sorts strings),
 *   each word's pages and each of its spellings with diacritics given to the
 *   parts that hold them, and cut into chunks named by their first and last
 *   words as Pagefind does; a chunk holds at most `chunkSize` locations, pages
 *   and spellings, unless one word holds more, which then has a chunk of its
 *   own, so a rare word never loads a frequent neighbour;
 * - metadata fields: all the shards' fields, in byte order as Pagefind lists
 *   them, each page's metadata locations renumbered to match;
 * - filters: each value's pages, in each part, filters and values in byte order;
 * - sorts: each part's pages ordered by their values; each shard's own order
 *   is checked against those values first;
 * - the directory: a Pagefind index whose pages are the parts (those just
 *   written and those kept), each part under every word and every filter value
 *   its pages hold, read back from the parts' own files (a kept part's words
 *   from the list a build in parts kept beside it, when there is one: see
 *   partWordsOf), in chunks of at most `directoryChunkSize` parts a word.
 * Any other shape, or another Pagefind version, stops with a message: this is
 * Pagefind's internal format, checked against a single Pagefind run by
 * tests/unit/search-merge.test.ts.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { decode, encode } from "cborg";
import { ForeignWordsSeen, type ForeignWords } from "../archive/search/languages.ts";
import {
  ENTRY_PART,
  ENTRY_PARTS,
  ENTRY_FOREIGN,
  PARTS_DIR,
  partWasm,
  partYear,
  wasmOfPart,
  type EntryParts,
  type EntryForeign,
  type PartEntry,
} from "../archive/search/search-parts.ts";

/** The Pagefind version whose format this reads and writes. */
export const PAGEFIND_FORMAT = "1.6.0";

/** Every Pagefind data file starts, once unzipped, with this. */
const SIGNATURE = "pagefind_dcd";

/** One language's index in pagefind-entry.json. */
interface LanguageEntry {
  hash: string;
  wasm?: string;
  page_count: number;
}

/** pagefind-entry.json. */
interface Entry {
  version: string;
  languages: Record<string, LanguageEntry>;
  include_characters?: unknown;
}

/**
 * One page under one word: its number (after a list's first page, the step
 * from the page before), its body locations and its metadata locations (in
 * which -(n + 1) starts the locations of the n-th metadata field).
 */
type PageWord = [page: number, body: number[], metadata: number[]];
/** A spelling of a word with diacritics, and the pages it is on, so written. */
type Variant = [variant: string, pages: PageWord[]];
/** A word (as searched: folded and stemmed), the pages it is on, and its spellings with diacritics. */
type Word = [word: string, pages: PageWord[], variants: Variant[]];
/** A page in the metadata: its fragment, its word count, and what Pagefind adds. */
type MetaPage = [fragment: string, wordCount: number, ...rest: unknown[]];
/** pagefind.<hash>.pf_meta. */
type Meta = [
  version: string,
  pages: MetaPage[],
  chunks: [from: string, to: string, hash: string][],
  filters: [filter: string, hash: string][],
  sorts: [key: string, pages: number[]][],
  metaFields: string[],
];
/** filter/<hash>.pf_filter. */
type Filter = [filter: string, values: [value: string, pages: number[]][]];

/** Sort values a page gives (data-pagefind-sort), by its URL's pageKey. */
export type SortValues = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** The year whose parts hold a page, by its URL's pageKey (a page not here goes by its date). */
export type PartYears = ReadonlyMap<string, string>;

/**
 * A page's URL as the sort values are keyed: percent-decoded, since Pagefind
 * records URLs percent-encoded (a page at "articles/été/" is "/articles/%C3%A9t%C3%A9/").
 */
export function pageKey(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

const sha = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** Reads one of Pagefind's files: its bytes after the signature. */
async function readData(path: string): Promise<Uint8Array> {
  const bytes = gunzipSync(await readFile(path));
  if (bytes.subarray(0, SIGNATURE.length).toString("latin1") !== SIGNATURE) {
    throw new Error(`${path} is not a Pagefind data file`);
  }
  return bytes.subarray(SIGNATURE.length);
}

const packData = (body: Uint8Array): Uint8Array =>
  gzipSync(Buffer.concat([Buffer.from(SIGNATURE, "latin1"), body]));

/** Strings in the order Rust sorts them: by their UTF-8 bytes. */
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Pagefind's names for two neighbouring chunks: the shortest prefixes that tell their edge words apart. */
function edgePrefixes(last: string, next: string): [string, string] {
  const a = Array.from(last);
  const b = Array.from(next);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [a.slice(0, common + 1).join(""), b.slice(0, common + 1).join("")];
}

/** A name for a file, from its content as Pagefind names them, that `taken` does not hold yet. */
function nameFor(
  language: string,
  bytes: Uint8Array,
  taken: { has(name: string): boolean },
  length = 7,
): string {
  const hash = sha(bytes);
  for (let n = length; n <= hash.length; n++) {
    const name = `${language}_${hash.slice(0, n)}`;
    if (!taken.has(name)) return name;
  }
  throw new Error(`no free name for a ${language} search file`);
}

/** How the index is cut into parts and chunks. */
export interface PartLimits {
  /** Pages one part holds at most. */
  partPages: number;
  /** Locations, pages and spellings a part's word chunk holds at most, unless one word holds more. */
  chunkSize: number;
  /** Parts a directory chunk lists at most, over its words, unless one word is in more. */
  directoryChunkSize: number;
}

/**
 * The limits the archive publishes with: a part's page table stays near 15 KB
 * (brotli) and a chunk near 10 KB; a directory chunk near 6 KB.
 */
export const PART_LIMITS: PartLimits = {
  partPages: 2000,
  chunkSize: 5000,
  directoryChunkSize: 3000,
};

/** One shard's index of one language, as the merge reads it. */
interface ShardLanguage {
  dir: string;
  meta: Meta;
  /** The merged index's number of each of its metadata fields, or undefined when they are the same. */
  fields: readonly number[] | undefined;
  /** Where each of its pages went: the part, and its number there. */
  part: Int32Array;
  number: Int32Array;
}

/** A page of a shard, read once: what its part needs of it. */
interface SourcePage {
  shard: number;
  page: number;
  fragment: string;
  /** Its metadata entry after the fragment's name (word count, and what Pagefind adds). */
  rest: unknown[];
  url: string;
  /** Its date sort value ("" when it gives none). */
  date: string;
  /** The year whose parts hold it. */
  year: string;
  /** The digest of its fragment's bytes. */
  digest: string;
}

/** Where a part, or the directory, is written: its folder, and the names given in it so far. */
interface Output {
  dir: string;
  /** Fragments placed, with the digest of their bytes. */
  fragments: Map<string, string>;
  /** Names of the index, filter and metadata files written. */
  data: Set<string>;
  /** Files being written: the next word is merged while they go to disk. */
  writing: Promise<void>[];
}

/** Waits for every file of an output to be written. */
async function written(out: Output): Promise<void> {
  await Promise.all(out.writing.splice(0));
}

const openOutput = async (
  dir: string,
  folders: readonly string[] = ["fragment", "index", "filter"],
): Promise<Output> => {
  for (const folder of folders) {
    await mkdir(join(dir, folder), { recursive: true });
  }
  return { dir, fragments: new Map(), data: new Set(), writing: [] };
};

/** Writes one data file into an output, named by its content; returns the name. */
async function writeData(
  out: Output,
  folder: string,
  suffix: string,
  language: string,
  value: unknown,
): Promise<string> {
  const body = encode(value);
  const name = nameFor(language, body, out.data);
  out.data.add(name);
  out.writing.push(writeFile(join(out.dir, folder, `${name}${suffix}`), packData(body)));
  // A few files in flight at most: their bytes are held until written.
  if (out.writing.length >= 16) await written(out);
  return name;
}

/** The size Pagefind counts a word by: each page and each of its locations, under the word and under each spelling, and each spelling once more. */
function wordSize([, pages, variants]: Word): number {
  let size = variants.length;
  for (const list of [pages, ...variants.map(([, v]) => v)]) {
    for (const [, body, metadata] of list) size += 1 + body.length + metadata.length;
  }
  return size;
}

/**
 * Word chunks being written into one output: a chunk ends before a word that
 * would take it past `limit`, so it passes the limit only when one word does,
 * alone.
 */
class Chunks {
  private readonly out: Output;
  private readonly language: string;
  private readonly limit: number;
  private words: Word[] = [];
  private size = 0;
  private readonly written: { first: string; last: string; hash: string }[] = [];

  constructor(out: Output, language: string, limit: number) {
    this.out = out;
    this.language = language;
    this.limit = limit;
  }

  async add(word: Word, size: number): Promise<void> {
    if (this.words.length > 0 && this.size + size > this.limit) await this.flush();
    this.words.push(word);
    this.size += size;
  }

  private async flush(): Promise<void> {
    const [first] = this.words;
    const last = this.words.at(-1);
    if (!first || !last) return;
    const hash = await writeData(this.out, "index", ".pf_index", this.language, [this.words]);
    this.written.push({ first: first[0], last: last[0], hash });
    this.words = [];
    this.size = 0;
  }

  /** Writes the last chunk; returns the chunks' entries for the metadata, named as Pagefind names them. */
  async finish(): Promise<Meta[2]> {
    await this.flush();
    const chunks = this.written;
    return chunks.map(({ first, last, hash }, i) => {
      const before = chunks[i - 1];
      const after = chunks[i + 1];
      return [
        before ? edgePrefixes(before.last, first)[1] : first,
        after ? edgePrefixes(last, after.first)[0] : last,
        hash,
      ];
    });
  }
}

/** A part being written. */
interface Part {
  /** Its name before its content's hash is known: "<language>-<year>-<n>". */
  name: string;
  /** Its pages, in date order: a page's number in the part is its place here. */
  pages: SourcePage[];
  out: Output;
  chunks: Chunks;
  /** Each filter's values and their pages' numbers in the part. */
  filters: Map<string, Map<string, number[]>>;
}

/** Renumbers the metadata fields that a page's metadata locations start with. */
function renumberFields(metadata: number[], fields: readonly number[] | undefined): number[] {
  if (!fields) return metadata;
  return metadata.map((loc) => (loc < 0 ? -(fields[-loc - 1] ?? -loc - 1) - 1 : loc));
}

/** One page under one word, numbered in its part. */
type Placed = [number: number, body: number[], metadata: number[]];

/** A list of placed pages as Pagefind stores it: in order, each a step from the one before. */
function asSteps(placed: Placed[]): PageWord[] {
  placed.sort((a, b) => a[0] - b[0]);
  let previous = 0;
  return placed.map(([n, body, metadata]) => {
    const step = n - previous;
    previous = n;
    return [step, body, metadata];
  });
}

/** The parts of one language: its pages in date order, cut at each page's year (years in byte order) and into parts of at most `partPages`, as even as they can be. */
function cutIntoParts(language: string, pages: SourcePage[], partPages: number): SourcePage[][] {
  pages.sort((a, b) => byBytes(a.date, b.date) || byBytes(a.url, b.url));
  const years = new Map<string, SourcePage[]>();
  for (const page of pages) {
    const list = years.get(page.year) ?? [];
    years.set(page.year, list);
    list.push(page);
  }
  const parts: SourcePage[][] = [];
  for (const [, list] of [...years].sort(([a], [b]) => byBytes(a, b))) {
    const count = Math.ceil(list.length / partPages);
    const size = Math.ceil(list.length / count);
    for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
  }
  if (parts.length === 0) throw new Error(`the search index has no ${language} pages to write`);
  return parts;
}

/** Reads a fragment's URL and digest, from a shard. */
async function readFragment(
  shardDir: string,
  name: string,
): Promise<{ url: string; digest: string }> {
  const bytes = await readFile(join(shardDir, "fragment", `${name}.pf_fragment`));
  const { url } = JSON.parse(gunzipSync(bytes).subarray(SIGNATURE.length).toString("utf8")) as {
    url: string;
  };
  return { url, digest: sha(bytes) };
}

/** Moves a page's fragment into its part; returns its name there (its own, unless the part holds another of that name). */
async function placeFragment(
  out: Output,
  shardDir: string,
  page: SourcePage,
  language: string,
): Promise<string> {
  const { fragment: name, digest } = page;
  const from = join(shardDir, "fragment", `${name}.pf_fragment`);
  const existing = out.fragments.get(name);
  if (existing === digest) return name;
  const placed =
    existing === undefined ? name : nameFor(language, await readFile(from), out.fragments);
  out.fragments.set(placed, digest);
  await rename(from, join(out.dir, "fragment", `${placed}.pf_fragment`));
  return placed;
}

/** Each shard's pages under one word, given to the parts that hold them. */
function placeWord(
  found: readonly { head: Word; shard: ShardLanguage }[],
): Map<number, { pages: Placed[]; variants: Map<string, Placed[]> }> {
  const byPart = new Map<number, { pages: Placed[]; variants: Map<string, Placed[]> }>();
  const into = (shard: ShardLanguage, pages: PageWord[], list: (part: number) => Placed[]) => {
    let page = 0;
    for (const [step, body, metadata] of pages) {
      page += step;
      const part = shard.part[page] ?? -1;
      if (part < 0)
        throw new Error(`${shard.dir}: a word names page ${page}, which it does not have`);
      list(part).push([shard.number[page] ?? 0, body, renumberFields(metadata, shard.fields)]);
    }
  };
  const entry = (part: number) => {
    let e = byPart.get(part);
    if (!e) byPart.set(part, (e = { pages: [], variants: new Map() }));
    return e;
  };
  for (const { head, shard } of found) {
    into(shard, head[1], (part) => entry(part).pages);
    for (const [variant, pages] of head[2]) {
      into(shard, pages, (part) => {
        const variants = entry(part).variants;
        const list = variants.get(variant) ?? [];
        variants.set(variant, list);
        return list;
      });
    }
  }
  return byPart;
}

/** Merges the words of every shard into the parts' chunks. */
async function writeWords(shards: readonly ShardLanguage[], parts: readonly Part[]): Promise<void> {
  await mergeWords(shards, async (word, found) => {
    const byPart = placeWord(found.map(({ head, source }) => ({ head, shard: source })));
    const holding = [...byPart.keys()].sort((a, b) => a - b);
    for (const index of holding) {
      const { pages, variants } = byPart.get(index) ?? { pages: [], variants: new Map() };
      const entry: Word = [
        word,
        asSteps(pages),
        [...variants]
          .sort(([a], [b]) => byBytes(a, b))
          .map(([variant, list]): Variant => [variant, asSteps(list)]),
      ];
      await parts[index]?.chunks.add(entry, wordSize(entry));
    }
  });
}

/**
 * Goes through the words of several indexes (shards, or parts) in byte order:
 * gives `each` every word once, with each index that holds it (by its place
 * in `indexes`) and its entry there.
 */
async function mergeWords<S extends { dir: string; meta: Meta }>(
  indexes: readonly S[],
  each: (word: string, found: { head: Word; source: S; index: number }[]) => Promise<void>,
  read: (source: S) => AsyncGenerator<Word> = wordsOf,
): Promise<void> {
  const streams = await Promise.all(
    indexes.map(async (source, index) => {
      const words = read(source);
      return { words, source, index, head: await nextWord(words) };
    }),
  );
  for (;;) {
    let word: string | undefined;
    for (const { head } of streams) {
      if (head && (word === undefined || byBytes(head[0], word) < 0)) word = head[0];
    }
    if (word === undefined) return;
    const found = streams.flatMap(({ head, source, index }) =>
      head?.[0] === word ? [{ head, source, index }] : [],
    );
    for (const stream of streams) {
      if (stream.head?.[0] === word) stream.head = await nextWord(stream.words);
    }
    await each(word, found);
  }
}

/** The next word of a shard, or undefined when it has no more. */
async function nextWord(words: AsyncGenerator<Word>): Promise<Word | undefined> {
  const next = await words.next();
  return next.done ? undefined : next.value;
}

/** Reads one of an index's filter files. */
async function readFilter(dir: string, hash: string): Promise<Filter> {
  return decode(await readData(join(dir, "filter", `${hash}.pf_filter`))) as Filter;
}

/** Reads every shard's filters into the parts. */
async function readFilters(
  shards: readonly ShardLanguage[],
  parts: readonly Part[],
): Promise<void> {
  for (const shard of shards) {
    for (const [, hash] of shard.meta[3]) {
      const [filter, values] = await readFilter(shard.dir, hash);
      for (const [value, pages] of values) {
        for (const page of pages) {
          const index = shard.part[page] ?? -1;
          const part = parts[index];
          if (!part)
            throw new Error(
              `${shard.dir}: filter ${filter} names page ${page}, which it does not have`,
            );
          const filters = part.filters.get(filter) ?? new Map<string, number[]>();
          part.filters.set(filter, filters);
          const list = filters.get(value) ?? [];
          filters.set(value, list);
          list.push(shard.number[page] ?? 0);
        }
      }
    }
  }
}

/**
 * Writes filters (each value's pages, in order) into an output, filters and
 * values in byte order, whatever order they were met in; returns their
 * entries for the metadata.
 */
async function writeFilters(
  out: Output,
  language: string,
  filters: ReadonlyMap<string, ReadonlyMap<string, Iterable<number>>>,
): Promise<Meta[3]> {
  const entries: Meta[3] = [];
  for (const [filter, values] of [...filters].sort(([a], [b]) => byBytes(a, b))) {
    const list = [...values]
      .sort(([a], [b]) => byBytes(a, b))
      .map(([value, pages]): [string, number[]] => [value, [...pages].sort((a, b) => a - b)]);
    entries.push([filter, await writeData(out, "filter", ".pf_filter", language, [filter, list])]);
  }
  return entries;
}

const isPageList = (pages: unknown): boolean =>
  Array.isArray(pages) &&
  pages.every(
    (p) =>
      Array.isArray(p) &&
      p.length === 3 &&
      typeof p[0] === "number" &&
      Array.isArray(p[1]) &&
      Array.isArray(p[2]),
  );

/** Whether a chunk's entry has the shape of a Pagefind 1.6.0 word. */
const isWord = (word: unknown): word is Word =>
  Array.isArray(word) &&
  word.length === 3 &&
  typeof word[0] === "string" &&
  isPageList(word[1]) &&
  Array.isArray(word[2]) &&
  word[2].every(
    (v: unknown) =>
      Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && isPageList(v[1]),
  );

/** An index's words in order (a shard's or a part's), one chunk in memory at a time. */
async function* wordsOf(shard: { dir: string; meta: Meta }): AsyncGenerator<Word> {
  for (const [, , hash] of shard.meta[2]) {
    const path = join(shard.dir, "index", `${hash}.pf_index`);
    const chunk = decode(await readData(path)) as unknown;
    const words = Array.isArray(chunk) && chunk.length === 1 ? (chunk[0] as unknown) : undefined;
    if (!Array.isArray(words) || !words.every(isWord)) {
      throw new Error(
        `${path}: not a word chunk of Pagefind ${PAGEFIND_FORMAT}; the shards cannot be merged (src/node/search-merge.ts knows only that version's format)`,
      );
    }
    yield* words;
  }
}

/** Fails unless a shard's metadata has the shape this module knows. */
function checkMeta(path: string, meta: unknown): Meta {
  const ok =
    Array.isArray(meta) &&
    meta.length === 6 &&
    meta[0] === PAGEFIND_FORMAT &&
    meta.slice(1).every((part) => Array.isArray(part));
  if (!ok) {
    throw new Error(
      `${path}: not the search metadata of Pagefind ${PAGEFIND_FORMAT}; the shards cannot be merged (src/node/search-merge.ts knows only that version's format)`,
    );
  }
  return meta as Meta;
}

/**
 * Pagefind sorts a key by number when every value is one, otherwise by bytes.
 * (It reads numbers as 32-bit integers or floats: two numbers it cannot tell
 * apart may be ordered otherwise here, and the shards' check then stops.)
 */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** How Pagefind orders these values of one key: as numbers when every one is a number, otherwise by bytes. */
function comparing(
  values: readonly { value: string }[],
): (a: { value: string }, b: { value: string }) => number {
  const numeric = values.every(({ value }) => NUMBER.test(value));
  return (a, b) => (numeric ? Number(a.value) - Number(b.value) : byBytes(a.value, b.value));
}

/**
 * Checks that each shard's order of each sort key agrees with the values its
 * pages gave (or they are not what Pagefind read: it chose numbers or bytes for
 * the shard's values alone); returns the keys.
 */
function checkSorts(
  shards: readonly ShardLanguage[],
  pagesOf: readonly (readonly SourcePage[])[],
  sortValues: SortValues,
): string[] {
  const keys = [...new Set(shards.flatMap((s) => s.meta[4].map(([key]) => key)))];
  for (const key of keys) {
    for (const [s, shard] of shards.entries()) {
      const pages = (shard.meta[4].find(([k]) => k === key)?.[1] ?? []).map((page) => {
        const url = pageKey(pagesOf[s]?.[page]?.url ?? `page ${page} of ${shard.dir}`);
        const value = sortValues.get(url)?.[key];
        if (value === undefined) {
          throw new Error(
            `the search index sorts ${url} by "${key}", but the page gave no such value`,
          );
        }
        return { value, url };
      });
      const compare = comparing(pages);
      for (const [i, page] of pages.entries()) {
        const before = pages[i - 1];
        if (before && compare(before, page) > 0) {
          throw new Error(
            `the search index sorts ${before.url} ("${before.value}") before ${page.url} ("${page.value}") by "${key}", against their data-pagefind-sort values`,
          );
        }
      }
    }
  }
  return keys;
}

/** A part's pages ordered by each sort key, from the values they gave. */
function partSorts(part: Part, keys: readonly string[], sortValues: SortValues): Meta[4] {
  return keys.map((key) => {
    const having = part.pages.flatMap((page, n) => {
      const value = sortValues.get(pageKey(page.url))?.[key];
      return value === undefined ? [] : [{ n, value }];
    });
    const compare = comparing(having);
    return [key, having.sort((a, b) => compare(a, b) || a.n - b.n).map(({ n }) => n)];
  });
}

/** Writes one data file's metadata into an output; returns its name. */
async function writeMeta(out: Output, language: string, meta: Meta): Promise<string> {
  const body = encode(meta);
  const hash = nameFor(language, body, out.data, 10);
  out.data.add(hash);
  await writeFile(join(out.dir, `pagefind.${hash}.pf_meta`), packData(body));
  return hash;
}

/** What one language's index gives the directory's entry. */
interface WrittenLanguage {
  entry: LanguageEntry;
  parts: PartEntry[];
  /** Its words in other scripts than its own, if any. */
  foreign: ForeignWords | undefined;
}

/** A part's folder, under the index's PARTS_DIR. */
const partDir = (outDir: string, folder: string): string => join(outDir, PARTS_DIR, folder);

/** Orders one language's parts as the directory lists them: by year (in byte order), then by number. */
function partOrder(language: string): (a: PartEntry, b: PartEntry) => number {
  const place = ([folder]: PartEntry): [string, number] => {
    const [year = "", n = "0"] = folder.slice(language.length + 1).split("-");
    return [year, Number(n)];
  };
  return (a, b) => {
    const [ya, na] = place(a);
    const [yb, nb] = place(b);
    return byBytes(ya, yb) || na - nb;
  };
}

/**
 * Writes the parts of one language's pages, from the shards that have it,
 * into `outDir`'s PARTS_DIR; returns their entries, in order, the language's
 * metadata fields and its WebAssembly's name.
 */
async function writeParts(
  outDir: string,
  language: string,
  shards: readonly { dir: string; entry: Entry; index: LanguageEntry }[],
  sortValues: SortValues,
  partYears: PartYears,
  limits: PartLimits,
): Promise<{ parts: PartEntry[]; metaFields: string[] }> {
  const metas: { dir: string; meta: Meta }[] = [];
  for (const { dir, index } of shards) {
    const path = join(dir, `pagefind.${index.hash}.pf_meta`);
    metas.push({ dir, meta: checkMeta(path, decode(await readData(path))) });
  }
  // Pagefind lists the metadata fields of all its pages in byte order; each shard's only its own.
  const metaFields = [...new Set(metas.flatMap(({ meta }) => meta[5]))].sort(byBytes);
  const read: ShardLanguage[] = [];
  const pagesOf: SourcePage[][] = [];
  for (const [s, { dir, meta }] of metas.entries()) {
    const same =
      meta[5].length === metaFields.length && meta[5].every((f, i) => f === metaFields[i]);
    const fields = same ? undefined : meta[5].map((field) => metaFields.indexOf(field));
    const count = meta[1].length;
    read.push({
      dir,
      meta,
      fields,
      part: new Int32Array(count).fill(-1),
      number: new Int32Array(count),
    });
    const pages: SourcePage[] = [];
    for (const [page, [fragment, ...rest]] of meta[1].entries()) {
      const { url, digest } = await readFragment(dir, fragment);
      const date = sortValues.get(pageKey(url))?.date ?? "";
      const year = partYears.get(pageKey(url)) ?? partYear(date);
      pages.push({ shard: s, page, fragment, rest, url, date, year, digest });
    }
    pagesOf.push(pages);
  }
  const years = new Map<string, number>();
  const parts: Part[] = [];
  for (const [index, pages] of cutIntoParts(language, pagesOf.flat(), limits.partPages).entries()) {
    const year = pages[0]?.year ?? "undated";
    const n = (years.get(year) ?? 0) + 1;
    years.set(year, n);
    const name = `${language}-${year}-${n}`;
    const out = await openOutput(partDir(outDir, name));
    for (const [number, page] of pages.entries()) {
      const shard = read[page.shard];
      if (shard) {
        shard.part[page.page] = index;
        shard.number[page.page] = number;
      }
    }
    parts.push({
      name,
      pages,
      out,
      chunks: new Chunks(out, language, limits.chunkSize),
      filters: new Map(),
    });
  }
  await writeWords(read, parts);
  await readFilters(read, parts);
  const keys = checkSorts(read, pagesOf, sortValues);
  const [first] = shards;
  if (!first) throw new Error(`no search index shards hold ${language}`);
  const wasm = first.index.wasm ?? "unknown";
  const done: PartEntry[] = [];
  for (const part of parts) {
    const metaPages: MetaPage[] = [];
    for (const page of part.pages) {
      const name = await placeFragment(part.out, read[page.shard]?.dir ?? "", page, language);
      metaPages.push([name, ...page.rest] as MetaPage);
    }
    const hash = await writeMeta(part.out, language, [
      PAGEFIND_FORMAT,
      metaPages,
      await part.chunks.finish(),
      await writeFilters(part.out, language, part.filters),
      partSorts(part, keys, sortValues),
      metaFields,
    ]);
    // The folder is named by its metadata's hash, which names every other file in it.
    const folder = `${part.name}-${hash.slice(language.length + 1)}`;
    const own: PartEntry = [
      folder,
      part.pages.length,
      part.pages[0]?.date ?? "",
      part.pages.at(-1)?.date ?? "",
    ];
    const entry = {
      ...first.entry,
      languages: { [language]: { hash, wasm: partWasm(wasm), page_count: part.pages.length } },
      [ENTRY_PART]: own,
    };
    await writeFile(join(part.out.dir, "pagefind-entry.json"), JSON.stringify(entry));
    await written(part.out);
    await rename(part.out.dir, partDir(outDir, folder));
    done.push(own);
  }
  return { parts: done, metaFields };
}

/** The folder of a kept part's word list, in a folder of the index's own files (SearchSources.rootFiles). */
export const KEPT_WORDS = "words";

/** The file listing the words of the part in `folder`, under a folder of the index's own files. */
export const keptWordsFile = (rootFiles: string, folder: string): string =>
  join(rootFiles, KEPT_WORDS, `${folder}.json`);

/**
 * Each part's words (in byte order), by its folder, as the directory of the
 * index at `indexDir` lists them (every word of a part is in the directory,
 * under the parts that hold it): what a build keeps beside a part, so that a
 * later build lists the part's words in its directory without reading the
 * part's chunks again. Empty when there is no index.
 */
export async function partWordsOf(indexDir: string): Promise<Map<string, string[]>> {
  const words = new Map<string, string[]>();
  const entry = await readFile(join(indexDir, "pagefind-entry.json"), "utf8")
    .then((text) => JSON.parse(text) as Entry)
    .catch(() => undefined);
  for (const { hash } of Object.values(entry?.languages ?? {})) {
    const path = join(indexDir, `pagefind.${hash}.pf_meta`);
    const meta = checkMeta(path, decode(await readData(path)));
    const lists = meta[1].map(([folder]) => {
      const list: string[] = [];
      words.set(folder, list);
      return list;
    });
    for await (const [word, pages] of wordsOf({ dir: indexDir, meta })) {
      let part = 0;
      for (const [step] of pages) {
        part += step;
        lists[part]?.push(word);
      }
    }
  }
  return words;
}

/** The kept parts' word lists under `rootFiles`, by part folder. */
async function keptWordLists(rootFiles: readonly string[]): Promise<Map<string, string>> {
  const lists = new Map<string, string>();
  for (const dir of rootFiles) {
    for (const name of await readdir(join(dir, KEPT_WORDS)).catch(() => [] as string[])) {
      if (name.endsWith(".json"))
        lists.set(name.slice(0, -".json".length), join(dir, KEPT_WORDS, name));
    }
  }
  return lists;
}

/** A part's words from its list (partWordsOf), as entries with no pages: all the directory needs. */
async function* listedWords(path: string): AsyncGenerator<Word> {
  const words = (await readFile(path, "utf8")
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => undefined)) as unknown;
  const ordered =
    Array.isArray(words) &&
    words.every(
      (word, i) =>
        typeof word === "string" && (i === 0 || byBytes(words[i - 1] as string, word) < 0),
    );
  if (!ordered) {
    throw new Error(`${path}: not a search part's list of words in order; build the archive whole`);
  }
  for (const word of words as string[]) yield [word, [], []];
}

/** A part already in `outDir` (written now, or kept from an earlier build), as the directory reads it. */
interface ReadPart {
  entry: PartEntry;
  dir: string;
  meta: Meta;
  /** Its language's WebAssembly, as the directory's entry names it. */
  wasm: string | undefined;
  /** A file listing its words (KEPT_WORDS), read in place of its chunks. */
  words?: string;
}

/** Reads a part's entry and metadata back from its folder. */
async function readPart(outDir: string, folder: string, language: string): Promise<ReadPart> {
  const dir = partDir(outDir, folder);
  const where = `the search part ${folder}`;
  const entry = await readFile(join(dir, "pagefind-entry.json"), "utf8")
    .then((text) => JSON.parse(text) as Entry & { [ENTRY_PART]?: PartEntry })
    .catch((error: Error) => {
      throw new Error(`${where} cannot be read: ${error.message}`, { cause: error });
    });
  const index = entry.languages[language];
  const own = entry[ENTRY_PART];
  if (!index || own?.[0] !== folder) {
    throw new Error(`${where} is not a ${language} part written by this archive`);
  }
  const path = join(dir, `pagefind.${index.hash}.pf_meta`);
  const meta = checkMeta(path, decode(await readData(path)));
  return {
    entry: own,
    dir,
    meta,
    wasm: index.wasm === undefined ? undefined : wasmOfPart(index.wasm),
  };
}

/**
 * Writes one language's directory into `directory` from its parts, read back:
 * each word, in byte order, under the parts that hold it; each filter value
 * under the parts that have it. Returns its metadata's hash and what its
 * words hold in other scripts than the language's.
 */
async function writeDirectory(
  directory: Output,
  language: string,
  parts: readonly ReadPart[],
  limits: PartLimits,
): Promise<{ hash: string; foreign: ForeignWords | undefined }> {
  const chunks = new Chunks(directory, language, limits.directoryChunkSize);
  const foreign = new ForeignWordsSeen(language);
  await mergeWords(
    parts,
    async (word, found) => {
      foreign.add(word);
      // In the directory, a word's pages are the parts that hold it.
      const holding = found.map(({ index }): Placed => [index, [0], []]);
      await chunks.add([word, asSteps(holding), []], holding.length);
    },
    (part) => (part.words === undefined ? wordsOf(part) : listedWords(part.words)),
  );
  const filters = new Map<string, Map<string, number[]>>();
  for (const [index, part] of parts.entries()) {
    for (const [, hash] of part.meta[3]) {
      const [filter, values] = await readFilter(part.dir, hash);
      const byValue = filters.get(filter) ?? new Map<string, number[]>();
      filters.set(filter, byValue);
      for (const [value, pages] of values) {
        if (pages.length > 0) byValue.set(value, [...(byValue.get(value) ?? []), index]);
      }
    }
  }
  // The directory's pages are the parts, in order; a part weighs one word.
  const hash = await writeMeta(directory, language, [
    PAGEFIND_FORMAT,
    parts.map(({ entry: [folder] }): MetaPage => [folder, 1, ""]),
    await chunks.finish(),
    await writeFilters(directory, language, filters),
    [],
    [],
  ]);
  await written(directory);
  return { hash, foreign: foreign.result() };
}

/**
 * Writes one language: its parts from the shards that have it, then its
 * directory from those and the parts `kept` names (folders already in the
 * index from an earlier build of their pages).
 */
async function writeLanguage(
  directory: Output,
  language: string,
  shards: readonly { dir: string; entry: Entry; index: LanguageEntry }[],
  kept: readonly string[],
  keptWords: ReadonlyMap<string, string>,
  sortValues: SortValues,
  partYears: PartYears,
  limits: PartLimits,
): Promise<WrittenLanguage> {
  const made =
    shards.length > 0
      ? await writeParts(directory.dir, language, shards, sortValues, partYears, limits)
      : undefined;
  const read = await Promise.all(
    [...(made?.parts.map(([folder]) => folder) ?? []), ...kept].map(async (folder) => {
      const part = await readPart(directory.dir, folder, language);
      const words = keptWords.get(folder);
      return words === undefined ? part : { ...part, words };
    }),
  );
  read.sort((a, b) => partOrder(language)(a.entry, b.entry));
  const places = new Map<string, string>();
  for (const { entry, meta } of read) {
    const [folder] = entry;
    const place = folder.slice(0, folder.lastIndexOf("-"));
    const other = places.get(place);
    if (other !== undefined) {
      throw new Error(`the search parts ${other} and ${folder} both hold ${place}`);
    }
    places.set(place, folder);
    // A part's metadata fields are its language's: a kept part with others is not the one a
    // build of every page writes.
    const fields = made?.metaFields ?? read[0]?.meta[5] ?? [];
    if (meta[5].join("\n") !== fields.join("\n")) {
      throw new Error(
        `the search part ${folder} has the metadata fields ${meta[5].join(", ")}, its language ${fields.join(", ")}: build the archive whole`,
      );
    }
  }
  const { hash, foreign } = await writeDirectory(directory, language, read, limits);
  const wasm = shards[0]?.index.wasm ?? read[0]?.wasm;
  return {
    entry: { hash, ...(wasm === undefined ? {} : { wasm }), page_count: read.length },
    parts: read.map(({ entry }) => entry),
    foreign,
  };
}

/** The languages of the parts `kept` names (folders under the index's PARTS_DIR), each language's folders. */
async function keptByLanguage(
  outDir: string,
  kept: readonly string[],
): Promise<Map<string, string[]>> {
  const languages = new Map<string, string[]>();
  for (const folder of kept) {
    const entry = await readFile(join(partDir(outDir, folder), "pagefind-entry.json"), "utf8")
      .then((text) => JSON.parse(text) as Entry)
      .catch((error: Error) => {
        throw new Error(`the search part ${folder} cannot be read: ${error.message}`, {
          cause: error,
        });
      });
    const [language, ...more] = Object.keys(entry.languages);
    if (language === undefined || more.length > 0) {
      throw new Error(`the search part ${folder} does not hold one language`);
    }
    languages.set(language, [...(languages.get(language) ?? []), folder]);
  }
  return languages;
}

/** What the index is written from, besides the shards. */
export interface SearchSources {
  /** The page's year whose parts hold it, by page URL (else its date's). */
  partYears?: PartYears;
  /** Parts already in the index's PARTS_DIR, kept from an earlier build of their pages. */
  kept?: readonly string[];
  /**
   * Folders holding the index's own files (its WebAssembly) of the kept
   * parts' languages, and the kept parts' word lists (KEPT_WORDS).
   */
  rootFiles?: readonly string[];
}

/**
 * Writes the Pagefind bundles in `shardDirs` (in order) into `outDir` as the
 * archive's parts, and the directory of those and the parts `sources.kept`
 * names. Fragments are moved out of the shards; the rest of a shard is left
 * for the caller to remove.
 */
export async function writeSearchParts(
  shardDirs: readonly string[],
  outDir: string,
  sortValues: SortValues,
  limits: PartLimits = PART_LIMITS,
  sources: SearchSources = {},
): Promise<void> {
  const shards = await Promise.all(
    shardDirs.map(async (dir) => ({
      dir,
      entry: JSON.parse(await readFile(join(dir, "pagefind-entry.json"), "utf8")) as Entry,
    })),
  );
  const [first] = shards;
  if (!first) throw new Error("no search index shards to write");
  const directory = await openOutput(outDir, ["index", "filter"]);
  const kept = await keptByLanguage(outDir, sources.kept ?? []);
  const keptWords = await keptWordLists(sources.rootFiles ?? []);
  const entry: Entry = { ...first.entry, languages: {} };
  const parts: EntryParts = {};
  const foreign: EntryForeign = {};
  const languages = [
    ...new Set([...shards.flatMap((s) => Object.keys(s.entry.languages)), ...kept.keys()]),
  ].sort();
  for (const language of languages) {
    const having = shards.flatMap(({ dir, entry: shardEntry }) => {
      const index = shardEntry.languages[language];
      return index ? [{ dir, entry: shardEntry, index }] : [];
    });
    const written = await writeLanguage(
      directory,
      language,
      having,
      kept.get(language) ?? [],
      keptWords,
      sortValues,
      sources.partYears ?? new Map(),
      limits,
    );
    entry.languages[language] = written.entry;
    parts[language] = written.parts;
    if (written.foreign) foreign[language] = written.foreign;
  }
  await writeFile(
    join(outDir, "pagefind-entry.json"),
    JSON.stringify({ ...entry, [ENTRY_PARTS]: parts, [ENTRY_FOREIGN]: foreign }),
  );
  // The search code and each language's WebAssembly are the same in every shard and part.
  for (const dir of [...shards.map((s) => s.dir), ...(sources.rootFiles ?? [])]) {
    for (const name of await readdir(dir)) {
      if (!/\.(js|css|pagefind)$/.test(name) || existsSync(join(outDir, name))) continue;
      await copyFile(join(dir, name), join(outDir, name));
    }
  }
}
