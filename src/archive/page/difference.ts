/** Where two texts first differ: how the archive names a difference from a capture. */

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

const show = (s: string): string => JSON.stringify(s);

/** "differs from <where> at character N: the capture has …, the page …", or "" when equal. */
export function describeDifference(
  where: string,
  expected: string,
  actual: string,
  side = "the page",
): string {
  const d = firstDifference(expected, actual);
  if (!d) return "";
  return `differs from ${where} at character ${d.index + 1}: the capture has ${show(d.expected)}, ${side} ${show(d.actual)}`;
}
