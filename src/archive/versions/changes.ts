/**
 * Exactly what changed between two versions of an article, worked out at build time.
 *
 * The body's blocks are aligned by jsdiff's array diff on their exact text and role; a removed
 * block that is like an added one nearby is shown as changed, and one whose exact text comes back
 * elsewhere as moved. Inside a changed block or header field the text is split into words, spaces
 * and punctuation, and nothing is normalised: the kept and deleted parts rebuild the older text
 * character for character, the kept and inserted parts the newer (`olderText`, `newerText`).
 * Pure: no Node or browser API but `Intl.Segmenter`.
 */
import { diffArrays, diffWordsWithSpace } from "diff";
import { scriptOf } from "../capture/script.ts";

/** What a body block is. */
export type Role = "paragraph" | "subheading";

/** One block of an article's body. */
export interface Block {
  /** A paragraph, or a subheading (a short heading line). */
  role: Role;
  /** The block's text, verbatim. */
  text: string;
}

/** The text of one version of an article. */
export interface VersionText {
  /** The headline. */
  headline: string;
  /** The publisher line. */
  publisher: string;
  /** The dateline. */
  dateline: string;
  /** Body blocks in order. */
  body: readonly Block[];
  /** BCP 47 language tag, e.g. "en", "zh", "ja". */
  language: string;
}

/** A header field that is compared word by word. */
export type Field = "headline" | "publisher" | "dateline";

/** The header fields, in the order they are reported. */
export const FIELDS: readonly Field[] = ["headline", "publisher", "dateline"];

/** One run of text inside a changed block or field: kept, inserted or deleted. */
export interface Part {
  /** "same" is in both versions, "del" only in the older, "ins" only in the newer. */
  kind: "same" | "ins" | "del";
  /** The run's text, verbatim (never empty). */
  text: string;
}

/** A header field's change (absent from `Changes.fields` when the field is equal). */
export interface FieldChange {
  /** Which field. */
  field: Field;
  /** Its words: same + del rebuild the older value, same + ins the newer. */
  parts: Part[];
}

/** A body block in both versions, unchanged. */
export interface SameBlock {
  /** Unchanged. */
  kind: "same";
  /** The block's role. */
  role: Role;
  /** The block's text. */
  text: string;
  /** Its index in the older body. */
  oldIndex: number;
  /** Its index in the newer body. */
  newIndex: number;
}

/** A body block only in the newer version. */
export interface AddedBlock {
  /** Added. */
  kind: "added";
  /** The block's role. */
  role: Role;
  /** The block's text. */
  text: string;
  /** Its index in the newer body. */
  newIndex: number;
  /** The older index of a removed block with the same role and text: the block moved here. */
  movedFrom?: number;
}

/** A body block only in the older version. */
export interface RemovedBlock {
  /** Removed. */
  kind: "removed";
  /** The block's role. */
  role: Role;
  /** The block's text. */
  text: string;
  /** Its index in the older body. */
  oldIndex: number;
  /** The newer index of an added block with the same role and text: the block moved there. */
  movedTo?: number;
}

/** A body block edited: its text, its role or both. */
export interface ChangedBlock {
  /** Changed. */
  kind: "changed";
  /** The newer version's role. */
  role: Role;
  /** The older version's role. */
  oldRole: Role;
  /** Its words: same + del rebuild the older text, same + ins the newer. */
  parts: Part[];
  /** Its index in the older body. */
  oldIndex: number;
  /** Its index in the newer body. */
  newIndex: number;
}

/** One step of the body's change. */
export type BlockChange = SameBlock | AddedBlock | RemovedBlock | ChangedBlock;

/** Everything that changed between two versions. */
export interface Changes {
  /** The header fields that differ, in the order of `FIELDS`. */
  fields: FieldChange[];
  /**
   * Every block of both bodies once, in reading order of the newer version, a removed block
   * where it stood: the older body is the same, removed and changed blocks in this order, the
   * newer the same, added and changed ones.
   */
  blocks: BlockChange[];
  /** How many blocks changed, were added, removed or moved. */
  counts: Counts;
}

/** How many blocks changed in each way; a moved block counts once, as moved. */
export interface Counts {
  /** Blocks edited (text or role). */
  changed: number;
  /** Blocks added, not counting those moved. */
  added: number;
  /** Blocks removed, not counting those moved. */
  removed: number;
  /** Blocks moved: a removed block whose role and text came back elsewhere. */
  moved: number;
}

/** A version's text rebuilt from `Changes`. */
export interface RebuiltText {
  /** The value of each field that changed (a field absent here is equal in both versions). */
  fields: Partial<Record<Field, string>>;
  /** The body, block for block. */
  body: Block[];
}

/**
 * A letter, digit or mark not of the Latin script nor an ASCII digit: jsdiff's word splitter
 * counts only those as word characters.
 */
const OUTSIDE_JSDIFF_WORDS = /(?![\p{Script=Latin}0-9])[\p{L}\p{N}\p{M}]/u;

const segmenters = new Map<string, Intl.Segmenter>();

/** A word segmenter for the language, or for the default locale when the tag is not valid. */
function segmenter(language: string): Intl.Segmenter {
  let found = segmenters.get(language);
  if (!found) {
    try {
      found = new Intl.Segmenter(language, { granularity: "word" });
    } catch {
      found = new Intl.Segmenter(undefined, { granularity: "word" });
    }
    segmenters.set(language, found);
  }
  return found;
}

/** The text's words, spaces and punctuation in order, as the language's segmenter splits them. */
function segments(text: string, language: string): string[] {
  return Array.from(segmenter(language).segment(text), (s) => s.segment);
}

/**
 * Whether the words are found with `Intl.Segmenter` rather than jsdiff's splitter: when the
 * language is not written in Latin script (Chinese, Japanese and Thai have no spaces between
 * words), or either text has a letter of another script, since jsdiff counts only Latin
 * letters as word characters and would compare Arabic or Cyrillic letter by letter.
 */
function usesSegmenter(a: string, b: string, language: string): boolean {
  const script = scriptOf(language);
  if (script !== null && script !== "Latn") return true;
  return OUTSIDE_JSDIFF_WORDS.test(a) || OUTSIDE_JSDIFF_WORDS.test(b);
}

/** A kept run of text, or the text deleted and inserted between two kept runs. */
type Run = { same: string } | { del: string; ins: string };

/** Whether a change deletes or inserts a letter or digit, not only spaces and punctuation. */
const wordy = (run: { del: string; ins: string }): boolean =>
  /[\p{L}\p{N}]/u.test(run.del + run.ins);

/**
 * The word-by-word parts between two texts. Whitespace is a token like any other (jsdiff's
 * `diffWordsWithSpace`, or `diffArrays` on the segmenter's words, spaces included), so a change
 * of spacing or punctuation is a change. Between two kept runs, the deleted text comes first as
 * one part, then the inserted text. A kept run of whitespace alone between two changes of words
 * is shown deleted and inserted with them ("rebel commander" → "Haftar" is one change, not
 * "rebel" → "Haftar", a space kept and "commander " deleted), and whitespace that both sides of a
 * change begin or end with is kept. Both texts stay exact.
 */
export function wordParts(older: string, newer: string, language: string): Part[] {
  if (older === newer) return older === "" ? [] : [{ kind: "same", text: older }];
  const steps = usesSegmenter(older, newer, language)
    ? diffArrays(segments(older, language), segments(newer, language)).map((c) => ({
        ...c,
        value: c.value.join(""),
      }))
    : diffWordsWithSpace(older, newer);
  const runs: Run[] = [];
  for (const step of steps) {
    if (!step.value) continue;
    let run = runs.at(-1);
    if (!step.added && !step.removed) {
      if (run && "same" in run) run.same += step.value;
      else runs.push({ same: step.value });
      continue;
    }
    if (!run || "same" in run) runs.push((run = { del: "", ins: "" }));
    if (step.removed) run.del += step.value;
    else run.ins += step.value;
  }
  const folded: Run[] = [];
  for (const run of runs) {
    const before = folded.at(-2);
    const gap = folded.at(-1);
    const fold =
      "del" in run &&
      before !== undefined &&
      "del" in before &&
      gap !== undefined &&
      "same" in gap &&
      /^\s+$/u.test(gap.same) &&
      wordy(before) &&
      wordy(run);
    if (!fold) {
      folded.push(run);
      continue;
    }
    folded.pop();
    before.del += gap.same + run.del;
    before.ins += gap.same + run.ins;
  }
  const parts: Part[] = [];
  const push = (kind: Part["kind"], text: string) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else if (text) parts.push({ kind, text });
  };
  for (const run of folded) {
    if ("same" in run) {
      push("same", run.same);
      continue;
    }
    // Whitespace both sides have at the ends of a change is kept, not changed.
    const head = commonSpace(run.del, run.ins, (s, k) => s[k]);
    const tail = commonSpace(run.del.slice(head), run.ins.slice(head), (s, k) => s.at(-1 - k));
    push("same", run.del.slice(0, head));
    push("del", run.del.slice(head, run.del.length - tail));
    push("ins", run.ins.slice(head, run.ins.length - tail));
    push("same", run.del.slice(run.del.length - tail));
  }
  return parts;
}

/** How many whitespace characters two texts share at one end, read by `at`. */
function commonSpace(
  a: string,
  b: string,
  at: (s: string, k: number) => string | undefined,
): number {
  let k = 0;
  for (let c = at(a, k); c !== undefined && c === at(b, k) && /\s/u.test(c); c = at(a, ++k));
  return k;
}

/** A text's length without its whitespace. */
const solid = (text: string): number => text.replace(/\s/gu, "").length;

/**
 * The parts of an older block and a newer one when they are similar enough to be shown as one
 * block changed, or null. The rule: the word diff keeps at least half of the non-whitespace
 * characters of the longer of the two (two blocks of whitespace alone are similar).
 */
function similarParts(older: Block, newer: Block, language: string): Part[] | null {
  const longer = Math.max(solid(older.text), solid(newer.text));
  if (longer === 0) return wordParts(older.text, newer.text, language);
  // What is kept is at most the shorter text: skip the diff when that is already too little.
  if (2 * Math.min(solid(older.text), solid(newer.text)) < longer) return null;
  const parts = wordParts(older.text, newer.text, language);
  const kept = parts.reduce((n, p) => n + (p.kind === "same" ? solid(p.text) : 0), 0);
  return 2 * kept >= longer ? parts : null;
}

/** A block's identity for alignment and moves: its role and its exact text. */
const key = (block: Block): string => `${block.role}:${block.text}`;

/** A block and its index in its version's body. */
interface Indexed {
  /** The index in the body. */
  index: number;
  /** The block. */
  block: Block;
}

/** A run of blocks the array diff found removed and added between two kept ones. */
interface Hunk {
  /** Older blocks, in order. */
  removed: Indexed[];
  /** Newer blocks, in order. */
  added: Indexed[];
}

/** The blocks of a body from `start`, `count` of them, with their indices. */
const indexed = (body: readonly Block[], start: number, count: number): Indexed[] =>
  body.slice(start, start + count).map((block, k) => ({ index: start + k, block }));

/** What changed from `older` to `newer`: the header fields word by word, the body by block. */
export function changesBetween(older: VersionText, newer: VersionText): Changes {
  const language = newer.language;
  const fields = FIELDS.flatMap((field): FieldChange[] =>
    older[field] === newer[field]
      ? []
      : [{ field, parts: wordParts(older[field], newer[field], language) }],
  );

  // Align the blocks: kept ones, and hunks of removed and added ones between them.
  const steps: (SameBlock | Hunk)[] = [];
  let o = 0;
  let n = 0;
  for (const { added, removed, count } of diffArrays(older.body.map(key), newer.body.map(key))) {
    if (!added && !removed) {
      for (const { index, block } of indexed(newer.body, n, count)) {
        const { role, text } = block;
        steps.push({ kind: "same", role, text, oldIndex: index - n + o, newIndex: index });
      }
      o += count;
      n += count;
      continue;
    }
    let hunk = steps.at(-1);
    if (!hunk || "kind" in hunk) steps.push((hunk = { removed: [], added: [] }));
    if (removed) hunk.removed.push(...indexed(older.body, o, count));
    else hunk.added.push(...indexed(newer.body, n, count));
    if (removed) o += count;
    else n += count;
  }
  const hunks = steps.filter((step): step is Hunk => !("kind" in step));

  // Moves: a removed block whose role and text come back as an added block anywhere.
  const movedTo = new Map<number, number>();
  const movedFrom = new Map<number, number>();
  const waiting = new Map<string, number[]>();
  for (const { index, block } of hunks.flatMap((hunk) => hunk.added)) {
    waiting.set(key(block), [...(waiting.get(key(block)) ?? []), index]);
  }
  for (const { index, block } of hunks.flatMap((hunk) => hunk.removed)) {
    const to = waiting.get(key(block))?.shift();
    if (to === undefined) continue;
    movedTo.set(index, to);
    movedFrom.set(to, index);
  }

  const blocks: BlockChange[] = [];
  const removed = ({ index, block: { role, text } }: Indexed): RemovedBlock => {
    const to = movedTo.get(index);
    return {
      kind: "removed",
      role,
      text,
      oldIndex: index,
      ...(to === undefined ? {} : { movedTo: to }),
    };
  };
  const added = ({ index, block: { role, text } }: Indexed): AddedBlock => {
    const from = movedFrom.get(index);
    return {
      kind: "added",
      role,
      text,
      newIndex: index,
      ...(from === undefined ? {} : { movedFrom: from }),
    };
  };
  for (const step of steps) {
    if ("kind" in step) {
      blocks.push(step);
      continue;
    }
    // Pair removed blocks with added ones in order, each with the first similar one after the
    // last pair's, so that both versions keep their order; moved blocks are not paired.
    const free = step.added.filter(({ index }) => !movedFrom.has(index));
    let from = 0;
    let r = 0;
    let a = 0;
    const upTo = (oldIndex: number, newIndex: number) => {
      for (let x = step.removed[r]; x && x.index < oldIndex; x = step.removed[++r]) {
        blocks.push(removed(x));
      }
      for (let y = step.added[a]; y && y.index < newIndex; y = step.added[++a]) {
        blocks.push(added(y));
      }
    };
    for (const x of step.removed) {
      if (movedTo.has(x.index)) continue;
      for (const [k, y] of free.entries()) {
        if (k < from) continue;
        const parts = similarParts(x.block, y.block, language);
        if (!parts) continue;
        upTo(x.index, y.index);
        r++;
        a++;
        blocks.push({
          kind: "changed",
          role: y.block.role,
          oldRole: x.block.role,
          parts,
          oldIndex: x.index,
          newIndex: y.index,
        });
        from = k + 1;
        break;
      }
    }
    upTo(Infinity, Infinity);
  }

  const counts: Counts = { changed: 0, added: 0, removed: 0, moved: movedTo.size };
  for (const block of blocks) {
    if (block.kind === "changed") counts.changed++;
    else if (block.kind === "added" && block.movedFrom === undefined) counts.added++;
    else if (block.kind === "removed" && block.movedTo === undefined) counts.removed++;
  }
  return { fields, blocks, counts };
}

/** The text of the parts a side keeps: "del" for the older, "ins" for the newer. */
const side = (parts: readonly Part[], kind: "del" | "ins"): string =>
  parts.map((p) => (p.kind === "same" || p.kind === kind ? p.text : "")).join("");

/** The older version's changed fields and body, rebuilt from the changes alone. */
export function olderText(changes: Changes): RebuiltText {
  const fields: Partial<Record<Field, string>> = {};
  for (const { field, parts } of changes.fields) fields[field] = side(parts, "del");
  const body = changes.blocks.flatMap((b): Block[] => {
    if (b.kind === "added") return [];
    if (b.kind === "changed") return [{ role: b.oldRole, text: side(b.parts, "del") }];
    return [{ role: b.role, text: b.text }];
  });
  return { fields, body };
}

/** The newer version's changed fields and body, rebuilt from the changes alone. */
export function newerText(changes: Changes): RebuiltText {
  const fields: Partial<Record<Field, string>> = {};
  for (const { field, parts } of changes.fields) fields[field] = side(parts, "ins");
  const body = changes.blocks.flatMap((b): Block[] => {
    if (b.kind === "removed") return [];
    if (b.kind === "changed") return [{ role: b.role, text: side(b.parts, "ins") }];
    return [{ role: b.role, text: b.text }];
  });
  return { fields, body };
}

/** "a", "a and b", "a, b and c". */
function list(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/**
 * One line for the changes: the fields changed, then the blocks, e.g. "1 block changed, 1 added",
 * "headline changed; 2 blocks removed", or "no change in the text".
 */
export function summarise(changes: Changes): string {
  const lines: string[] = [];
  if (changes.fields.length > 0) lines.push(`${list(changes.fields.map((f) => f.field))} changed`);
  const { changed, added, removed, moved } = changes.counts;
  const counted = (
    [
      [changed, "changed"],
      [added, "added"],
      [removed, "removed"],
      [moved, "moved"],
    ] as const
  ).filter(([count]) => count > 0);
  const blocks = counted.map(([count, what], k) =>
    k === 0 ? `${count} block${count === 1 ? "" : "s"} ${what}` : `${count} ${what}`,
  );
  if (blocks.length > 0) lines.push(blocks.join(", "));
  return lines.length > 0 ? lines.join("; ") : "no change in the text";
}
