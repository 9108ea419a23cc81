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
 *   joined, cut into chunks and named by their first and last words as
 *   Pagefind does (a chunk ends once it holds 20,000 locations and pages);
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

/** Locations and pages a word chunk holds before Pagefind starts the next. */
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
 * One page under one word: its number (after a word's first page, the step
 * from the page before), then its body locations and its metadata locations.
 */
type PageWord = [page: number, ...locations: number[][]];
/** A word and the pages it is on. */
type Word = [word: string, pages: PageWord[]];
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
}

/** A shard's words in order, one chunk in memory at a time. */
async function* wordsOf(shard: ShardLanguage): AsyncGenerator<Word> {
  for (const [, , hash] of shard.meta[2]) {
    const [words] = decode(await readData(join(shard.dir, "index", `${hash}.pf_index`))) as [
      Word[],
    ];
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
      return { words, offset: shard.offset, head: await nextWord(words) };
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
    // Each list of pages is in page order, every number but the first a step from the one before.
    const pages: PageWord[] = [];
    let previous = 0;
    for (const stream of streams) {
      if (stream.head?.[0] !== word) continue;
      let page = stream.offset;
      for (const [step, ...locations] of stream.head[1]) {
        page += step;
        pages.push([page - previous, ...locations]);
        previous = page;
      }
      stream.head = await nextWord(stream.words);
    }
    chunk.push([word, pages]);
    for (const [, ...locations] of pages) size += 1 + locations.reduce((n, l) => n + l.length, 0);
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

/** Pagefind sorts a key by number when every value is one, otherwise by bytes. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Orders every page of every shard by each sort key, from the values the pages gave. */
function mergeSorts(shards: readonly ShardLanguage[], sortValues: SortValues): Meta[4] {
  const keys = [...new Set(shards.flatMap((s) => s.meta[4].map(([key]) => key)))];
  return keys.map((key) => {
    const byShard = shards.map((shard) =>
      (shard.meta[4].find(([k]) => k === key)?.[1] ?? []).map((page) => {
        const url = shard.urls[page];
        const value = url === undefined ? undefined : sortValues.get(pageKey(url))?.[key];
        if (url === undefined || value === undefined) {
          throw new Error(
            `the search index sorts ${url ?? `page ${page}`} by "${key}", but the page gave no such value`,
          );
        }
        return { page: page + shard.offset, value };
      }),
    );
    const numeric = byShard.every((pages) => pages.every(({ value }) => NUMBER.test(value)));
    const compare = (a: { value: string }, b: { value: string }): number =>
      numeric ? Number(a.value) - Number(b.value) : byBytes(a.value, b.value);
    // Each shard's own order must agree with the values, or they are not what Pagefind read.
    for (const pages of byShard) {
      for (const [i, page] of pages.entries()) {
        const before = pages[i - 1];
        if (before && compare(before, page) > 0) {
          throw new Error(
            `the search index sorts by "${key}" in another order than its pages' values (${before.value}, then ${page.value})`,
          );
        }
      }
    }
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
  const read: ShardLanguage[] = [];
  const pages: MetaPage[] = [];
  let metaFields: string[] | undefined;
  for (const { dir, index } of shards) {
    const path = join(dir, `pagefind.${index.hash}.pf_meta`);
    const meta = checkMeta(path, decode(await readData(path)));
    if (metaFields && JSON.stringify(metaFields) !== JSON.stringify(meta[5])) {
      throw new Error(
        `${path}: its pages have other metadata fields (${meta[5].join(", ")}) than the other shards' (${metaFields.join(", ")}); the shards cannot be merged`,
      );
    }
    metaFields = meta[5];
    const shard: ShardLanguage = { dir, meta, offset: pages.length, urls: [] };
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
    metaFields ?? [],
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
