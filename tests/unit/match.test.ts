/**
 * The version match's measure of two bodies: the words they share in order,
 * counted bit-parallel, against what a minimal diff (jsdiff) keeps of both.
 */
import { diffArrays } from "diff";
import { describe, expect, it } from "vitest";
import {
  bodyWordIds,
  commonInOrderWith,
  shareInOrderWith,
} from "../../src/archive/versions/match.ts";

/** What jsdiff's minimal diff keeps of both lists. */
function keptByDiff(a: readonly number[], b: readonly number[]): number {
  return diffArrays([...a], [...b])
    .filter((part) => !part.added && !part.removed)
    .reduce((n, part) => n + part.count, 0);
}

/** A deterministic list of `n` words drawn from `vocabulary` (a linear congruential generator). */
function words(n: number, vocabulary: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: n }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % vocabulary;
  });
}

describe("the words two bodies share in order", () => {
  // jsdiff's minimal diff of long lists: about 1.3 s alone, over 5 s beside the browser tests.
  it(
    "are what a minimal diff keeps, across word boundaries of the bit vectors",
    { timeout: 30_000 },
    () => {
      const cases: [number[], number[]][] = [
        [[], []],
        [[1, 2, 3], []],
        [
          [1, 2, 3],
          [1, 2, 3],
        ],
        [
          [1, 2, 3],
          [3, 2, 1],
        ],
      ];
      // Lengths on both sides of 32 and 64 bits, few and many distinct words, edits of one.
      for (const [m, n] of [
        [31, 33],
        [32, 32],
        [33, 31],
        [64, 65],
        [65, 64],
        [200, 180],
        [700, 650],
      ]) {
        for (const vocabulary of [3, 20, 1_000]) {
          const a = words(m ?? 0, vocabulary, m ?? 0);
          cases.push([a, words(n ?? 0, vocabulary, (n ?? 0) * 7)]);
          cases.push([a, [...a.slice(0, 10), 9_999, ...a.slice(12)]]);
        }
      }
      for (const [a, b] of cases) {
        expect(commonInOrderWith(a)(b), `${a.length} and ${b.length} words`).toBe(keptByDiff(a, b));
        expect(commonInOrderWith(b)(a)).toBe(keptByDiff(a, b));
      }
    },
  );

  it("are the same when a word's bits are kept for none, some or all of the words", () => {
    for (const [m, n, vocabulary] of [
      [33, 31, 3],
      [65, 64, 20],
      [700, 650, 1_000],
      [700, 650, 20],
    ] as const) {
      const a = words(m, vocabulary, m);
      const b = words(n, vocabulary, n * 7);
      const expected = keptByDiff(a, b);
      const size = (m + 31) >>> 5;
      for (const budget of [0, size, size * 5]) {
        const commonWith = commonInOrderWith(a, budget);
        // Twice, as an import compares one capture with several versions.
        expect(commonWith(b), `${m} words, a budget of ${budget}`).toBe(expected);
        expect(commonWith(b)).toBe(expected);
        expect(commonInOrderWith(b, budget)(a)).toBe(expected);
      }
    }
  });

  it("keep the memory of a huge body bounded, however many distinct words it has", () => {
    // 40,000 distinct words: a bit array each, of 40,000 bits, would be 200 MB.
    const a = Array.from({ length: 40_000 }, (_, i) => i);
    const before = process.memoryUsage().arrayBuffers;
    const commonWith = commonInOrderWith(a);
    expect(commonWith(a.filter((w) => w % 2 === 0))).toBe(20_000);
    expect(commonWith([...a].reverse())).toBe(1);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(48 * 1024 * 1024);
  });

  it("are a share of the longer body, and the same words give the same numbers", () => {
    const text = (body: string) => ({
      headline: "",
      publisher: "",
      dateline: "",
      language: "en",
      body: [{ role: "paragraph" as const, text: body }],
    });
    const a = bodyWordIds(text("The port reopened on Monday after a strike."));
    const b = bodyWordIds(text("The port reopened on Tuesday."));
    expect([...b.slice(0, 4)]).toEqual([...a.slice(0, 4)]);
    expect(shareInOrderWith(a)(b)).toBe(4 / 8);
    expect(shareInOrderWith([])([])).toBe(1);
  });
});
