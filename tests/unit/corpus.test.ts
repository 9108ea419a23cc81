import { describe, expect, it } from "vitest";
import { BODY_WORDS, generateCorpus, type CorpusCapture } from "../../bench/corpus.ts";

const N = 50;
const corpus = generateCorpus({ n: N, seed: 7 });
const captures: CorpusCapture[] = [...corpus.captures];
const blocksOf = (capture: CorpusCapture): string[] => capture.text.split("\n\n");

const DATELINE =
  /^([A-Z][a-z]+), ([1-9]\d?) ([A-Z][a-z]+) (\d{4}) (1[0-2]|[1-9]):([0-5]\d) (AM|PM)$/;
const english = (date: Date, part: "weekday" | "month"): string =>
  date.toLocaleDateString("en-GB", { [part]: "long", timeZone: "UTC" });
const MONTHS = Array.from({ length: 12 }, (_, m) => english(new Date(Date.UTC(2000, m)), "month"));

/** The "YYYY-MM-DD" a dateline names, or null when its form, its day or its weekday is wrong. */
function datelineDate(text: string): string | null {
  const [, weekday, day, month, year] = DATELINE.exec(text) ?? [];
  const date = new Date(Date.UTC(Number(year), MONTHS.indexOf(month ?? ""), Number(day)));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(day)) return null;
  return english(date, "weekday") === weekday ? date.toISOString().slice(0, 10) : null;
}

/** How many captures contain `word` as a whole word. */
const capturesWith = (word: string): number =>
  captures.filter((c) => new RegExp(`\\b${word}\\b`).test(c.text)).length;

describe("generateCorpus", () => {
  it("is deterministic: the same n and seed give the same captures", () => {
    const again = generateCorpus({ n: N, seed: 7 });
    expect([...again.captures]).toEqual(captures);
    expect([...corpus.captures]).toEqual(captures);
    expect(again.common).toBe(corpus.common);
    expect([...generateCorpus({ n: N, seed: 8 }).captures]).not.toEqual(captures);
  });

  it("puts the markers in exactly 1 and exactly 10 captures", () => {
    expect(capturesWith(corpus.markers.one)).toBe(1);
    expect(capturesWith(corpus.markers.ten)).toBe(10);
  });

  it("has no other word that shares the markers' first letters or is a prefix of one", () => {
    const markers = Object.values(corpus.markers);
    const words = new Set(captures.flatMap((c) => c.text.toLowerCase().match(/[a-z]+/g) ?? []));
    const clashes = [...words].filter(
      (w) =>
        !markers.includes(w) && markers.some((m) => w.startsWith(m.slice(0, 3)) || m.startsWith(w)),
    );
    expect(clashes).toEqual([]);
    expect(words.has(corpus.common)).toBe(true);
  });

  it("has a dateline check that rejects wrong weekdays, padded hours and missing days", () => {
    expect(datelineDate("Sunday, 24 May 2020 7:18 AM")).toBe("2020-05-24");
    expect(datelineDate("Monday, 24 May 2020 7:18 AM")).toBeNull();
    expect(datelineDate("Sunday, 24 May 2020 07:18 AM")).toBeNull();
    expect(datelineDate("Wednesday, 31 June 2020 7:18 AM")).toBeNull();
  });

  it("prints datelines whose weekday matches the date they are published on", () => {
    for (const capture of captures) {
      expect(datelineDate(blocksOf(capture)[5] ?? ""), capture.file).toBe(capture.published);
      expect(capture.published >= "2005-01-01" && capture.published <= "2024-12-31").toBe(true);
    }
  });

  it("gives every capture a distinct headline and a seed-like file name", () => {
    expect(new Set(captures.map((c) => blocksOf(c)[3])).size).toBe(N);
    expect(new Set(captures.map((c) => c.file)).size).toBe(N);
    for (const capture of captures) expect(capture.file).toMatch(/^\d{6}_[0-9a-f]{16}\.txt$/);
  });

  it("lays every capture out like the seed capture", () => {
    for (const capture of captures) {
      const blocks = blocksOf(capture);
      expect(capture.text).not.toMatch(/\r|\n$|\n\n\n/);
      expect(blocks[0]).toBe("Find a Security Clearance Job!");
      expect(blocks[2]).toBe(capture.publisher);
      expect(blocks[4]).toBe(capture.publisher);
      expect(blocks[3]).not.toMatch(/\.$/);
      expect(blocks.at(-2)).toBe("Join the mailing list");
      expect(blocks.at(-1)).toMatch(/^Unconventional Threat podcast - \S/);
      const body = blocks.slice(6, -2);
      const paragraphs = body.filter((b) => b.endsWith("."));
      expect(paragraphs.length).toBeGreaterThanOrEqual(4);
      expect(body.length - paragraphs.length).toBeLessThanOrEqual(3);
      expect(body[0]).toMatch(/\.$/);
      expect(body.at(-1)).toMatch(/\.$/);
      body.forEach((block, i) => {
        if (block.endsWith(".")) return;
        expect(block).toMatch(/^[A-Z][a-z]+( [a-z]+){2,8}$/);
        expect(body[i + 1]).toMatch(/\.$/);
      });
    }
  });
});

describe("the corpus's lengths", () => {
  it("follow real news: a median of about 600 words, from 150 to 2,500, with a long tail", () => {
    const words = [...generateCorpus({ n: 400, seed: 3 }).captures]
      .map((c) => {
        const body = c.text.split("\n\n").slice(6, -2);
        return body.join(" ").split(" ").length;
      })
      .sort((a, b) => a - b);
    const median = words[words.length >> 1] ?? 0;
    expect(median).toBeGreaterThan(520);
    expect(median).toBeLessThan(700);
    expect(words[0]).toBeGreaterThanOrEqual(BODY_WORDS.min);
    // The last paragraph may pass the target by its own length.
    expect(words.at(-1)).toBeLessThanOrEqual(BODY_WORDS.max + 80);
    // A long tail: the longest tenth is over 1.6 times the median.
    expect(words[Math.floor(words.length * 0.9)]).toBeGreaterThan(median * 1.6);
  });
});

describe("the corpus's versions", () => {
  const versions = [...generateCorpus({ n: 40, seed: 7 }).versions];
  const originals = new Map(
    [...generateCorpus({ n: 40, seed: 7 }).captures].map((c) => [c.file, c]),
  );

  it("capture every tenth article again (version 2) and every twentieth once more (version 3)", () => {
    expect(versions.map((v) => [v.version, v.of])).toEqual(
      [10, 20, 20, 30, 40, 40].map((i, k, all) => [
        all.indexOf(i) === k ? 2 : 3,
        [...originals.keys()][i - 1],
      ]),
    );
  });

  it("edit one paragraph and add one (version 2), then drop the first paragraph (version 3)", () => {
    for (const v of versions) {
      const before = (originals.get(v.of)?.text ?? "").split("\n\n");
      const after = v.text.split("\n\n");
      // Headline, publisher line and dateline stay: the importer matches them.
      expect(after.slice(3, 6)).toEqual(before.slice(3, 6));
      expect(after.length - before.length).toBe(v.version === 2 ? 1 : 0);
      expect(v.text).toContain("It was later corrected.");
      expect(v.file).toBe(v.of.replace(/\.txt$/, `_v${v.version}.txt`));
    }
  });
});
