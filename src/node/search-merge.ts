/**
 * Joins search indexes that Pagefind wrote apart, shards of one site, into the
 * one index a single Pagefind run over all their pages would have written, so
 * that no Pagefind process ever holds the whole site (its memory grows with
 * the pages it indexes: about 175 KB a page) and the browser still loads one
 * index, one metadata file and one chunk a word (Pagefind's own mergeIndex
 * would load every shard's).
 *
 * It reads Pagefind 1.6's files: each is gzip of "pagefind_dcd" and then CBOR
 * (fragments: JSON). Per language:
 * - pages: the shards' pages one after the other, so a shard's page n becomes
 *   n plus the pages before it; each fragment keeps its name unless another
 *   shard already used it for other bytes;
 * - words: merged in byte order (as Rust sorts strings), each word's pages
 *   and each of its spellings with diacritics joined, cut into chunks and
 *   named by their first and last words as Pagefind does (a chunk ends once
 *   it holds 20,000 locations, pages and spellings);
 * - metadata fields: all the shards' fields, in byte order as Pagefind lists
 *   them, and each page's metadata locations renumbered to match;
 * - filters: each value's pages joined;
 * - sorts: every page ordered by its value, which the caller gives by page URL
 *   (the index keeps only each shard's order); each shard's order is checked
 *   against those values first.
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

/** The Pagefind version whose format this reads and writes. */
export const PAGEFIND_FORMAT = "1.6.0";

/** Every Pagefind data file starts, once unzipped, with this. */
const SIGNATURE = "pagefind_dcd";

/** Locations, pages and spellings a word chunk holds before Pagefind starts the next. */
const CHUNK_SIZE = 20_000;

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

/** One shard's index of one language, as the merge reads it. */
interface ShardLanguage {
  dir: string;
  meta: Meta;
  /** The number its first page gets in the merged index. */
  offset: number;
  /** The URL of each of its pages, by page number. */
  urls: string[];
  /** The merged index's number of each of its metadata fields, or undefined when they are the same. */
  fields: readonly number[] | undefined;
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

/** A shard's words in order, one chunk in memory at a time. */
async function* wordsOf(shard: ShardLanguage): AsyncGenerator<Word> {
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

/** Where the merge writes: one index folder, and the names given in it so far. */
interface Output {
  dir: string;
  /** Fragments placed, with the digest of their bytes. */
  fragments: Map<string, string>;
  /** Names of the index, filter and metadata files written. */
  data: Set<string>;
}

/**
 * Moves a page's fragment into the output; returns the page's URL and the
 * fragment's name there: its own, unless another shard's fragment of other
 * bytes already has it (Pagefind names them by seven hex digits of a hash).
 */
async function placeFragment(
  out: Output,
  shardDir: string,
  name: string,
  language: string,
): Promise<{ name: string; url: string }> {
  const from = join(shardDir, "fragment", `${name}.pf_fragment`);
  const bytes = await readFile(from);
  const { url } = JSON.parse(gunzipSync(bytes).subarray(SIGNATURE.length).toString("utf8")) as {
    url: string;
  };
  const digest = sha(bytes);
  const existing = out.fragments.get(name);
  if (existing === digest) return { name, url };
  const placed = existing === undefined ? name : nameFor(language, bytes, out.fragments);
  out.fragments.set(placed, digest);
  await rename(from, join(out.dir, "fragment", `${placed}.pf_fragment`));
  return { name: placed, url };
}

/** Writes one data file into the output, named by its content; returns the name. */
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
  await writeFile(join(out.dir, folder, `${name}${suffix}`), packData(body));
  return name;
}

/** One shard's list of pages under a word: its first page's number and its metadata fields in the merged index. */
interface PagesOfShard {
  pages: PageWord[];
  offset: number;
  /** The merged index's number of each of the shard's metadata fields, or undefined when they are the same. */
  fields: readonly number[] | undefined;
}

/** Renumbers the metadata fields that a page's metadata locations start with. */
function renumberFields(metadata: number[], fields: readonly number[] | undefined): number[] {
  if (!fields) return metadata;
  return metadata.map((loc) => (loc < 0 ? -(fields[-loc - 1] ?? -loc - 1) - 1 : loc));
}

/**
 * Joins the shards' lists of one word's pages: each list is in page order,
 * every number but the first a step from the one before; so is the result.
 */
function joinPages(lists: readonly PagesOfShard[]): PageWord[] {
  const joined: PageWord[] = [];
  let previous = 0;
  for (const { pages, offset, fields } of lists) {
    let page = offset;
    for (const [step, body, metadata] of pages) {
      page += step;
      joined.push([page - previous, body, renumberFields(metadata, fields)]);
      previous = page;
    }
  }
  return joined;
}

/** The next word of a shard, or undefined when it has no more. */
async function nextWord(words: AsyncGenerator<Word>): Promise<Word | undefined> {
  const next = await words.next();
  return next.done ? undefined : next.value;
}

/** Merges the words of every shard and writes them in chunks; returns the chunks' entries for the metadata. */
async function mergeWords(
  out: Output,
  shards: readonly ShardLanguage[],
  language: string,
): Promise<Meta[2]> {
  const streams = await Promise.all(
    shards.map(async (shard) => {
      const words = wordsOf(shard);
      return { words, offset: shard.offset, fields: shard.fields, head: await nextWord(words) };
    }),
  );
  const chunks: { first: string; last: string; hash: string }[] = [];
  let chunk: Word[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    const [first] = chunk;
    const last = chunk.at(-1);
    if (!first || !last) return;
    const hash = await writeData(out, "index", ".pf_index", language, [chunk]);
    chunks.push({ first: first[0], last: last[0], hash });
    chunk = [];
    size = 0;
  };
  for (;;) {
    let word: string | undefined;
    for (const { head } of streams) {
      if (head && (word === undefined || byBytes(head[0], word) < 0)) word = head[0];
    }
    if (word === undefined) break;
    const found = streams.flatMap((stream) => {
      const head = stream.head;
      if (head?.[0] !== word) return [];
      return [{ head, offset: stream.offset, fields: stream.fields }];
    });
    const pages = joinPages(
      found.map(({ head, offset, fields }) => ({ pages: head[1], offset, fields })),
    );
    const spellings = new Map<string, PagesOfShard[]>();
    for (const { head, offset, fields } of found) {
      for (const [variant, variantPages] of head[2]) {
        const lists = spellings.get(variant) ?? [];
        spellings.set(variant, lists);
        lists.push({ pages: variantPages, offset, fields });
      }
    }
    const variants: Variant[] = [...spellings]
      .sort(([a], [b]) => byBytes(a, b))
      .map(([variant, lists]) => [variant, joinPages(lists)]);
    for (const stream of streams) {
      if (stream.head?.[0] === word) stream.head = await nextWord(stream.words);
    }
    chunk.push([word, pages, variants]);
    // Pagefind counts each page and each of its locations, under the word and under each
    // spelling, and each spelling once more.
    size += variants.length;
    for (const list of [pages, ...variants.map(([, v]) => v)]) {
      for (const [, body, metadata] of list) size += 1 + body.length + metadata.length;
    }
    if (size >= CHUNK_SIZE) await flush();
  }
  await flush();
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

/** Merges every shard's filters and writes them; returns their entries for the metadata. */
async function mergeFilters(
  out: Output,
  shards: readonly ShardLanguage[],
  language: string,
): Promise<Meta[3]> {
  const filters = new Map<string, Map<string, number[]>>();
  for (const shard of shards) {
    for (const [, hash] of shard.meta[3]) {
      const [filter, values] = decode(
        await readData(join(shard.dir, "filter", `${hash}.pf_filter`)),
      ) as Filter;
      const merged = filters.get(filter) ?? new Map<string, number[]>();
      filters.set(filter, merged);
      for (const [value, pages] of values) {
        const list = merged.get(value) ?? [];
        merged.set(value, list);
        for (const page of pages) list.push(page + shard.offset);
      }
    }
  }
  const entries: Meta[3] = [];
  for (const [filter, values] of filters) {
    const hash = await writeData(out, "filter", ".pf_filter", language, [filter, [...values]]);
    entries.push([filter, hash]);
  }
  return entries;
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

/** Orders every page of every shard by each sort key, from the values the pages gave. */
function mergeSorts(shards: readonly ShardLanguage[], sortValues: SortValues): Meta[4] {
  const keys = [...new Set(shards.flatMap((s) => s.meta[4].map(([key]) => key)))];
  return keys.map((key) => {
    const byShard = shards.map((shard) =>
      (shard.meta[4].find(([k]) => k === key)?.[1] ?? []).map((page) => {
        const url = pageKey(shard.urls[page] ?? `page ${page} of ${shard.dir}`);
        const value = sortValues.get(url)?.[key];
        if (value === undefined) {
          throw new Error(
            `the search index sorts ${url} by "${key}", but the page gave no such value`,
          );
        }
        return { page: page + shard.offset, value, url };
      }),
    );
    // Each shard's own order must agree with the values, or they are not what Pagefind read
    // (it chose numbers or bytes for the shard's values alone).
    for (const pages of byShard) {
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
    const compare = comparing(byShard.flat());
    return [
      key,
      byShard
        .flat()
        .sort(compare)
        .map(({ page }) => page),
    ];
  });
}

/** Merges one language of the shards that have it; returns its entry in pagefind-entry.json. */
async function mergeLanguage(
  out: Output,
  language: string,
  shards: readonly { dir: string; index: LanguageEntry }[],
  sortValues: SortValues,
): Promise<LanguageEntry> {
  const metas: { dir: string; path: string; meta: Meta }[] = [];
  for (const { dir, index } of shards) {
    const path = join(dir, `pagefind.${index.hash}.pf_meta`);
    metas.push({ dir, path, meta: checkMeta(path, decode(await readData(path))) });
  }
  // Pagefind lists the metadata fields of all its pages in byte order; each shard's only its own.
  const metaFields = [...new Set(metas.flatMap(({ meta }) => meta[5]))].sort(byBytes);
  const read: ShardLanguage[] = [];
  const pages: MetaPage[] = [];
  for (const { dir, meta } of metas) {
    const same =
      meta[5].length === metaFields.length && meta[5].every((f, i) => f === metaFields[i]);
    const fields = same ? undefined : meta[5].map((field) => metaFields.indexOf(field));
    const shard: ShardLanguage = { dir, meta, offset: pages.length, urls: [], fields };
    for (const [fragment, ...rest] of meta[1]) {
      const placed = await placeFragment(out, dir, fragment, language);
      shard.urls.push(placed.url);
      pages.push([placed.name, ...rest] as MetaPage);
    }
    read.push(shard);
  }
  const meta: Meta = [
    PAGEFIND_FORMAT,
    pages,
    await mergeWords(out, read, language),
    await mergeFilters(out, read, language),
    mergeSorts(read, sortValues),
    metaFields,
  ];
  const body = encode(meta);
  const hash = nameFor(language, body, out.data, 10);
  out.data.add(hash);
  await writeFile(join(out.dir, `pagefind.${hash}.pf_meta`), packData(body));
  // The WebAssembly (and anything else Pagefind notes) is the same in every shard.
  return { ...shards[0]?.index, hash, page_count: pages.length };
}

/**
 * Merges the Pagefind bundles in `shardDirs` (in order) into `outDir`, which
 * must not exist yet. Fragments are moved out of the shards; the rest of a
 * shard is left for the caller to remove.
 */
export async function mergeSearchIndexes(
  shardDirs: readonly string[],
  outDir: string,
  sortValues: SortValues,
): Promise<void> {
  const shards = await Promise.all(
    shardDirs.map(async (dir) => ({
      dir,
      entry: JSON.parse(await readFile(join(dir, "pagefind-entry.json"), "utf8")) as Entry,
    })),
  );
  const out: Output = { dir: outDir, fragments: new Map(), data: new Set() };
  for (const folder of ["fragment", "index", "filter"]) {
    await mkdir(join(outDir, folder), { recursive: true });
  }
  const [first] = shards;
  if (!first) throw new Error("no search index shards to merge");
  const entry: Entry = { ...first.entry, languages: {} };
  const languages = [...new Set(shards.flatMap((s) => Object.keys(s.entry.languages)))].sort();
  for (const language of languages) {
    const having = shards.flatMap(({ dir, entry: { languages } }) => {
      const index = languages[language];
      return index ? [{ dir, index }] : [];
    });
    entry.languages[language] = await mergeLanguage(out, language, having, sortValues);
  }
  await writeFile(join(outDir, "pagefind-entry.json"), JSON.stringify(entry));
  // The search code and each language's WebAssembly are the same in every shard.
  for (const { dir } of shards) {
    for (const name of await readdir(dir)) {
      if (!/\.(js|css|pagefind)$/.test(name) || existsSync(join(outDir, name))) continue;
      await copyFile(join(dir, name), join(outDir, name));
    }
  }
}
