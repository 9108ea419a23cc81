import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkContent,
  publishedEntry,
  readingOf,
  type ContentSet,
} from "../../src/archive/content/content-check.ts";
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
  checkContent(collection(text, extra)).problems;

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
    const before = problems(REAL.replace('archived: "2026-11-25"', 'archived: "2020-05-22"'));
    expect(before).toEqual([
      `${PATH}: archived: is before the article was published (2020-05-24): a copy is made after`,
    ]);
  });
  it("names a language tag that is not one, or not in its canonical form", () => {
    for (const tag of ["en_US", "EN"]) {
      expect(problems(REAL.replace('language: "en"', `language: "${tag}"`)), tag).toEqual([
        `${PATH}: language: must be a BCP 47 tag in its canonical form, such as en, zh-Hant or pt-BR`,
      ]);
    }
    expect(problems(REAL.replace('language: "en"', 'language: "en-US-x-priv"'))).toEqual([]);
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
  it("names a file name that is not NFC, as the site's addresses are", () => {
    const nfd = "content/articles/cafe\u0301.md";
    const out = checkContent({ ...collection(REAL), articles: [{ path: nfd, text: REAL }] });
    expect(out.problems).toEqual([
      `${nfd}: file name: "cafe\u0301" is not in Unicode's composed form (NFC), which the site's addresses use: rename it "caf\u00e9"`,
    ]);
    const version = "content/articles/cafe\u0301/versions/2.md";
    expect(problems(REAL, [{ path: version, text: REAL }])).toContain(
      `${version}: file name: "cafe\u0301" is not in Unicode's composed form (NFC), which the site's addresses use: rename it "caf\u00e9"`,
    );
  });
  it("names a duplicate permanent URL", () => {
    const out = problems(REAL, [{ path: "content/articles/A.md", text: REAL }]);
    expect(out).toEqual([
      `content/captures/${CAPTURE_FILE}: is the capture of ${PATH} and of content/articles/A.md; a capture belongs to one version`,
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

describe("checkContent against the capture", () => {
  it("hands on the entry with its capture read once", () => {
    const { problems: found, entries } = checkContent(collection(REAL));
    expect(found).toEqual([]);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry?.id).toBe("a");
    expect(entry?.capture.bytes).toBe(captureBytes().length);
    expect(entry?.capture.reading.body).toHaveLength(18);
    expect(entry?.capture.text.lines).toHaveLength(51);
  });
  it("keeps for the publish step an entry without the capture's text or reading, whose reading travels apart", () => {
    const [entry] = checkContent(collection(REAL)).entries;
    if (!entry) throw new Error("no entry");
    const kept = publishedEntry(entry);
    // A reading's blocks are slices of the capture's text: keeping one keeps the whole text alive.
    expect(Object.keys(kept.capture).sort()).toEqual(["bytes", "file", "path"]);
    expect(readingOf(new Map([[entry.id, entry.capture.reading]]), kept)).toBe(
      entry.capture.reading,
    );
    expect(() => readingOf(new Map(), kept)).toThrow(
      `${entry.capture.path}: its reading was not kept for this build`,
    );
  });
  it("catches a curled apostrophe in the headline", () => {
    const out = problems(REAL.replace(`headline: "Libya's`, `headline: "Libya\u2019s`));
    expect(out).toEqual([
      `${PATH}: headline: differs from content/captures/${CAPTURE_FILE} at character 6: the capture has "'s rebel commander urges forces to rally", the frontmatter "’s rebel commander urges forces to rally"`,
    ]);
  });
  it("catches a dateline that differs from the printed one", () => {
    const dateline = REAL.replace(
      'dateline: "Sunday, 24 May 2020 7:18 AM"',
      'dateline: "Sunday, 24 May 2020 07:18 AM"',
    );
    expect(problems(dateline)).toContainEqual(expect.stringMatching(/: dateline: differs/));
  });
  it("names a capture that is not UTF-8 or whose layout cannot be read", () => {
    const latin1 = new Map([[CAPTURE_FILE, Buffer.from("caf\xe9", "latin1")]]);
    const hash = "a".repeat(64);
    const text = REAL.replace(/sha256: "[0-9a-f]+"/, `sha256: "${hash}"`);
    const set = (captures: Map<string, Uint8Array>): ContentSet => ({
      ...collection(text),
      captures,
    });
    expect(checkContent(set(latin1)).problems[0]).toMatch(/capture\.sha256: is a{64}/);
    const sum = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
    const bad = Buffer.from("caf\xe9", "latin1");
    const withHash = REAL.replace(/sha256: "[0-9a-f]+"/, `sha256: "${sum(bad)}"`);
    expect(
      checkContent({ ...collection(withHash), captures: new Map([[CAPTURE_FILE, bad]]) }).problems,
    ).toEqual([
      `${PATH}: capture.file: content/captures/${CAPTURE_FILE} is not UTF-8: byte 0xe9 at offset 3 (name its encoding, e.g. --encoding windows-1252)`,
    ]);
    const plain = Buffer.from("just a line of text\n");
    const plainArticle = REAL.replace(/sha256: "[0-9a-f]+"/, `sha256: "${sum(plain)}"`);
    expect(
      checkContent({ ...collection(plainArticle), captures: new Map([[CAPTURE_FILE, plain]]) })
        .problems[0],
    ).toMatch(/capture\.file: the layout of .* cannot be read: it found no dateline/);
  });
  it("decodes a capture in the encoding its frontmatter names", () => {
    const text = captureBytes().toString("utf8").replace("Tripoli.", "Tripoli \u00e9t\u00e9.");
    const bytes = Buffer.from(text, "latin1");
    const sum = createHash("sha256").update(bytes).digest("hex");
    const article = REAL.replace(
      /sha256: "[0-9a-f]+"/,
      `sha256: "${sum}"\n  encoding: "windows-1252"`,
    );
    const checked = checkContent({
      ...collection(article),
      captures: new Map([[CAPTURE_FILE, bytes]]),
    });
    expect(checked.problems).toEqual([]);
    expect(checked.entries[0]?.capture.reading.body[0]?.block.text).toContain(
      "Tripoli \u00e9t\u00e9.",
    );
  });
});
