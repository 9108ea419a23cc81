/**
 * Text blocks: the unit in which the archive compares its article with the raw
 * capture. A block is a run of text separated from the next by a blank line.
 */

/** Splits text into blocks at blank lines; blocks keep their inner text exactly. */
export function splitBlocks(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/^\n+|\n+$/g, ""))
    .filter((block) => block.trim() !== "");
}

/** Where two texts first differ, with a little context from each side. */
export interface FirstDifference {
  /** Index of the first differing character. */
  index: number;
  /** The expected text from that index on (shortened). */
  expected: string;
  /** The actual text from that index on (shortened). */
  actual: string;
}

const SNIPPET = 40;

/** The first differing character of two strings, or null when they are equal. */
export function firstDifference(expected: string, actual: string): FirstDifference | null {
  if (expected === actual) return null;
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  return {
    index: i,
    expected: expected.slice(i, i + SNIPPET),
    actual: actual.slice(i, i + SNIPPET),
  };
}

/** The result of looking for a run of blocks inside another list of blocks. */
export type RunMatch =
  | { ok: true; start: number }
  | { ok: false; block: number; expected: string; actual: string; difference: FirstDifference };

/**
 * Checks that `run` stands in `source` as one contiguous, in-order run of
 * whole blocks. The run is aligned where the longest prefix of it matches,
 * then where most of its blocks match (so a changed first block is still
 * reported as that block); on failure it names the first block that differs.
 */
export function findRun(source: readonly string[], run: readonly string[]): RunMatch {
  let start = 0;
  let best = [-1, -1];
  for (let at = 0; at < Math.max(1, source.length); at++) {
    let prefix = 0;
    while (prefix < run.length && source[at + prefix] === run[prefix]) prefix++;
    const total = run.filter((block, i) => source[at + i] === block).length;
    const [bestPrefix = -1, bestTotal = -1] = best;
    if (prefix > bestPrefix || (prefix === bestPrefix && total > bestTotal)) {
      start = at;
      best = [prefix, total];
    }
  }
  for (let i = 0; i < run.length; i++) {
    const expected = source[start + i] ?? "";
    const actual = run[i] ?? "";
    const difference = firstDifference(expected, actual);
    if (difference) return { ok: false, block: i, expected, actual, difference };
  }
  return { ok: true, start };
}
