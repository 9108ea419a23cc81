/**
 * The content's years, read and checked in a child process for the build in
 * parts (src/node/content-years.ts): the same years and packages as read in
 * the command's own process, and nothing when the content has problems. The
 * checked content it hands to the assembly (src/node/handed-content.ts) is
 * the content's entries as a build keeps them, and content with problems is
 * not handed on.
 */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContentFolder } from "../../src/node/content-folder.ts";
import { contentPartsOf } from "../../src/node/content-parts.ts";
import { readContentYears } from "../../src/node/content-years.ts";
import { handedContent } from "../../src/node/handed-content.ts";
import { publishedEntry } from "../../src/archive/content/content-check.ts";
import { PROJECT_ROOT } from "../../src/node/files.ts";
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
});
