/**
 * A deterministic corpus of realistic raw captures for the benchmark: N text
 * files laid out block for block like the seed capture
 * (content/captures/000_03d7a90d1c96a686.txt), so the import, the build and the
 * search index meet the same shapes they meet in real captures, at any scale.
 *
 * Each capture is blocks of text separated by one blank line ("\n\n"), LF line
 * endings and no final newline, in the seed's order:
 *
 *   1. `Find a Security Clearance Job!`
 *   2. a section label (`Military`, `Weapons of Mass Destruction (WMD)`, …)
 *   3. the publisher line, as a source label (identical to block 5)
 *   4. the headline (no final full stop; distinct across the corpus)
 *   5. the publisher line (`Iran Press TV` or an invented outlet)
 *   6. the dateline (`Sunday, 24 May 2020 7:18 AM`; 2005-01-01 … 2024-12-31)
 *   7. the body: paragraphs of 1–4 sentences, as many as its length needs (at least
 *      4), with 0–3 subheadings between them; lengths follow real news (BODY_WORDS)
 *   8. `Join the mailing list`
 *   9. `Unconventional Threat podcast - …`
 *
 * The words are pronounceable pseudo-words from a 50,000-word vocabulary drawn
 * with a Zipf distribution, so a few words are very common and most are rare,
 * as in real text. Two marker words occur in exactly 1 and exactly 10 captures,
 * and the most frequent word is exported, for timing rare and common queries.
 * Every tenth capture is captured again, edited (`versions`): one paragraph
 * gets a sentence and a new paragraph follows it (version 2); every twentieth
 * once more, with its first paragraph removed (version 3), as real articles
 * change after publication.
 * The same (n, seed) always gives byte-identical files.
 *
 * CLI: node bench/corpus.ts --n 1000 --out /tmp/corpus [--seed 1]
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** How many captures to make, and the seed that fixes their content (default 1). */
export interface CorpusOptions {
  n: number;
  seed?: number;
}

/** One generated capture: its file name, its text, and two of its facts. */
export interface CorpusCapture {
  /** File name like the seed's: `000001_ab12cd34ef567890.txt`. */
  file: string;
  /** The capture's text (UTF-8, LF, no final newline). */
  text: string;
  /** The dateline's calendar date, "YYYY-MM-DD". */
  published: string;
  /** The publisher line (blocks 3 and 5). */
  publisher: string;
}

/** Marker words: `one` occurs in exactly 1 capture, `ten` in exactly min(10, n). */
export interface CorpusMarkers {
  one: string;
  ten: string;
}

/** A later capture of one of the corpus's captures: the same article, edited. */
export interface CorpusVersion extends CorpusCapture {
  /** 2 or 3: the version the importer should make of it. */
  version: 2 | 3;
  /** The file name of the capture it is a version of. */
  of: string;
}

/** Every VERSIONS_EVERY-th capture gets a version 2, every second of those a version 3. */
export const VERSIONS_EVERY = 10;

/** A generated corpus; `captures` can be iterated again and gives the same captures. */
export interface Corpus {
  captures: Iterable<CorpusCapture>;
  /** Later, edited captures of some of them (see VERSIONS_EVERY), in order. */
  versions: Iterable<CorpusVersion>;
  markers: CorpusMarkers;
  /** The most frequent vocabulary word, for timing a common query. */
  common: string;
}

/**
 * The markers. No vocabulary word contains a "z" (see SYLLABLES), so no other
 * word starts with "zq…" or is a prefix of a marker, and neither marker is a
 * prefix of the other: a prefix-matching search finds exactly their captures.
 */
export const MARKERS: CorpusMarkers = { one: "zqxmarkone", ten: "zqxmarkten" };

const JOB_ADVERT = "Find a Security Clearance Job!";
const MAILING_LIST = "Join the mailing list";
const PODCAST = "Unconventional Threat podcast - ";

const SECTIONS = [
  "Military",
  "Intelligence",
  "Homeland Security",
  "Space",
  "Nuclear Weapons",
  "Weapons of Mass Destruction (WMD)",
  "Missile Defense",
  "Cyber Security",
];

const PUBLISHERS = [
  "Iran Press TV",
  "Northwind Gazette",
  "Daily Meridian",
  "Harbour Ledger",
  "Eastern Courier",
  "Capital Sentinel",
  "Lakeside Observer",
];

/** A list written as space-separated words. */
const list = (text: string): string[] => text.split(" ");

const WEEKDAYS = list("Sunday Monday Tuesday Wednesday Thursday Friday Saturday");
const MONTHS = list(
  "January February March April May June July August September October November December",
);

/** Syllable parts; no "z", "q" or "x" anywhere, which keeps the markers unique. */
const SYLLABLES = {
  onsets: [
    "",
    "",
    ...list(
      "b c d f g h j k l m n p r s t v w y bl br ch cl cr dr fl fr gl gr pl pr sh sk sl sp st th tr",
    ),
  ],
  vowels: list("a e i o u a e i o ai ea ee ia io oa ou"),
  codas: ["", "", "", "", ...list("n r s l t m k nd nt rd rn st ck")],
};

/**
 * Body lengths in words, as real news articles have them: log-normal around
 * a median of about 600 words (the seed has 567), from 150 to 2,500, with a
 * long tail of long reads.
 */
export const BODY_WORDS = { median: 600, spread: 0.55, min: 150, max: 2_500 } as const;

const VOCABULARY_SIZE = 50_000;
const ZIPF_EXPONENT = 1.07;
const FIRST_DAY = Date.UTC(2005, 0, 1);
const DAYS = (Date.UTC(2024, 11, 31) - FIRST_DAY) / 86_400_000 + 1;

type Random = () => number;

/** A small deterministic PRNG (mulberry32): floats in [0, 1). */
function mulberry32(seed: number): Random {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** An independent PRNG stream for one purpose, so streams do not shift each other. */
const stream = (seed: number, purpose: string): Random =>
  mulberry32(parseInt(hex(`${seed}:${purpose}`).slice(0, 8), 16));

/** A whole number in [min, max]. */
const int = (next: Random, min: number, max: number): number =>
  min + Math.floor(next() * (max - min + 1));

function pick<T>(next: Random, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** One pronounceable pseudo-word of 1–4 syllables (length not yet checked). */
function pseudoWord(next: Random): string {
  let word = "";
  for (let s = int(next, 1, 4); s > 0; s--) {
    word +=
      pick(next, SYLLABLES.onsets) + pick(next, SYLLABLES.vowels) + pick(next, SYLLABLES.codas);
  }
  return word;
}

/** The vocabulary in rank order: distinct words of 3–12 letters, shortest (most common) first. */
function vocabulary(next: Random): string[] {
  const words = new Set<string>();
  while (words.size < VOCABULARY_SIZE) {
    const word = pseudoWord(next);
    if (word.length >= 3 && word.length <= 12) words.add(word);
  }
  return [...words].sort((a, b) => a.length - b.length);
}

/** Draws words by Zipf rank: a cumulative weight table searched by bisection. */
function zipfSampler(words: readonly string[], next: Random): () => string {
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let rank = 1; rank <= words.length; rank++) {
    total += rank ** -ZIPF_EXPONENT;
    cumulative[rank - 1] = total;
  }
  return () => {
    const target = next() * total;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return words[lo] as string;
  };
}

/** Generates the text parts of a capture from one PRNG stream and a word sampler. */
function writer(next: Random, word: () => string) {
  const words = (min: number, max: number): string[] =>
    Array.from({ length: int(next, min, max) }, word);
  /** A capitalised run of words with no final punctuation (headlines, subheadings). */
  const phrase = (min: number, max: number): string => capitalise(words(min, max).join(" "));
  /** 4–16 words, capitalised, sometimes with a comma, ending with a full stop. */
  const sentence = (): string => {
    const ws = words(4, 16);
    if (next() < 0.3) {
      const at = int(next, 1, ws.length - 2);
      ws[at] += ",";
    }
    return `${capitalise(ws.join(" "))}.`;
  };
  const paragraph = (): string => Array.from({ length: int(next, 1, 4) }, sentence).join(" ");
  return { phrase, paragraph };
}

/** Puts a word into a paragraph as its second word. */
const withWord = (paragraph: string, extra: string): string => paragraph.replace(" ", ` ${extra} `);

/** Places 0–3 subheadings in distinct gaps between paragraphs (never first or last). */
function withSubheadings(paragraphs: string[], next: Random, subheading: () => string): string[] {
  const gaps = new Set<number>();
  const count = Math.min(int(next, 0, 3), paragraphs.length - 1);
  while (gaps.size < count) gaps.add(int(next, 1, paragraphs.length - 1));
  return paragraphs.flatMap((p, i) => (gaps.has(i) ? [subheading(), p] : [p]));
}

/** A uniformly random moment in 2005–2024 as its dateline and its calendar date. */
function dateline(next: Random): { dateline: string; published: string } {
  const date = new Date(FIRST_DAY + int(next, 0, DAYS - 1) * 86_400_000);
  const minutes = int(next, 0, 24 * 60 - 1);
  const hour = Math.floor(minutes / 60);
  const clock = `${hour % 12 || 12}:${String(minutes % 60).padStart(2, "0")} ${hour < 12 ? "AM" : "PM"}`;
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  return {
    dateline: `${WEEKDAYS[date.getUTCDay()]}, ${d} ${MONTHS[m]} ${y} ${clock}`,
    published: `${y}-${String(m + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
  };
}

/** Which captures (1-based) get which markers: one index for `one`, min(10, n) for `ten`. */
function markerPlan(n: number, seed: number): Map<number, string[]> {
  const next = stream(seed, "markers");
  const plan = new Map<number, string[]>();
  const add = (index: number, marker: string): void => {
    plan.set(index, [...(plan.get(index) ?? []), marker]);
  };
  add(int(next, 1, n), MARKERS.one);
  const ten = new Set<number>();
  while (ten.size < Math.min(10, n)) ten.add(int(next, 1, n));
  for (const index of ten) add(index, MARKERS.ten);
  return plan;
}

/** `000001_ab12cd34ef567890.txt`: the index, and 16 hex digits of sha256(seed:index). */
function fileName(index: number, n: number, seed: number): string {
  const width = Math.max(6, String(n).length);
  return `${String(index).padStart(width, "0")}_${hex(`${seed}:${index}`).slice(0, 16)}.txt`;
}

/** A body length in words, drawn from BODY_WORDS's log-normal (Box–Muller), within its bounds. */
function bodyLength(next: Random): number {
  const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const words = BODY_WORDS.median * Math.exp(BODY_WORDS.spread * normal);
  return Math.round(Math.min(BODY_WORDS.max, Math.max(BODY_WORDS.min, words)));
}

/** Yields the n captures in order; every call starts over and yields the same captures. */
function* captures(n: number, seed: number, words: readonly string[]): Generator<CorpusCapture> {
  const next = stream(seed, "captures");
  const text = writer(next, zipfSampler(words, next));
  const plan = markerPlan(n, seed);
  const headlines = new Set<string>();
  for (let index = 1; index <= n; index++) {
    const section = pick(next, SECTIONS);
    const publisher = pick(next, PUBLISHERS);
    let headline = text.phrase(5, 11);
    while (headlines.has(headline)) headline = text.phrase(5, 11);
    headlines.add(headline);
    const when = dateline(next);
    const target = bodyLength(next);
    const paragraphs: string[] = [];
    for (let words = 0; words < target || paragraphs.length < 4;) {
      const paragraph = text.paragraph();
      paragraphs.push(paragraph);
      words += paragraph.split(" ").length;
    }
    for (const marker of plan.get(index) ?? []) {
      const at = int(next, 0, paragraphs.length - 1);
      paragraphs[at] = withWord(paragraphs[at] as string, marker);
    }
    const body = withSubheadings(paragraphs, next, () => text.phrase(3, 9));
    const podcast = PODCAST + text.phrase(4, 12);
    const blocks = [JOB_ADVERT, section, publisher, headline, publisher, when.dateline];
    yield {
      file: fileName(index, n, seed),
      text: [...blocks, ...body, MAILING_LIST, podcast].join("\n\n"),
      published: when.published,
      publisher,
    };
  }
}

/** The sentence a version 2 adds to one paragraph (no marker, no vocabulary word). */
const CORRECTION = " It was later corrected.";

/** Yields the versions of every VERSIONS_EVERY-th capture, in order; the same each call. */
function* versions(n: number, seed: number, words: readonly string[]): Generator<CorpusVersion> {
  const next = stream(seed, "versions");
  const text = writer(next, zipfSampler(words, next));
  let index = 0;
  for (const capture of captures(n, seed, words)) {
    index++;
    if (index % VERSIONS_EVERY !== 0) continue;
    const blocks = capture.text.split("\n\n");
    // The body's paragraphs end with a full stop; its subheadings do not.
    const paragraphs = blocks
      .map((b, i) => (i >= 6 && i < blocks.length - 2 && b.endsWith(".") ? i : -1))
      .filter((i) => i >= 0);
    const edited = paragraphs.at(-1) ?? 6;
    const second = [...blocks];
    second[edited] += CORRECTION;
    second.splice(edited + 1, 0, text.paragraph());
    const named = (v: 2 | 3, body: string[]): CorpusVersion => ({
      ...capture,
      file: capture.file.replace(/\.txt$/, `_v${v}.txt`),
      text: body.join("\n\n"),
      version: v,
      of: capture.file,
    });
    yield named(2, second);
    if (index % (2 * VERSIONS_EVERY) === 0) {
      yield named(
        3,
        second.filter((_, i) => i !== paragraphs[0]),
      );
    }
  }
}

/** Generates a corpus of `n` captures; nothing is made until `captures` is iterated. */
export function generateCorpus({ n, seed = 1 }: CorpusOptions): Corpus {
  if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a positive whole number, not ${n}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be a whole number, not ${seed}`);
  const words = vocabulary(stream(seed, "vocabulary"));
  return {
    captures: { [Symbol.iterator]: () => captures(n, seed, words) },
    versions: { [Symbol.iterator]: () => versions(n, seed, words) },
    markers: MARKERS,
    common: words[0] as string,
  };
}

/**
 * Writes every capture into `dir` (created if missing), one file at a time,
 * and each version into `<dir>-versions/<version>/`, to be imported after.
 */
export async function writeCorpus(
  dir: string,
  options: CorpusOptions,
): Promise<{ files: number; versions: number; markers: CorpusMarkers; common: string }> {
  const corpus = generateCorpus(options);
  await mkdir(dir, { recursive: true });
  let files = 0;
  for (const capture of corpus.captures) {
    await writeFile(join(dir, capture.file), capture.text, "utf8");
    files++;
  }
  let versions = 0;
  for (const version of corpus.versions) {
    const folder = join(`${dir}-versions`, String(version.version));
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, version.file), version.text, "utf8");
    versions++;
  }
  return { files, versions, markers: corpus.markers, common: corpus.common };
}

/** The CLI: writes the corpus and prints the file count, markers and common word as JSON. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string" },
      out: { type: "string" },
      seed: { type: "string", default: "1" },
    },
  });
  if (!values.n || !values.out) {
    throw new Error("Usage: node bench/corpus.ts --n 1000 --out /tmp/corpus [--seed 1]");
  }
  const result = await writeCorpus(values.out, { n: Number(values.n), seed: Number(values.seed) });
  console.log(JSON.stringify({ out: resolve(values.out), ...result }, null, 2));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
