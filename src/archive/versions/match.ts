/**
 * Is a new capture another version of an article the archive holds? The
 * rule, stated once (docs/content.md repeats it): the same publisher line,
 * and either
 *
 * - the same headline and dateline as one of the article's versions, or
 * - most of the body in common with one of them: the words both bodies share,
 *   in order, are at least `SAME_BODY_SHARE` of the longer body's words, and
 *   at least `SAME_BODY_WORDS` words (two short bodies of an outlet share half
 *   their words in its turns of phrase alone).
 *
 * So an updated dateline or a rewritten headline does not hide a recapture,
 * and another article of the same outlet and day stays separate. Pure, but
 * for the table of word numbers it keeps (`bodyWordIds`).
 */
import type { CaptureReading, LayoutVersion } from "../capture/layout.ts";
import type { VersionText } from "./changes.ts";

/** The share of the longer body's words, in order, that makes two bodies one article's. */
export const SAME_BODY_SHARE = 0.5;

/**
 * The fewest words two bodies must share, in order, to be one article's by
 * their bodies alone: a brief's few words can be half another brief's in
 * common words ("the", "said", the outlet's phrases), so short bodies match
 * by their headline and dateline, or by `--version-of`.
 */
export const SAME_BODY_WORDS = 20;

type Reading = Extract<CaptureReading, { ok: true }>;

/** A capture reading as the change pages and the match compare it. */
export function versionText(reading: Reading, language: string): VersionText {
  return {
    headline: reading.headline,
    publisher: reading.publisher,
    dateline: reading.dateline,
    body: reading.body.map((b) => ({
      role: b.role === "subheading" ? "subheading" : "paragraph",
      text: b.block.text,
    })),
    language,
  };
}

/** The words of a body, in order (Intl.Segmenter's, so Chinese and Japanese are split too). */
function bodyWords(text: VersionText): string[] {
  const segmenter = new Intl.Segmenter(text.language, { granularity: "word" });
  return text.body.flatMap((b) =>
    [...segmenter.segment(b.text)].filter((s) => s.isWordLike).map((s) => s.segment),
  );
}

/** Each distinct word a number, for the life of the process: bodies compare as numbers. */
const wordNumbers = new Map<string, number>();

/**
 * A body's words, in order, each as its number: what the match compares,
 * computed once a version (a few bytes a word, where the words as strings
 * would hold tens).
 */
export function bodyWordIds(text: VersionText): Uint32Array {
  const words = bodyWords(text);
  const ids = new Uint32Array(words.length);
  words.forEach((word, i) => {
    let id = wordNumbers.get(word);
    if (id === undefined) {
      id = wordNumbers.size;
      wordNumbers.set(word, id);
    }
    ids[i] = id;
  });
  return ids;
}

/** The number of 1 bits in a 32-bit word. */
function ones(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * How many 32-bit words of bit arrays one `commonInOrderWith` keeps (16 MB):
 * every word of an article's body fits many times over; past it, a word's
 * bits are set for each use and cleared after, so a huge capture costs time,
 * not memory in the square of its length.
 */
const BIT_BUDGET = 4 * 1024 * 1024;

/**
 * The length of the longest common subsequence of `a` and each list it is
 * given: how many words two bodies share in order, what a minimal diff keeps
 * of both. Bit-parallel (Allison and Dix; Hyyrö): one pass over the other
 * list, a machine word at a time over `a`, where a diff of two unrelated
 * bodies walks their whole edit graph. A word's positions in `a` become bits
 * only when a list it is given holds the word, kept while `budget` (in 32-bit
 * words) lasts.
 */
export function commonInOrderWith(
  a: ArrayLike<number>,
  budget = BIT_BUDGET,
): (b: ArrayLike<number>) => number {
  const m = a.length;
  const size = (m + 31) >>> 5;
  /** Each word's positions in `a`. */
  const positions = new Map<number, number[]>();
  for (let i = 0; i < m; i++) {
    const word = a[i] as number;
    const at = positions.get(word);
    if (at) at.push(i);
    else positions.set(word, [i]);
  }
  /** The positions of the words compared so far, as bits, while the budget lasts. */
  const kept = new Map<number, Uint32Array>();
  let left = budget;
  /** The bits of a word not kept, set for one use. */
  const scratch = new Uint32Array(size);
  const mark = (bits: Uint32Array, at: readonly number[], on: boolean): void => {
    for (const i of at) {
      const k = i >>> 5;
      const bit = 1 << (i & 31);
      bits[k] = (on ? (bits[k] as number) | bit : (bits[k] as number) & ~bit) >>> 0;
    }
  };
  const lastBits = m & 31 ? (1 << (m & 31)) - 1 : 0xffffffff;
  return (b) => {
    if (m === 0) return 0;
    // v's 0 bits mark the positions of `a` matched so far.
    const v = new Uint32Array(size).fill(0xffffffff);
    for (let j = 0; j < b.length; j++) {
      const word = b[j] as number;
      const at = positions.get(word);
      if (!at) continue;
      let match = kept.get(word);
      if (!match && left >= size) {
        match = new Uint32Array(size);
        mark(match, at, true);
        kept.set(word, match);
        left -= size;
      }
      const bits = match ?? scratch;
      if (!match) mark(scratch, at, true);
      let carry = 0;
      for (let k = 0; k < size; k++) {
        const vk = v[k] as number;
        const mk = bits[k] as number;
        const sum = vk + ((vk & mk) >>> 0) + carry;
        carry = sum > 0xffffffff ? 1 : 0;
        v[k] = (sum >>> 0) | (vk & ~mk);
      }
      if (!match) mark(scratch, at, false);
    }
    let set = 0;
    for (let k = 0; k < size; k++) {
      set += ones(k === size - 1 ? ((v[k] as number) & lastBits) >>> 0 : (v[k] as number));
    }
    return m - set;
  };
}

/** The share of the longer list's words that `a` and each list it is given have in order (0 to 1). */
export function shareInOrderWith(a: ArrayLike<number>): (b: ArrayLike<number>) => number {
  const commonWith = commonInOrderWith(a);
  return (b) => {
    const longer = Math.max(a.length, b.length);
    return longer === 0 ? 1 : commonWith(b) / longer;
  };
}

/** A stored version the new capture is compared with. */
export interface StoredVersion {
  /** The article's id. */
  article: string;
  /** The version's number. */
  number: number;
  /** The layout rules its capture is read by (its article file's `layout`). */
  layout: LayoutVersion;
  /** Its text, as its capture reads. */
  text: VersionText;
  /** Its body's words as numbers (bodyWordIds), computed once. */
  words: Uint32Array;
}

/** Why a capture was taken for a version of a stored article. */
export type MatchReason =
  { rule: "same-text" } | { rule: "same-headline-and-dateline" } | { rule: "body"; share: number };

/** The stored version a capture matches best, and why; undefined when it matches none. */
export interface Match {
  version: StoredVersion;
  reason: MatchReason;
}

/** True when two versions' texts are the same, field for field and block for block. */
export function sameText(a: VersionText, b: VersionText): boolean {
  return (
    a.headline === b.headline &&
    a.publisher === b.publisher &&
    a.dateline === b.dateline &&
    a.body.length === b.body.length &&
    a.body.every((x, i) => x.role === b.body[i]?.role && x.text === b.body[i]?.text)
  );
}

/**
 * The stored version `text` is another capture of, if any, by the rule above:
 * an equal text first, then the same headline and dateline, then the largest
 * share of the body. `anyOutlet` drops the publisher condition (the archivist
 * said which article it is); `textBy` gives the capture's text as a version of
 * the layout rules reads it (the rules' current version reads `text`).
 */
export function matchVersion(
  text: VersionText,
  stored: readonly StoredVersion[],
  anyOutlet = false,
  textBy: (layout: LayoutVersion) => VersionText = () => text,
): Match | undefined {
  const candidates = stored.filter((s) => anyOutlet || s.text.publisher === text.publisher);
  // Nothing to compare with: no words counted, no bits set.
  if (candidates.length === 0) return undefined;
  // The same text by the rules that read the stored version, so a capture of an article
  // imported under older layout rules is still the same text, not a new version.
  const equal = candidates.find((s) => sameText(s.text, textBy(s.layout)));
  if (equal) return { version: equal, reason: { rule: "same-text" } };
  const named = candidates.find(
    (s) => s.text.headline === text.headline && s.text.dateline === text.dateline,
  );
  if (named) return { version: named, reason: { rule: "same-headline-and-dateline" } };
  const words = bodyWordIds(text);
  const shareWith = shareInOrderWith(words);
  let best: Match | undefined;
  for (const s of candidates) {
    const share = shareWith(s.words);
    const shared = share * Math.max(words.length, s.words.length);
    if (
      share >= SAME_BODY_SHARE &&
      shared >= SAME_BODY_WORDS &&
      (!best || share > (best.reason as { share: number }).share)
    ) {
      best = { version: s, reason: { rule: "body", share } };
    }
  }
  return best;
}

/** The reason in words, for the importer's summary line. */
export function describeMatch(reason: MatchReason): string {
  switch (reason.rule) {
    case "same-text":
      return "the same article text";
    case "same-headline-and-dateline":
      return "the same outlet, headline and dateline";
    case "body":
      return `the same outlet and ${Math.floor(reason.share * 100)}% of the body's words in common, in order`;
  }
}
