/**
 * What the reader sees, for captures full of characters Markdown would read
 * as syntax (lists, quotes, emphasis, entities, links, tabs, runs of spaces,
 * CRLF, a BOM, right-to-left text): imported with the importer into one
 * fixture site, built once, and compared in Chromium with their captures,
 * block by block, character for character.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { openPage, shownText as shown } from "../support/browser.ts";
import { expectedBlocks } from "../support/capture.ts";
import { useFixture } from "../support/fixture.ts";

const fixture = useFixture("imports");

/** Every imported article: its id, capture file and language, from the fixture's content folder. */
async function articles(): Promise<{ id: string; file: string; language: string }[]> {
  const content = inject("importedContent");
  const { readdir } = await import("node:fs/promises");
  const names = (await readdir(join(content, "articles"))).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(content, "articles", name), "utf8");
      return {
        id: name.replace(/\.md$/, ""),
        file: /^ {2}file: "(.*)"$/m.exec(text)?.[1] ?? "",
        language: /^language: "(.*)"$/m.exec(text)?.[1] ?? "",
      };
    }),
  );
}

describe("imported captures, as the reader sees them", () => {
  it("show every capture's blocks exactly, and nothing else", async () => {
    const list = await articles();
    expect(list).toHaveLength(5);
    const { page } = await openPage(fixture.browser);
    for (const { id, file } of list) {
      await page.goto(fixture.site.at(`articles/${encodeURIComponent(id)}/`));
      const bytes = await readFile(join(inject("importedContent"), "captures", file));
      expect(await shown(page), file).toEqual(expectedBlocks(bytes));
      // No list, quote, emphasis, code or link inside the article's text.
      const markup = await page.locator(".article-body :is(p, h2) *").count();
      expect(markup, file).toBe(0);
      const others = await page.locator(".article-body > :not(.block)").count();
      expect(others, file).toBe(0);
    }
  });

  it("keeps the capture's spaces, tabs and line breaks for the eye too", async () => {
    const { page } = await openPage(fixture.browser);
    const [lookalikes] = (await articles()).filter((a) => a.file.startsWith("101_"));
    await page.goto(fixture.site.at(`articles/${lookalikes?.id}/`));
    const paragraph = page.locator(".article-body p", { hasText: "five     spaces" });
    await expect(paragraph.evaluate((p) => getComputedStyle(p).whiteSpace)).resolves.toBe(
      "pre-wrap",
    );
    const spaced = page.locator(".article-body p", { hasText: "allocate(region" });
    const lines = await spaced.evaluate(
      (p) => p.getClientRects().length && p.textContent?.split("\n").length,
    );
    expect(lines).toBe(2);
  });

  it("sets each article's language and direction, and the archive's own chrome stays left to right", async () => {
    const { page } = await openPage(fixture.browser);
    for (const { id, language } of await articles()) {
      await page.goto(fixture.site.at(`articles/${encodeURIComponent(id)}/`));
      const article = page.locator("article");
      await expect(article.getAttribute("lang")).resolves.toBe(language);
      await expect(article.getAttribute("dir")).resolves.toBe(
        ["ar", "fa"].includes(language) ? "rtl" : "ltr",
      );
      // The dateline's words are English in every article: so marked where the article's are not.
      const dateline = page.locator("#dateline");
      const english = language === "en";
      await expect(dateline.getAttribute("lang")).resolves.toBe(english ? null : "en");
      await expect(dateline.getAttribute("dir")).resolves.toBe(english ? null : "ltr");
      // So are the archive's links beside each block ("Paragraph 1 in the capture").
      await expect(
        page.locator(".article-body .permalink").first().getAttribute("lang"),
      ).resolves.toBe(english ? null : "en");
      // On a phone, its ¶ links stay in the page's margin on either side: no sideways scroll.
      await page.setViewportSize({ width: 390, height: 800 });
      await expect(
        page.evaluate(() => document.documentElement.scrollWidth - innerWidth),
        id,
      ).resolves.toBeLessThanOrEqual(0);
      // The archive's chrome keeps its own language and direction; one search index holds all.
      await expect(page.locator("html").getAttribute("dir")).resolves.toBe("ltr");
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    }
    // The front page lists each headline in its own language and direction.
    await page.goto(fixture.site.url);
    const listed = await page
      .locator(".summary .headline a")
      .evaluateAll((links) =>
        links.map((a) => [
          decodeURIComponent(a.getAttribute("href") ?? ""),
          a.getAttribute("lang") ?? "",
          a.getAttribute("dir") ?? "",
        ]),
      );
    for (const { id, language } of await articles()) {
      const english = language === "en";
      expect(
        listed.find(([href]) => href?.includes(`/articles/${id}/`)),
        id,
      ).toEqual([
        expect.any(String),
        english ? "" : language,
        english ? "" : ["ar", "fa"].includes(language) ? "rtl" : "ltr",
      ]);
    }
  });

  it("finds articles in every language with one search box", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.url);
    for (const word of ["Merrowby", "الزيتون", "نارون"]) {
      await page.getByRole("searchbox").fill(word);
      await expect
        .poll(() => page.locator("[data-search-summary]").textContent(), { timeout: 10_000 })
        .toMatch(/^1 article matches/);
    }
  });
});
