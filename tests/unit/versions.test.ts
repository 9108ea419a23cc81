/**
 * Versions: the importer's decisions on captures of an article the archive
 * holds (tests/fixtures/versions/), what the content check says of versions,
 * which change pages exist, and imports into one folder at the same time.
 */
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changePairs } from "../../src/archive/versions/history.ts";
import { readContentFolder } from "../../src/node/content-folder.ts";
import { withContentLock } from "../../src/node/content-lock.ts";
import { importCaptures, type ImportOptions } from "../../src/node/import.ts";
import { ARTICLE_ID, CAPTURE_FILE } from "../support/capture.ts";
import { CURRENT_LAYOUT } from "../../src/archive/capture/layout.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const SEED = join(ROOT, "content/captures", CAPTURE_FILE);
const VERSIONS = join(ROOT, "tests/fixtures/versions");
const [EDITED, REWRITTEN, OTHER_PAGE, SAME_DAY] = [
  "301_seed_edited.txt",
  "302_seed_rewritten.txt",
  "303_seed_other_page.txt",
  "304_same_outlet_same_day.txt",
].map((name) => join(VERSIONS, name)) as [string, string, string, string];

let root: string;
let options: ImportOptions;
const on = (archived: string): ImportOptions => ({ ...options, archived });
const summary = (r: { status: string; article?: string; decision?: string; reason?: string }) =>
  r.status === "refused" ? r.reason : `${r.status} ${r.article}: ${r.decision ?? ""}`;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "archive-versions-"));
  options = { root, archived: "2026-11-25", language: "en", dryRun: false };
  delete process.env.ARCHIVE_CONTENT;
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("importing captures of an article the archive holds", () => {
  it("makes versions 2 and 3, records an unchanged recapture, and keeps another article apart", async () => {
    await importCaptures([SEED], options);
    const [otherPage] = await importCaptures([OTHER_PAGE], on("2026-11-25"));
    const [edited] = await importCaptures([EDITED], on("2026-11-29"));
    const later = await importCaptures([REWRITTEN, SAME_DAY], on("2026-11-30"));
    expect([otherPage, edited, ...later].map((r) => r && summary(r))).toEqual([
      `recaptured articles/${ARTICLE_ID}.md: captured again, unchanged: the same article text as version 1 of articles/${ARTICLE_ID}/`,
      `version articles/${ARTICLE_ID}/versions/2.md: version 2 of articles/${ARTICLE_ID}/: 1 block changed, 1 added since version 1 (the same outlet, headline and dateline)`,
      `version articles/${ARTICLE_ID}/versions/3.md: version 3 of articles/${ARTICLE_ID}/: headline and dateline changed; 1 block added, 2 removed since version 2 (the same outlet and 92% of the body's words in common, in order)`,
      "imported articles/2020-05-24-port-of-velmora-reopens-after-week-long-strike.md: ",
    ]);
    // The article's own file still holds the text it was first published with.
    const article = await readFile(join(root, "content/articles", `${ARTICLE_ID}.md`), "utf8");
    const committed = await readFile(join(ROOT, "content/articles", `${ARTICLE_ID}.md`), "utf8");
    expect(article.replace(/# Captured again[^]*?(?=---)/, "")).toBe(committed);
    expect(article).toContain('recaptures:\n  - file: "303_seed_other_page.txt"');

    const checked = await readContentFolder(root);
    expect(checked.problems).toEqual([]);
    expect(checked.warnings).toEqual([]);
    const seed = checked.entries.filter((e) => e.article === ARTICLE_ID);
    expect(seed.map((e) => [e.id, e.version, e.recaptures.map((r) => r.file)])).toEqual([
      [ARTICLE_ID, 1, ["303_seed_other_page.txt"]],
      [`${ARTICLE_ID}/versions/2`, 2, []],
      [`${ARTICLE_ID}/versions/3`, 3, []],
    ]);

    // Importing is idempotent: every capture again changes nothing.
    const again = await importCaptures([SEED, EDITED, REWRITTEN, OTHER_PAGE, SAME_DAY], options);
    expect(again.map((r) => r.status)).toEqual(Array(5).fill("unchanged"));
  });

  it("makes a text that went back to an earlier version's a new version, not a recapture", async () => {
    await importCaptures([SEED], options);
    await importCaptures([EDITED], on("2026-11-29"));
    const [back] = await importCaptures([OTHER_PAGE], on("2026-11-30"));
    expect(back && summary(back)).toBe(
      `version articles/${ARTICLE_ID}/versions/3.md: version 3 of articles/${ARTICLE_ID}/: 1 block changed, 1 removed since version 2 (the same text as version 1, which a later version changed)`,
    );
  });

  it("records the text in force on the capture's day as captured again, though an earlier version had it first", async () => {
    await importCaptures([SEED], options);
    await importCaptures([EDITED], on("2026-11-26"));
    await importCaptures([OTHER_PAGE], on("2026-11-27")); // version 3: the text went back
    // The seed's text again, under other furniture: version 3 is in force, and reads so.
    const again = join(root, "310_seed_other_advert.txt");
    await writeFile(
      again,
      (await readFile(SEED, "utf8")).replace("Find a Security Clearance Job!", "Find a job!"),
    );
    const [result] = await importCaptures([again], on("2026-11-28"));
    expect(result && summary(result)).toBe(
      `recaptured articles/${ARTICLE_ID}/versions/3.md: captured again, unchanged: the same article text as version 3 of articles/${ARTICLE_ID}/`,
    );
    expect((await readContentFolder(root)).problems).toEqual([]);
  });

  it("makes a capture from before the version with its text a version of its own, not a recapture", async () => {
    await importCaptures([SEED], options);
    await importCaptures([EDITED], on("2026-11-26"));
    // Version 2's text, captured on a day before version 1: no version was in force then.
    const early = join(root, "309_edited_early.txt");
    await writeFile(early, await readFile(EDITED));
    const [result] = await importCaptures([early], on("2026-11-20"));
    expect(result && summary(result)).toBe(
      `version articles/${ARTICLE_ID}/versions/3.md: version 3 of articles/${ARTICLE_ID}/ (the same text as version 2, captured later)`,
    );
    const checked = await readContentFolder(root);
    expect(checked.problems).toEqual([]);
    expect(checked.entries.flatMap((e) => e.recaptures)).toEqual([]);
  });

  it("takes a version's language and publication from its article unless told, and a dry run decides as a real one", async () => {
    const dry = await importCaptures([SEED, EDITED], { ...options, dryRun: true });
    expect(dry.map((r) => r.status)).toEqual(["imported", "version"]);
    expect(await readContentFolder(root).then((c) => c.entries)).toEqual([]);
    await importCaptures([SEED], { ...options, language: "en-GB", publication: "PTV" });
    const [version] = await importCaptures([EDITED], { ...on("2026-11-29"), language: undefined });
    expect(version?.status).toBe("version");
    const text = await readFile(
      join(root, "content/articles", ARTICLE_ID, "versions/2.md"),
      "utf8",
    );
    expect(text).toContain('language: "en-GB"');
    // Its citations name the outlet as its article's do.
    expect(text).toContain('publication: "PTV"');
  });

  it("takes the archivist's word: --version-of where the rule finds no match, --new-article over a match", async () => {
    await importCaptures([SEED], options);
    const [told] = await importCaptures([SAME_DAY], { ...options, versionOf: ARTICLE_ID });
    expect(told && summary(told)).toMatch(
      new RegExp(
        `^version articles/${ARTICLE_ID}/versions/2\\.md: version 2 of .*\\(--version-of\\)$`,
      ),
    );
    const [apart] = await importCaptures([REWRITTEN], { ...options, newArticle: true });
    expect(apart?.status).toBe("imported");
    const [taken] = await importCaptures([EDITED], { ...options, newArticle: true });
    expect(taken?.status === "refused" && taken.reason).toMatch(
      /^its article would take the URL .* import it with --version-of /,
    );
    const [unknown] = await importCaptures([EDITED], { ...options, versionOf: "no-such-article" });
    expect(unknown?.status === "refused" && unknown.reason).toBe(
      "--version-of no-such-article: the archive has no article with that id",
    );
  });

  it("keeps two short articles of an outlet apart, though half their few words are the same", async () => {
    const seed = await readFile(SEED, "utf8");
    const head = seed.slice(0, seed.indexOf("Libya's rebel commander"));
    const tail = seed.slice(seed.indexOf("Join the mailing list"));
    const brief = async (name: string, headline: string, dateline: string, body: string) => {
      const path = join(root, name);
      await writeFile(
        path,
        `${head}${headline}\n\nIran Press TV\n\n${dateline}\n\n${body}\n\n${tail}`,
      );
      return path;
    };
    const results = await importCaptures(
      [
        await brief(
          "bilby.txt",
          "Bilby numbers rise",
          "Thursday, 4 June 2020 7:18 AM",
          "The bilby count rose in the north this year, officials said on Monday.",
        ),
        await brief(
          "quoll.txt",
          "Quoll sighted near town",
          "Friday, 5 June 2020 9:00 AM",
          "A quoll was seen in the north this week, officials said on Friday.",
        ),
      ],
      options,
    );
    expect(results.map((r) => r.status)).toEqual(["imported", "imported"]);
  });

  it("compares a capture with the outlet's articles dated at most 31 days from its own", async () => {
    await importCaptures([SEED], options);
    const edited = await readFile(EDITED, "utf8");
    const moved = async (dateline: string, name: string): Promise<string> => {
      const path = join(root, name);
      await writeFile(path, edited.replace("Sunday, 24 May 2020 7:18 AM", dateline));
      return path;
    };
    // The edited body dated 31 days later: a version; then 32 days after that: another article.
    const [within, beyond] = await importCaptures(
      [
        await moved("Wednesday, 24 June 2020 7:18 AM", "31_days.txt"),
        await moved("Sunday, 26 July 2020 7:18 AM", "63_days.txt"),
      ],
      on("2026-11-29"),
    );
    expect(within?.status).toBe("version");
    expect(beyond?.status === "imported" && beyond.article).toMatch(/^articles\/2020-07-26-/);
  });

  it("keeps the same bytes under another name as captured again, unchanged", async () => {
    await importCaptures([SEED], options);
    const copy = join(root, "999_copy.txt");
    await writeFile(copy, await readFile(SEED));
    const [result] = await importCaptures([copy], on("2026-12-01"));
    expect(result?.status).toBe("recaptured");
    const checked = await readContentFolder(root);
    expect(checked.problems).toEqual([]);
    expect(checked.entries[0]?.recaptures.map((r) => [r.file, r.archived])).toEqual([
      ["999_copy.txt", "2026-12-01"],
    ]);
  });

  it("reads an article imported by older layout rules by them still, and its capture again as unchanged", async () => {
    // A short Chinese sentence before a long one: a subheading by layout 1, a paragraph by 2.
    const sentence = "警方已经展开调查。";
    const capture = [
      "Outlet",
      "警方调查",
      "Outlet",
      "Sunday, 24 May 2020 7:18 AM",
      sentence,
      Array.from({ length: 20 }, () => sentence).join(""),
      "Join the mailing list",
    ].join("\n\n");
    const first = join(root, "401_zh.txt");
    await writeFile(first, capture);
    const [imported] = await importCaptures([first], { ...options, language: "zh" });
    if (imported?.status !== "imported") throw new Error(JSON.stringify(imported));
    // The file as the importer wrote it before layout 2: no `layout`, the sentence a heading.
    const path = join(root, "content", imported.article);
    const written = await readFile(path, "utf8");
    expect(written).toContain(`layout: ${CURRENT_LAYOUT}\n`);
    expect(written).toContain(`\n\n${sentence}\n\n`);
    await writeFile(
      path,
      written
        .replace(`layout: ${CURRENT_LAYOUT}\n`, "")
        .replace(`\n\n${sentence}\n\n`, `\n\n## ${sentence}\n\n`),
    );
    const checked = await readContentFolder(root);
    expect(checked.problems).toEqual([]);
    expect(checked.entries[0]?.capture.reading.body[0]?.role).toBe("subheading");
    // The same bytes under another name: the same text by the rules that read the article.
    const again = join(root, "402_zh_again.txt");
    await writeFile(again, capture);
    const [result] = await importCaptures([again], { ...on("2026-12-01"), language: "zh" });
    expect(result && summary(result)).toMatch(/^recaptured .*captured again, unchanged/);
    expect((await readContentFolder(root)).problems).toEqual([]);
    // A layout the rules do not have is refused.
    await writeFile(
      path,
      (await readFile(path, "utf8")).replace("archived:", "layout: 4\narchived:"),
    );
    expect((await readContentFolder(root)).problems).toEqual([
      expect.stringContaining("layout: must be a version of the layout rules: 1, 2 or 3"),
    ]);
  });

  it("completes an import killed between writing the capture and its version", async () => {
    await importCaptures([SEED], options);
    // What a kill after the capture's rename leaves: the capture, unused, and a temporary file.
    await mkdir(join(root, "content/captures"), { recursive: true });
    await writeFile(join(root, "content/captures/301_seed_edited.txt"), await readFile(EDITED));
    const folder = join(root, "content/articles", ARTICLE_ID, "versions");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "2.md.importing"), "half");
    const stopped = await readContentFolder(root);
    expect(stopped.problems).toEqual([]);
    expect(stopped.warnings).toEqual([
      "content/captures/301_seed_edited.txt: no article or version uses this capture; to adopt it, run npm run import -- --archived <the day it was captured> content/captures/301_seed_edited.txt (with --language or --encoding if it needs them)",
    ]);
    const [done] = await importCaptures([EDITED], on("2026-11-29"));
    expect(done?.status).toBe("version");
    const checked = await readContentFolder(root);
    expect([checked.problems, checked.warnings]).toEqual([[], []]);
    expect(checked.entries.map((e) => e.id)).toEqual([ARTICLE_ID, `${ARTICLE_ID}/versions/2`]);
  });
});

describe("the content check on versions", () => {
  it("lists versions in capture order and says which was added after a later capture", async () => {
    await importCaptures([SEED], options);
    await importCaptures([EDITED], on("2026-11-29"));
    // Captured on the 27th, imported last: version 3, listed second.
    await importCaptures([REWRITTEN], { ...on("2026-11-27"), versionOf: ARTICLE_ID });
    const { entries } = await readContentFolder(root);
    expect(entries[0]?.versions.map((v) => [v.number, v.archived, v.backfilled])).toEqual([
      [1, "2026-11-25", false],
      [3, "2026-11-27", true],
      [2, "2026-11-29", false],
    ]);
  });

  it("names a missing version, a version without its article, a bad name, a recapture that reads otherwise and a capture used twice", async () => {
    await importCaptures([SEED], options);
    await importCaptures([EDITED], on("2026-11-29"));
    await importCaptures([REWRITTEN], on("2026-11-30"));
    const articles = join(root, "content/articles");
    const versions = join(articles, ARTICLE_ID, "versions");
    await rename(join(versions, "2.md"), join(versions, "x2.md"));
    await mkdir(join(articles, "2020-01-01-gone", "versions"), { recursive: true });
    await writeFile(
      join(articles, "2020-01-01-gone", "versions", "2.md"),
      await readFile(join(versions, "3.md")),
    );
    const seed = join(articles, `${ARTICLE_ID}.md`);
    const text = await readFile(seed, "utf8");
    await writeFile(
      seed,
      text.replace(
        "---\n\nThe self-styled",
        `recaptures:\n  - file: "302_seed_rewritten.txt"\n    sha256: "${/sha256: "(.*)"/.exec(await readFile(join(versions, "3.md"), "utf8"))?.[1]}"\n    archived: "2026-12-01"\n---\n\nThe self-styled`,
      ),
    );
    const { problems } = await readContentFolder(root);
    expect([...problems].sort()).toEqual(
      [
        `content/articles/${ARTICLE_ID}.md: recaptures.0: content/captures/302_seed_rewritten.txt is listed as captured again unchanged, but its headline differs from content/captures/${CAPTURE_FILE} at character 1: the capture has "Libya's rebel commander urges forces to ", content/captures/302_seed_rewritten.txt "Haftar calls on Libyan rebels to fight T"`,
        `content/articles/${ARTICLE_ID}/versions/x2.md: file name: a later version must be content/articles/<article id>/versions/<n>.md, n = 2, 3, …`,
        `content/articles/${ARTICLE_ID}/versions/2.md: is missing: versions are numbered 2, 3, … as they were imported, and a published version's address must keep working`,
        "content/articles/2020-01-01-gone/versions/: holds versions of content/articles/2020-01-01-gone.md, which does not exist",
        `content/captures/302_seed_rewritten.txt: is the capture of content/articles/2020-01-01-gone/versions/2.md and of content/articles/${ARTICLE_ID}/versions/3.md; a capture belongs to one version`,
      ].sort(),
    );
  });
});

describe("change pages", () => {
  const v = (number: number, archived: string) => ({ number, archived });
  it("are each version against the one before and against the first", () => {
    const pairs = changePairs([v(1, "2026-11-25"), v(2, "2026-11-29"), v(3, "2026-11-30")]);
    expect(pairs).toEqual([
      { from: 1, to: 2 },
      { from: 1, to: 3 },
      { from: 2, to: 3 },
    ]);
  });
  it("keep every page a backfilled capture would otherwise take away", () => {
    // Version 3 was captured before version 1 and imported last.
    const pairs = changePairs([v(3, "2026-11-01"), v(1, "2026-11-25"), v(2, "2026-11-29")]);
    expect(pairs).toEqual([
      { from: 3, to: 1 },
      { from: 1, to: 2 }, // published before the backfill: kept
      { from: 3, to: 2 }, // first capture to newest, now
    ]);
  });
});

describe("imports at the same time", () => {
  it("take turns at the content folder, so neither loses the other's work", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, ARCHIVE_CONTENT: join(root, "content") };
    const importer = (file: string) =>
      run(process.execPath, [join(ROOT, "bin/import.ts"), "--archived", "2026-11-29", file], {
        env,
      });
    for (let round = 0; round < 2; round++) {
      await rm(join(root, "content"), { recursive: true, force: true });
      const outputs = await Promise.all([importer(SEED), importer(EDITED)]);
      const said = outputs.map((o) => o.stdout).join("");
      // One made the article, the other its version 2, whichever ran first.
      expect(said).toMatch(/^imported /m);
      expect(said).toMatch(/^version /m);
      const checked = await readContentFolder(root);
      expect([checked.problems, checked.warnings]).toEqual([[], []]);
      expect(checked.entries.map((e) => e.id)).toEqual([ARTICLE_ID, `${ARTICLE_ID}/versions/2`]);
    }
  }, 60_000);

  it("make a build's read wait for an import, and say so", async () => {
    await importCaptures([SEED], options);
    const content = join(root, "content");
    const said: string[] = [];
    let written = false;
    const importing = withContentLock(content, "import", async () => {
      await new Promise((done) => setTimeout(done, 300));
      await importCaptures([EDITED], { ...options, dryRun: true });
      written = true;
    });
    await new Promise((done) => setTimeout(done, 50));
    const read = await readContentFolder(root, (line) => said.push(line));
    expect(written).toBe(true); // the read waited for the import to finish
    await importing;
    expect(said).toEqual([
      expect.stringMatching(
        /^build: waiting for another import or build to finish with .*content\/ …$/,
      ),
    ]);
    expect(read.problems).toEqual([]);
  });

  it("leave every article whole or absent when killed at any moment, and complete when run again", async () => {
    const env = { ...process.env, ARCHIVE_CONTENT: join(root, "content") };
    const more = ["101_af2d07cb14df449c.txt", "102_abf20705a43e5efa.txt"].map((name) =>
      join(ROOT, "tests/fixtures/import/captures", name),
    );
    const args = [join(ROOT, "bin/import.ts"), "--archived", "2026-11-29", SEED, ...more];
    args.push(EDITED, SAME_DAY);
    // From before the importer starts to after it is done, in steps a few writes long.
    for (const delay of [0, 350, 450, 550, 650]) {
      await rm(join(root, "content"), { recursive: true, force: true });
      const child = spawn(process.execPath, args, { env, stdio: "ignore" });
      const closed = new Promise((done) => child.on("close", done));
      await new Promise((done) => setTimeout(done, delay));
      child.kill("SIGKILL");
      await closed;
      const said: string[] = [];
      const stopped = await readContentFolder(root, (line) => said.push(line));
      // A lock the killed import left is taken at once, not waited out.
      expect(
        said.filter((l) => l.includes("waiting")),
        `read after ${delay} ms`,
      ).toEqual([]);
      // Whole or absent: nothing half written (an archive killed before its first article is empty).
      const broken = stopped.problems.filter((p) => !p.endsWith("holds no article (*.md)"));
      expect(broken, `killed after ${delay} ms`).toEqual([]);
      const again = await promisify(execFile)(process.execPath, args, { env });
      expect(again.stderr, `run again after ${delay} ms`).not.toMatch(/waiting for another/);
      const checked = await readContentFolder(root);
      expect([checked.problems, checked.warnings]).toEqual([[], []]);
      expect(checked.entries.map((e) => e.id).sort()).toEqual([
        ARTICLE_ID,
        `${ARTICLE_ID}/versions/2`,
        "2020-05-24-port-of-velmora-reopens-after-week-long-strike",
        "2021-02-03-coastal-town-of-merrowby-approves-flood-barrier-after-winter-storms",
        "2023-11-14-valdmark-technology-agency-reports-shortfall-in-regional-rd-budget",
      ]);
    }
  }, 90_000);

  it("take over at once a lock whose holder was killed", async () => {
    await importCaptures([SEED], options);
    const lock = join(ROOT, "src/node/content-lock.ts");
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { withContentLock } = await import(${JSON.stringify(lock)});
         await withContentLock(${JSON.stringify(join(root, "content"))}, "import", async () => {
           console.log("held");
           await new Promise(() => setInterval(() => undefined, 1000));
         });`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const closed = new Promise((done) => holder.on("close", done));
    await new Promise((done) => holder.stdout.once("data", done));
    holder.kill("SIGKILL");
    await closed;
    const said: string[] = [];
    const started = performance.now();
    const read = await readContentFolder(root, (line) => said.push(line));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(said).toEqual([
      expect.stringMatching(
        /^build: took over .*\.lock, left by an import or build that was stopped$/,
      ),
    ]);
    expect(read.problems).toEqual([]);
  });
});
