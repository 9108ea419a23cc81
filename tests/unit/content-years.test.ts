/**
 * The content's years, read and checked in a child process for the build in
 * parts (src/node/content-years.ts): the same years and packages as read in
 * the command's own process, and nothing when the content has problems. The
 * checked content it hands to the assembly (src/node/handed-content.ts) is
 * the content's entries as a build keeps them, and content with problems is
 * not handed on.
 */
import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContentFolder } from "../../src/node/content-folder.ts";
import { contentPartsOf } from "../../src/node/content-parts.ts";
import { readContentYears } from "../../src/node/content-years.ts";
import { handedContent } from "../../src/node/handed-content.ts";
import { publishedEntry } from "../../src/archive/content/content-check.ts";
import { PROJECT_ROOT } from "../../src/node/files.ts";
import { captureFiles, importCaptures } from "../../src/node/import.ts";
import { sha256 } from "../../src/archive/hash.ts";
import { plannedPackages } from "../../src/node/publish.ts";

// Each test starts a Node process, which under npm test's load can take more than the default 5 s.
describe("the content's years, read in a child process", { timeout: 30_000 }, () => {
  let scratch: string;
  const previous = process.env.ARCHIVE_CONTENT;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "archive-years-"));
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.ARCHIVE_CONTENT;
    else process.env.ARCHIVE_CONTENT = previous;
    await rm(scratch, { recursive: true, force: true });
  });

  it("are the years and packages the content folder gives", async () => {
    process.env.ARCHIVE_CONTENT = join(PROJECT_ROOT, "content");
    const handed = join(scratch, "checked");
    const read = await readContentYears(PROJECT_ROOT, handed);
    const { entries, problems, warnings } = await readContentFolder(PROJECT_ROOT);
    expect(problems).toEqual([]);
    expect(await handedContent(handed)).toEqual({
      warnings,
      entries: entries.map(publishedEntry),
    });
    expect(read?.years).toEqual(contentPartsOf(PROJECT_ROOT, entries));
    expect([...(read?.years.keys() ?? [])]).toEqual(["2020"]);
    const plan = plannedPackages(entries);
    expect(read?.packages.days).toEqual(plan.days);
    const page = [...entries.map((e) => `articles/${e.id}/index.html`), "index.html"];
    expect(page.map((p) => read?.packages.packageOf(p))).toEqual(
      page.map((p) => plan.packageOf(p)),
    );
  });

  it("are nothing when the content has problems", async () => {
    const content = join(scratch, "content");
    await cp(join(PROJECT_ROOT, "content"), content, { recursive: true });
    await writeFile(join(content, "articles", "2021-01-01-broken.md"), "---\ntitle: [\n---\n");
    process.env.ARCHIVE_CONTENT = content;
    const handed = join(scratch, "not-handed");
    expect(await readContentYears(PROJECT_ROOT, handed)).toBeUndefined();
    await expect(handedContent(handed)).rejects.toThrow(`ARCHIVE_CHECKED=${handed}: ENOENT`);
  });

  it("check again only the articles whose file or captures changed since their last check", async () => {
    // The seed, its edited capture as version 2, and another article.
    const content = join(scratch, "reused");
    await cp(join(PROJECT_ROOT, "content"), content, { recursive: true });
    process.env.ARCHIVE_CONTENT = content;
    for (const [file, archived] of [
      ["tests/fixtures/versions/301_seed_edited.txt", "2026-11-29"],
      ["tests/fixtures/import/captures/101_af2d07cb14df449c.txt", "2026-11-28"],
    ] as const) {
      await importCaptures(await captureFiles([join(PROJECT_ROOT, file)]), {
        root: scratch,
        archived,
        dryRun: false,
      });
    }
    const captures = async (): Promise<Map<string, string>> => {
      const names = await readdir(join(content, "captures"));
      const sums = await Promise.all(
        names.map(async (n) => sha256(await readFile(join(content, "captures", n)))),
      );
      return new Map(names.map((n, i) => [n, sums[i] ?? ""]));
    };
    const cache = join(scratch, "reused-cache");
    const handed = join(scratch, "reused-checked");
    const years = async (): Promise<Awaited<ReturnType<typeof readContentYears>>> =>
      readContentYears(PROJECT_ROOT, handed, {
        cache,
        code: "this code",
        captures: await captures(),
      });
    const wholeCheck = async (): Promise<unknown> => {
      const { entries, warnings } = await readContentFolder(PROJECT_ROOT);
      return { warnings, entries: entries.map(publishedEntry) };
    };

    expect(await years()).toMatchObject({ checked: 3, reused: 0 });
    // Nothing changed: nothing is checked again, and the entries are the whole check's.
    expect(await years()).toMatchObject({ checked: 0, reused: 3 });
    expect(await handedContent(handed)).toEqual(await wholeCheck());
    // A version removed: the others are reused, and their version lists made anew.
    const articles = join(content, "articles");
    const seed = (await readdir(articles)).find(
      (n) => n.startsWith("2020-05-24") && !n.endsWith(".md"),
    );
    await rm(join(articles, seed ?? "", "versions"), { recursive: true });
    expect(await years()).toMatchObject({ checked: 0, reused: 2 });
    expect(await handedContent(handed)).toEqual(await wholeCheck());
    // An article file changed: it alone is checked again.
    const other = (await readdir(articles)).find(
      (n) => n.endsWith(".md") && !n.startsWith("2020-05-24"),
    );
    await appendFile(join(articles, other ?? ""), "\n");
    expect(await years()).toMatchObject({ checked: 1, reused: 1 });
    // A capture changed: its article is checked again, and the content has a problem.
    await appendFile(join(content, "captures", "000_03d7a90d1c96a686.txt"), "\n");
    expect(await years()).toBeUndefined();
  });
});
