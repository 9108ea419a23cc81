/**
 * Versions in the browser, on the imports fixture: the seed, then the seed
 * captured again edited (version 2), rewritten (version 3), on another
 * hosting page (captured again, unchanged) and another article of its outlet
 * and day (tests/fixtures/versions/). Each version's page, the pages of what
 * changed, the capture pages, search, citations and the feed.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { unzipSync } from "fflate";
import { describe, expect, inject, it } from "vitest";
import { axeViolations } from "../support/axe.ts";
import { openPage, search, shownText } from "../support/browser.ts";
import { RESERVED_IDS } from "../../src/archive/page/block-ids.ts";
import { ARTICLE_ID, expectedBlocks } from "../support/capture.ts";
import { useFixture } from "../support/fixture.ts";

const fixture = useFixture("versions");
const ARTICLE = `articles/${ARTICLE_ID}/`;
const capture = (name: string): Promise<Buffer> =>
  readFile(join(inject("versionsContent"), "captures", name));

/** The text a change page gives for one side: its blocks with the other side's words left out. */
async function side(page: Page, drop: "ins" | "del"): Promise<string[]> {
  return page.evaluate((drop) => {
    const text = (el: Element): string => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll(`${drop}, .change-mark`).forEach((n) => n.remove());
      return copy.textContent ?? "";
    };
    const blocks = [...document.querySelectorAll(".changes-blocks .change")].filter(
      (li) => !li.classList.contains(drop === "ins" ? "change-added" : "change-removed"),
    );
    return blocks.map((li) => text(li.querySelector(".change-text") as Element));
  }, drop);
}

describe("an article captured three times", () => {
  it("keeps the first text at the article's URL and gives each version its own page", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.at(ARTICLE));
    const note = page.locator(".version-note");
    await expect(note.textContent()).resolves.toBe(
      "Version 1 of 3 of this article, captured 28 November 2026. Read the newest, version 3",
    );
    await page.goto(fixture.site.at(`${ARTICLE}versions/2/`));
    await expect(note.textContent()).resolves.toBe(
      "Version 2 of 3 of this article, captured 29 November 2026. Read the newest, version 3 · What changed since version 1",
    );
    await expect(page.title()).resolves.toMatch(/\(version 2\)/);
    const listed = page.locator(".versions li");
    await expect(listed.allTextContents()).resolves.toEqual([
      "Version 1, 28 November 2026",
      "Version 2, 29 November 2026 · changes",
      "Version 3, 30 November 2026 · changes",
    ]);
    await expect(page.locator('.versions [aria-current="page"]').textContent()).resolves.toBe(
      "Version 2",
    );
    // Every id of the page's own is one no heading takes (block-ids.ts), the blocks' aside.
    const pageIds = await page.evaluate(() =>
      [...document.querySelectorAll("[id]")]
        .filter((el) => !el.matches(".article-body > .block > :first-child"))
        .map((el) => el.id),
    );
    expect(pageIds.length).toBeGreaterThan(10);
    expect(pageIds.filter((id) => !(RESERVED_IDS as readonly string[]).includes(id))).toEqual([]);
    // Its citation cites this version's own address and archive day.
    const cite = await page
      .locator("#cite-heading + *")
      .evaluate((el) => el.parentElement?.textContent ?? "");
    expect(cite).toContain(`https://archive.example/news/${ARTICLE}versions/2/`);
    expect(cite).toContain("29 November 2026");
    const bib = await (await fetch(fixture.site.at(`${ARTICLE}versions/2/citation.bib`))).text();
    expect(bib).toContain(`${ARTICLE}versions/2/`);
    // The newest says so, and the first to newest changes are linked.
    await page.goto(fixture.site.at(`${ARTICLE}versions/3/`));
    await expect(note.textContent()).resolves.toMatch(
      /^Version 3 of 3 .* It is the newest capture\. · What changed since version 2$/,
    );
    await page
      .getByRole("link", { name: "Every change from the first capture to the newest" })
      .click();
    await page.waitForURL(fixture.site.at(`${ARTICLE}changes/1-to-3/`));
  });

  it("shows each version's capture, block for block, at its own address", async () => {
    const { page } = await openPage(fixture.browser);
    for (const [path, file] of [
      [ARTICLE, "000_03d7a90d1c96a686.txt"],
      [`${ARTICLE}versions/2/`, "301_seed_edited.txt"],
      [`${ARTICLE}versions/3/`, "302_seed_rewritten.txt"],
    ] as const) {
      await page.goto(fixture.site.at(path));
      const shown = await shownText(page);
      expect(shown, path).toEqual(expectedBlocks(await capture(file)));
    }
    // The recapture reads as version 1, which it is recorded with.
    expect(expectedBlocks(await capture("303_seed_other_page.txt"))).toEqual(
      expectedBlocks(await capture("000_03d7a90d1c96a686.txt")),
    );
  });

  it("shows exactly what changed: both versions rebuilt from the change page, character for character", async () => {
    const { page } = await openPage(fixture.browser);
    const texts = {
      1: expectedBlocks(await capture("000_03d7a90d1c96a686.txt")),
      2: expectedBlocks(await capture("301_seed_edited.txt")),
      3: expectedBlocks(await capture("302_seed_rewritten.txt")),
    };
    for (const [from, to] of [
      [1, 2],
      [2, 3],
      [1, 3],
    ] as const) {
      await page.goto(fixture.site.at(`${ARTICLE}changes/${from}-to-${to}/`));
      await expect(side(page, "ins"), `${from} in ${from}-to-${to}`).resolves.toEqual(
        texts[from].slice(3),
      );
      await expect(side(page, "del"), `${to} in ${from}-to-${to}`).resolves.toEqual(
        texts[to].slice(3),
      );
    }
    await page.goto(fixture.site.at(`${ARTICLE}changes/1-to-2/`));
    await expect(page.locator("strong").first().textContent()).resolves.toBe(
      "1 block changed, 1 added",
    );
    // The page names its article, in the article's language, not only in its <title>.
    const named = page.locator(".changes-page > p").first().locator("span[lang]");
    await expect(named.textContent()).resolves.toBe(texts[2][0]);
    await expect(named.getAttribute("lang")).resolves.toBe("en");
    const changed = page.locator(".change-changed").first();
    await expect(changed.locator("del").textContent()).resolves.toBe("[deleted: called on]");
    await expect(changed.locator("ins").textContent()).resolves.toBe("[inserted: urged]");
    await expect(page.locator(".change-added .change-label").textContent()).resolves.toBe(
      "Paragraph added",
    );
    // The header's changes, word by word.
    await page.goto(fixture.site.at(`${ARTICLE}changes/2-to-3/`));
    const fields = await page.locator(".changes-fields dt").allTextContents();
    expect(fields).toEqual(["Headline changed", "Dateline changed"]);
  });

  it("has no axe violation on a version's page and a change page, light and dark, phone and desktop", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { page } = await openPage(fixture.browser, { colorScheme });
      for (const path of [`${ARTICLE}versions/2/`, `${ARTICLE}changes/1-to-3/`]) {
        await page.goto(fixture.site.at(path));
        for (const width of [390, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
        }
        await expect(axeViolations(page), `${path} (${colorScheme})`).resolves.toEqual([]);
      }
    }
  });

  it("prints what changed in words, not by colour alone", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.at(`${ARTICLE}changes/1-to-2/`));
    await page.emulateMedia({ media: "print" });
    const shown = await page
      .locator(".change-changed .change-mark")
      .first()
      .evaluate((el) => (el as HTMLElement).offsetWidth > 1);
    expect(shown).toBe(true);
  });

  it("links each capture's blocks to its own version, and lists the unchanged recapture", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.at("captures/301_seed_edited/"));
    const hrefs = await page
      .locator(".capture-lines a[href*='/articles/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h.includes(`/${ARTICLE}versions/2/`))).toBe(true);
    await page.goto(fixture.site.at("captures/303_seed_other_page/"));
    await expect(page.locator("main").textContent()).resolves.toMatch(/captured again/i);
    await page.goto(fixture.site.at(ARTICLE));
    await expect(page.locator(".provenance").textContent()).resolves.toContain(
      "Captured again, unchanged303_seed_other_page.txt, 28 November 2026",
    );
  });

  it("is found once by search, at the version that holds the words", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.url);
    const headlines = (): Promise<string[]> =>
      page
        .locator(".search-link")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const sections = (): Promise<string[]> =>
      page
        .locator(".search-section a")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const seed = async (): Promise<string[]> =>
      (await headlines()).filter((h) => h.includes(ARTICLE_ID));
    // Added in version 2, kept in 3: the newest.
    await search(page, "second air base");
    expect(await seed()).toEqual([expect.stringMatching(new RegExp(`/${ARTICLE}versions/3/\\?`))]);
    // In versions 1 and 2 only (version 3 removed it): version 2, at its paragraph.
    await page.getByRole("searchbox").fill("");
    await search(page, "threatened");
    expect(await seed()).toEqual([
      expect.stringMatching(new RegExp(`/${ARTICLE}versions/2/\\?highlight=threatened#p6$`)),
    ]);
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/^1 article matches/);
    // Only in version 1 (version 2 reworded it): a section leads to the article's own URL.
    await page.getByRole("searchbox").fill("");
    await search(page, "called on his");
    expect(await sections()).toContainEqual(
      expect.stringMatching(
        new RegExp(`/${ARTICLE}\\?highlight=called&highlight=on&highlight=his#p1$`),
      ),
    );
    // A word of every version: the article once.
    await page.getByRole("searchbox").fill("");
    await search(page, "Gnounou");
    expect(await headlines()).toHaveLength(1);
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/^1 article matches/);
  });

  it("lists the article once, marked as changed, and gives each new version a feed entry", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.url);
    const links = await page
      .locator(".article-list a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(links.filter((h) => h.includes(ARTICLE_ID))).toEqual([`/news/${ARTICLE}`]);
    await expect(page.locator(".article-list").textContent()).resolves.toContain(
      "changed: 3 versions",
    );
    const feed = await (await fetch(fixture.site.at("feed.xml"))).text();
    expect(feed).toContain(`href="https://archive.example/news/${ARTICLE}versions/3/"`);
    expect(feed).toContain("(version 2)</title>");
    const sitemap = await (await fetch(fixture.site.at("sitemap.xml"))).text();
    for (const path of [
      `${ARTICLE}versions/2/`,
      `${ARTICLE}changes/1-to-3/`,
      "captures/303_seed_other_page/",
    ]) {
      expect(sitemap, path).toContain(`/news/${path}<`);
    }
  });

  it("packs every version and capture: the WACZ's pages, its records and the fixity manifest", async () => {
    const dir = inject("fixtureDirs").versions;
    // The article's year of publication has its package; nothing of it is in the shared one.
    const zip = unzipSync(new Uint8Array(await readFile(join(dir, "packages/2020.wacz"))));
    const pages = new TextDecoder()
      .decode(zip["pages/pages.jsonl"])
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { url?: string; title?: string });
    const urls = pages.map((p) => p.url ?? "");
    for (const path of ["", "versions/2/", "versions/3/"]) {
      expect(urls, path).toContain(`https://archive.example/news/${ARTICLE}${path}`);
    }
    const manifest = await readFile(join(dir, "manifest-sha256.txt"), "utf8");
    for (const path of [
      `${ARTICLE}versions/2/index.html`,
      `${ARTICLE}changes/1-to-3/index.html`,
      "captures/303_seed_other_page.txt",
      "captures/303_seed_other_page/index.html",
      "packages/2020.wacz",
      "packages/shared.wacz",
    ]) {
      expect(manifest, path).toContain(`  ${path}\n`);
    }
  });
});
