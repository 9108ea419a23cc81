/**
 * Is a new capture another version of an article the archive holds? The
 * rule, stated once (docs/content.md repeats it): the same publisher line,
 * and either
 *
 * - the same headline and dateline as one of the article's versions, or
 * - most of the body in common with one of them: the words both bodies share,
 *   in order, are at least `SAME_BODY_SHARE` of the longer body's words.
 *
 * So an updated dateline or a rewritten headline does not hide a recapture,
 * and another article of the same outlet and day stays separate. Pure.
 */
import { diffArrays } from "diff";
import type { CaptureReading } from "../capture/layout.ts";
import type { VersionText } from "./changes.ts";

/** The share of the longer body's words, in order, that makes two bodies one article's. */
export const SAME_BODY_SHARE = 0.5;

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
export function bodyWords(text: VersionText): string[] {
  const segmenter = new Intl.Segmenter(text.language, { granularity: "word" });
  return text.body.flatMap((b) =>
    [...segmenter.segment(b.text)].filter((s) => s.isWordLike).map((s) => s.segment),
  );
}

/** How many words two lists share at most, in any order: a bound on what they share in order. */
function sharedAnyOrder(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of b) {
    const left = counts.get(w) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(w, left - 1);
    }
  }
  return shared;
}

/** The share of the longer list's words that both lists have in order (0 to 1). */
export function shareInOrder(a: readonly string[], b: readonly string[]): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  // Cheap bound first: most candidates of an outlet share far too few words to be checked in order.
  const bound = sharedAnyOrder(a, b) / longer;
  if (bound < SAME_BODY_SHARE) return bound;
  const common = diffArrays([...a], [...b])
    .filter((part) => !part.added && !part.removed)
    .reduce((n, part) => n + part.count, 0);
  return common / longer;
}

/** A stored version the new capture is compared with. */
export interface StoredVersion {
  /** The article's id. */
  article: string;
  /** The version's number. */
  number: number;
  /** Its text, as its capture reads. */
  text: VersionText;
  /** Its body's words (bodyWords), computed once. */
  words: readonly string[];
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
 * said which article it is).
 */
export function matchVersion(
  text: VersionText,
  stored: readonly StoredVersion[],
  anyOutlet = false,
): Match | undefined {
  const candidates = stored.filter((s) => anyOutlet || s.text.publisher === text.publisher);
  const equal = candidates.find((s) => sameText(s.text, text));
  if (equal) return { version: equal, reason: { rule: "same-text" } };
  const named = candidates.find(
    (s) => s.text.headline === text.headline && s.text.dateline === text.dateline,
  );
  if (named) return { version: named, reason: { rule: "same-headline-and-dateline" } };
  const words = bodyWords(text);
  let best: Match | undefined;
  for (const s of candidates) {
    const share = shareInOrder(s.words, words);
    if (share >= SAME_BODY_SHARE && (!best || share > (best.reason as { share: number }).share)) {
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
