import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkContent, type ContentSet } from "../../src/lib/content-check.ts";
import { ARTICLE_ID, CAPTURE_FILE, captureBytes } from "../support/capture.ts";

/** A small fixture collection: the real article (edited per case) and its capture. */
const REAL = readFileSync(
  new URL(`../../content/articles/${ARTICLE_ID}.md`, import.meta.url),
  "utf8",
);
const PATH = "content/articles/a.md";

function collection(text: string, extra: { path: string; text: string }[] = []): ContentSet {
  return {
    articles: [{ path: PATH, text }, ...extra],
    captures: new Map([[CAPTURE_FILE, captureBytes()]]),
    articlesPath: "content/articles",
    capturesPath: "content/captures",
  };
}
const problems = (text: string, extra?: { path: string; text: string }[]): string[] =>
  checkContent(collection(text, extra));

describe("checkContent", () => {
  it("passes the real article", () => {
    expect(problems(REAL)).toEqual([]);
  });
  it("names a missing headline", () => {
    expect(problems(REAL.replace(/^headline:.*\n/m, ""))).toEqual([
      `${PATH}: headline: is missing`,
    ]);
  });
  it("names a date that is not a date", () => {
    const out = problems(
      REAL.replace('published: "2020-05-24T07:18"', 'published: "2020-02-31T07:18"'),
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^content\/articles\/a\.md: published: must be a local date-time/);
    const archived = problems(REAL.replace('archived: "2026-11-25"', 'archived: "yesterday"'));
    expect(archived).toEqual([`${PATH}: archived: must be a date "YYYY-MM-DD"`]);
  });
  it("names an unknown capture file", () => {
    const out = problems(REAL.replace(`file: "${CAPTURE_FILE}"`, 'file: "missing.txt"'));
    expect(out).toEqual([
      `${PATH}: capture.file: names "missing.txt", which is not in content/captures/`,
    ]);
  });
  it("names a wrong SHA-256", () => {
    const out = problems(REAL.replace(/sha256: "[0-9a-f]+"/, `sha256: "${"0".repeat(64)}"`));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^content\/articles\/a\.md: capture\.sha256: is 0{64} but content\/captures\/000_03d7a90d1c96a686\.txt hashes to dadecb18/,
    );
  });
  it("names an empty body", () => {
    expect(problems(REAL.replace(/\n---\n[\s\S]*$/, "\n---\n\n"))).toEqual([
      `${PATH}: body: is empty`,
    ]);
  });
  it("names a duplicate permanent URL", () => {
    const out = problems(REAL, [{ path: "content/articles/A.md", text: REAL }]);
    expect(out).toEqual([
      `${PATH}: file name: gives the permanent URL articles/a/, as does content/articles/A.md`,
      `content/articles/A.md: file name: gives the permanent URL articles/a/, as does ${PATH}`,
    ]);
  });
  it("names unknown fields and broken YAML", () => {
    expect(problems(REAL.replace("language:", "lang:"))).toEqual([
      `${PATH}: language: is missing`,
      `${PATH}: lang: is not a known field`,
    ]);
    expect(problems(REAL.replace('language: "en"', "language: [en"))[0]).toMatch(
      /^content\/articles\/a\.md: frontmatter: is not valid YAML/,
    );
  });
  it("reports every problem, one line each", () => {
    const broken = REAL.replace(/^headline:.*\n/m, "").replace(
      'language: "en"',
      'language: "English!"',
    );
    expect(problems(broken)).toHaveLength(2);
  });
});

describe("checkContent integrity", () => {
  it("names the block and the first differing characters of a changed word", () => {
    const out = problems(REAL.replace("has called on his forces", "has called upon his forces"));
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(
      `${PATH}: body block 1: differs from content/captures/${CAPTURE_FILE} at character 78`,
    );
    expect(out[0]).toContain('the capture has "on his forces');
    expect(out[0]).toContain('the article "upon his forces');
  });
  it("catches a curled apostrophe in the headline", () => {
    const out = problems(REAL.replace(`headline: "Libya's`, `headline: "Libya\u2019s`));
    expect(out[0]).toMatch(/: headline: differs from .* at character 6/);
  });
  it("catches a changed heading, a lost paragraph and reordered paragraphs", () => {
    expect(
      problems(REAL.replace("## Government forces retake", "## Government troops retake"))[0],
    ).toMatch(/: body block \d+: differs/);
    const paragraphs = REAL.split("\n\n");
    const lost = [...paragraphs.slice(0, 5), ...paragraphs.slice(6)].join("\n\n");
    expect(problems(lost)[0]).toMatch(/: body block \d+: differs/);
    const swapped = [...paragraphs];
    [swapped[5], swapped[6]] = [swapped[6] ?? "", swapped[5] ?? ""];
    expect(problems(swapped.join("\n\n"))[0]).toMatch(/: body block \d+: differs/);
  });
  it("catches furniture pulled into the article and a dateline that differs", () => {
    const withAd = REAL.replace(/\n---\n\n/, "\n---\n\nJoin the mailing list\n\n");
    expect(problems(withAd)[0]).toMatch(/: body block 1: differs/);
    const dateline = REAL.replace(
      'dateline: "Sunday, 24 May 2020 7:18 AM"',
      'dateline: "Sunday, 24 May 2020 07:18 AM"',
    );
    expect(problems(dateline)).toContainEqual(expect.stringMatching(/: dateline: differs/));
  });
});
