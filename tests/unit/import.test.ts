import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  captureFiles,
  articleIdFor,
  blockMap,
  importCaptures,
  type ImportOptions,
} from "../../src/node/import.ts";
import { readContentFolder } from "../../src/node/content-folder.ts";
import { MAX_CAPTURE_BYTES } from "../../src/archive/capture/decode.ts";
import { ARTICLE_ID, CAPTURE_FILE } from "../support/capture.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const SEED = join(ROOT, "content/captures", CAPTURE_FILE);
const FIXTURES = join(ROOT, "tests/fixtures/import");

let root: string;
let options: ImportOptions;
const listing = async (): Promise<string[]> => [
  ...(await readdir(join(root, "content/captures")).catch(() => [])),
  ...(await readdir(join(root, "content/articles")).catch(() => [])),
];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "archive-import-"));
  options = { root, archived: "2026-11-25", language: "en", dryRun: false };
  delete process.env.ARCHIVE_CONTENT;
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("importCaptures", () => {
  it("turns the seed into today's article, byte for byte, at the same URL", async () => {
    const [result] = await importCaptures([SEED], options);
    expect(result).toMatchObject({ status: "imported", article: `articles/${ARTICLE_ID}.md` });
    const written = await readFile(join(root, "content/articles", `${ARTICLE_ID}.md`), "utf8");
    const committed = await readFile(join(ROOT, "content/articles", `${ARTICLE_ID}.md`), "utf8");
    expect(written).toBe(committed);
    const copy = await readFile(join(root, "content/captures", CAPTURE_FILE));
    expect(copy.equals(await readFile(SEED))).toBe(true);
  });

  it("changes nothing when the same capture comes again, whatever the day", async () => {
    await importCaptures([SEED], options);
    const before = await readFile(join(root, "content/articles", `${ARTICLE_ID}.md`), "utf8");
    const [again] = await importCaptures([SEED], { ...options, archived: "2030-01-01" });
    expect(again?.status).toBe("unchanged");
    expect(await readFile(join(root, "content/articles", `${ARTICLE_ID}.md`), "utf8")).toBe(before);
  });

  it("refuses a different capture under a stored name", async () => {
    await importCaptures([SEED], options);
    const other = join(root, "in");
    await cp(join(FIXTURES, "captures"), other, { recursive: true });
    const sameName = join(other, CAPTURE_FILE);
    await cp(join(other, "102_abf20705a43e5efa.txt"), sameName);
    const results = await importCaptures([sameName], options);
    expect(results.map((r) => (r.status === "refused" ? r.reason : r.status))).toEqual([
      `a different capture is already stored as captures/${CAPTURE_FILE}`,
    ]);
    expect(await listing()).toEqual([CAPTURE_FILE, `${ARTICLE_ID}.md`]);
  });

  it("refuses bad input with one reason each and writes nothing for it", async () => {
    const bad = ["empty", "binary", "latin1", "no-dateline", "no-end"].map((n) =>
      join(FIXTURES, "bad", `${n}.txt`),
    );
    const results = await importCaptures([...bad, join(root, "missing.txt")], options);
    expect(results.map((r) => (r.status === "refused" ? r.reason : r.status))).toEqual([
      "is empty",
      "is binary, not text (a NUL byte at offset 8)",
      "is not UTF-8: byte 0xe9 at offset 206 (name its encoding, e.g. --encoding windows-1252)",
      expect.stringMatching(/^cannot read the layout: it found no dateline/),
      expect.stringMatching(/^cannot read the layout: it found no end of the article/),
      "no such file",
    ]);
    expect(await listing()).toEqual([]);
  });

  it("imports a non-UTF-8 capture with --encoding and records it", async () => {
    const [result] = await importCaptures([join(FIXTURES, "bad/latin1.txt")], {
      ...options,
      encoding: "windows-1252",
    });
    expect(result?.status).toBe("imported");
    const [article] = await readdir(join(root, "content/articles"));
    const text = await readFile(join(root, "content/articles", article ?? ""), "utf8");
    expect(text).toContain('  encoding: "windows-1252"');
    expect(text).toContain("café");
    // Bytes the named encoding has no character for: refused, not read as U+FFFD.
    const [wrong] = await importCaptures([join(FIXTURES, "bad/latin1.txt")], {
      ...options,
      encoding: "shift_jis",
    });
    expect(wrong?.status === "refused" && wrong.reason).toMatch(
      /^is not shift_jis: the bytes up to offset \d+/,
    );
  });

  it("names an NFD headline's article by its NFC slug and keeps the text as captured", async () => {
    const seed = await readFile(SEED, "utf8");
    const headline = "Libya's rebel commander urges forces to rally against Turkey";
    const nfd = "Libya's re\u0301bel commander urges forces to rally against Turkey";
    const source = join(root, "nfd.txt");
    await writeFile(source, seed.replace(headline, nfd));
    const [result] = await importCaptures([source], options);
    const id = "2020-05-24-libyas-r\u00e9bel-commander-urges-forces-to-rally-against-turkey";
    expect(result).toMatchObject({ status: "imported", article: `articles/${id}.md` });
    const text = await readFile(join(root, "content/articles", `${id}.md`), "utf8");
    expect(text).toContain(`headline: "${nfd}"`);
  });

  it("refuses a headline or a body that is only white space, which the build would refuse", async () => {
    const capture = (headline: string, body: string): string =>
      [
        "Find a Security Clearance Job!",
        "Weapons of Mass Destruction (WMD)",
        "Iran Press TV",
        headline,
        "Iran Press TV",
        "Monday, 1 June 2020 7:18 AM",
        body,
        "Join the mailing list",
        "Unconventional Threat podcast - Threats Foreign and Domestic",
      ].join("\n\n");
    const nbsp = join(root, "nbsp.txt");
    const ideographic = join(root, "ideographic.txt");
    await writeFile(nbsp, capture("\u00a0", "A paragraph about the numbat story."));
    await writeFile(ideographic, capture("A headline about the quokka", "\u3000"));
    const results = await importCaptures([nbsp, ideographic], options);
    expect(results.map((r) => (r.status === "refused" ? r.reason : r.status))).toEqual([
      "its headline (L7) is blank: it holds only white space (U+00A0)",
      "its body (L13) is blank: it holds only white space (U+3000)",
    ]);
    expect(await listing()).toEqual([]);
  });

  it("imports a UTF-16 capture with --encoding, keeping its bytes", async () => {
    const source = join(root, "utf16.txt");
    const bytes = Buffer.from(`\uFEFF${await readFile(SEED, "utf8")}`, "utf16le");
    await writeFile(source, bytes);
    const [result] = await importCaptures([source], { ...options, encoding: "utf-16" });
    expect(result).toMatchObject({ status: "imported", article: `articles/${ARTICLE_ID}.md` });
    const text = await readFile(join(root, "content/articles", `${ARTICLE_ID}.md`), "utf8");
    expect(text).toContain('  encoding: "utf-16"');
    expect(text).toContain("Khalifa Haftar");
    const kept = await readFile(join(root, "content/captures/utf16.txt"));
    expect(kept.equals(bytes)).toBe(true);
  });

  it("refuses a capture larger than a capture may be, before reading it", async () => {
    const source = join(root, "huge.txt");
    await writeFile(source, "");
    await truncate(source, MAX_CAPTURE_BYTES + 1);
    const [result] = await importCaptures([source], options);
    expect(result?.status === "refused" && result.reason).toBe(
      "is 5,242,881 bytes, more than the 5,242,880 (5 MB) a capture may be: a news article's capture is tens of KB",
    );
    expect(await listing()).toEqual([]);
  });

  it("writes nothing on a dry run, and warns of a script the language does not use", async () => {
    const results = await importCaptures([join(FIXTURES, "captures/103_2614eba2fbaa42f1.txt")], {
      ...options,
      dryRun: true,
    });
    expect(results[0]).toMatchObject({ status: "imported" });
    expect(results[0]?.status === "imported" && results[0].warnings[0]).toMatch(
      /Arab script, which "en" \(Latn\) does not use/,
    );
    expect(await listing()).toEqual([]);
  });

  it("names the publication from the outlet table, else the publisher line", async () => {
    await importCaptures([SEED, join(FIXTURES, "captures/102_abf20705a43e5efa.txt")], options);
    const files = await readdir(join(root, "content/articles"));
    const texts = await Promise.all(
      files.map((f) => readFile(join(root, "content/articles", f), "utf8")),
    );
    expect(texts.map((t) => /^publication: (.*)$/m.exec(t)?.[1])).toEqual([
      '"Press TV"',
      '"Harbourline Courier"',
    ]);
  });
});

describe("the block map", () => {
  it("shows every block with its role and rule", async () => {
    const [result] = await importCaptures([SEED], { ...options, dryRun: true });
    const map = blockMap(result?.blocks ?? []).join("\n");
    expect(map).toMatch(
      /L1 +furniture +Find a Security Clearance Job!\n +↳ job-advert: job advert/,
    );
    expect(map).toMatch(/L27 +subheading +Government forces retake more areas near capital/);
    expect(map).toMatch(/L51 +furniture +Unconventional Threat podcast/);
  });
});

describe("articleIdFor", () => {
  it("is the published date and the headline's slug", () => {
    expect(
      articleIdFor(
        "2020-05-24T07:18",
        "Libya's rebel commander urges forces to rally against Turkey",
      ),
    ).toBe(ARTICLE_ID);
    expect(articleIdFor("2020-05-24T07:18", "!!!")).toBe("2020-05-24-article");
    // A tag in the headline's text leaves its name out; a comparison stays.
    expect(articleIdFor("2020-05-24T07:18", "Όχι <i>πλάγια</i> <a href='x'>γραφή</a>")).toBe(
      "2020-05-24-όχι-πλάγια-γραφή",
    );
    expect(articleIdFor("2020-05-24T07:18", "Inflation <3% in May, a<b")).toBe(
      "2020-05-24-inflation-3-in-may-ab",
    );
    // File names are limited in bytes: a long Chinese headline is cut to whole characters.
    for (const headline of ["word ".repeat(60), "新闻".repeat(200)]) {
      const id = articleIdFor("2020-05-24T07:18", headline);
      expect(new TextEncoder().encode(id).length).toBeLessThanOrEqual(191);
      expect(id.length).toBeGreaterThan(20);
    }
  });
  it("is NFC whatever form the headline's text is in (route parameters are NFC)", () => {
    const nfd = "E\u0301le\u0301phant cafe\u0301 in Zu\u0308rich";
    const id = articleIdFor("2020-05-30T07:18", nfd);
    expect(id).toBe("2020-05-30-\u00e9l\u00e9phant-caf\u00e9-in-z\u00fcrich");
    expect(id).toBe(articleIdFor("2020-05-30T07:18", nfd.normalize("NFC")));
  });
});

describe("npm run import", () => {
  it("takes a folder's captures whatever the case of .txt, so a misnamed one is refused by name", async () => {
    const folder = join(root, "folder");
    await mkdir(folder, { recursive: true });
    for (const name of ["b.txt", "A.TXT", "notes.md"]) await cp(SEED, join(folder, name));
    const files = await captureFiles([folder]);
    expect(files).toEqual([join(folder, "A.TXT"), join(folder, "b.txt")]);
    const [upper] = await importCaptures([join(folder, "A.TXT")], {
      root,
      archived: "2026-11-25",
      language: "en",
      dryRun: true,
    });
    expect(upper?.status === "refused" && upper.reason).toContain(
      "the file name must be letters, digits, . _ - and end in .txt",
    );
  });

  it("prints one line per capture and exits non-zero when any was refused", async () => {
    const run = promisify(execFile);
    const failed = await run(
      process.execPath,
      [join(ROOT, "bin/import.ts"), "--archived", "2026-11-25", SEED, join(FIXTURES, "bad")],
      { env: { ...process.env, ARCHIVE_CONTENT: join(root, "content") } },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in failed && failed.code).toBe(1);
    const lines = `${failed.stdout}${failed.stderr}`.trim().split("\n");
    expect(lines.filter((l) => /^(imported|unchanged|refused) /.test(l))).toHaveLength(6);
    expect(failed.stdout.trim().split("\n").at(-1)).toBe(
      "Imported: 1 new article, 0 new versions, 0 captured again unchanged, 0 already in the archive, 5 refused.",
    );
    const usage = await run(process.execPath, [
      join(ROOT, "bin/import.ts"),
      "--archived",
      "soon",
      SEED,
    ]).catch((error: { code: number; stderr: string }) => error);
    expect("code" in usage && usage.code).toBe(2);
    expect(usage.stderr).toContain('--archived "soon" is not a date YYYY-MM-DD');
    // A copy dated ahead, or a language tag that is none, is refused before anything is read.
    for (const [option, value, says] of [
      ["--archived", "2999-01-01", "--archived 2999-01-01 is after today"],
      ["--language", "en_US", '--language "en_US" is not a BCP 47 tag'],
    ] as const) {
      const refused = await run(process.execPath, [
        join(ROOT, "bin/import.ts"),
        option,
        value,
        SEED,
      ])
        .then(() => ({ code: 0, stderr: "" }))
        .catch((error: { code: number; stderr: string }) => error);
      expect([refused.code, refused.stderr], option).toEqual([2, expect.stringContaining(says)]);
    }
  }, 30_000);

  it("writes a language tag in its canonical form, and refuses a copy dated before its article", async () => {
    const [early] = await importCaptures([SEED], { ...options, archived: "2020-05-22" });
    expect(early?.status === "refused" && early.reason).toBe(
      "--archived 2020-05-22 is before its dateline's day (2020-05-24): a copy is made after the article",
    );
    const [dayBefore] = await importCaptures([SEED], {
      ...options,
      archived: "2020-05-23",
      language: "EN",
    });
    expect(dayBefore?.status).toBe("imported");
    const written = await readFile(join(root, "content/articles", `${ARTICLE_ID}.md`), "utf8");
    expect(written).toContain('language: "en"\n');
    expect((await readContentFolder(root)).problems).toEqual([]);
  });
});
