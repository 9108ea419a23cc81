import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_DIR } from "../../src/archive/site.ts";
import { quickerReadyWait, READY_WAIT } from "../../src/node/search-code.ts";
import { openSearchIndex } from "../../src/node/search-index.ts";

const page = (title: string, body: boolean): string =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body>` +
  `<main${body ? " data-pagefind-body" : ""}><h1>${title}</h1><p>Words of ${title}.</p></main></body></html>`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "archive-search-index-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the search index", () => {
  it("holds the article pages only, without Pagefind's unused UIs", async () => {
    const out = join(dir, "whole");
    const index = await openSearchIndex(out);
    await index.add("articles/a/index.html", page("Alpha", true));
    await index.add("articles/b/index.html", page("Beta", true));
    await index.add("index.html", page("Front", false));
    await index.write(2);
    const entry = JSON.parse(
      await readFile(join(out, SEARCH_DIR, "pagefind-entry.json"), "utf8"),
    ) as { archive_parts: Record<string, [string, number][]> };
    expect(Object.values(entry.archive_parts).flatMap((parts) => parts.map(([, n]) => n))).toEqual([
      2,
    ]);
    expect(existsSync(join(out, SEARCH_DIR, "pagefind-ui.js"))).toBe(false);
    expect(existsSync(join(out, SEARCH_DIR, "pagefind.js"))).toBe(true);
  });

  it("writes Pagefind's search code checking every 4 ms, not 50, for a ready instance", async () => {
    const code = await readFile(join(dir, "whole", SEARCH_DIR, "pagefind.js"), "utf8");
    expect(code.includes(READY_WAIT.to), "the 4 ms wait").toBe(true);
    expect(code.includes(READY_WAIT.from), "the 50 ms wait").toBe(false);
    // Already changed (a kept part's copy): left as it is. Not there: the build stops, saying where.
    expect(quickerReadyWait(code, "pagefind.js")).toBe(code);
    expect(() => quickerReadyWait(code.replace(READY_WAIT.to, ""), "x/pagefind.js")).toThrow(
      /x\/pagefind\.js: Pagefind's wait for a ready instance \(getPtr's 50 ms loop\) is not there exactly once/,
    );
  });

  it("fails, naming the counts, when an article page lost data-pagefind-body", async () => {
    const index = await openSearchIndex(join(dir, "short"));
    await index.add("articles/a/index.html", page("Alpha", true));
    await index.add("articles/b/index.html", page("Beta", false));
    await expect(index.write(2)).rejects.toThrow(
      /Pagefind indexed 1 page for the 2 articles in .*short: each article is indexed once, from its newest version.s page, which must carry data-pagefind-body/,
    );
  });

  it("refuses a number of pages a Pagefind process that is not a whole number, at least 1", async () => {
    await expect(openSearchIndex(join(dir, "none"), { pagesPerShard: 0 })).rejects.toThrow(
      /pages per Pagefind process must be a whole number, at least 1 \(got 0\)/,
    );
  });
});
