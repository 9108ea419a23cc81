/**
 * Each capture's own page: every line numbered and anchored, copying the
 * column gives the .txt, the article's blocks link to the article and back,
 * the furniture is left out with its reason. Walked for every capture of the
 * imports fixture (the seed and the importer's test captures, one of them
 * right to left).
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { splitCapture } from "../../src/archive/capture/capture-text.ts";
import { axeViolations } from "../support/axe.ts";
import { openPage } from "../support/browser.ts";
import { useFixture } from "../support/fixture.ts";

const fixture = useFixture("imports");

const captures = async (): Promise<string[]> =>
  (await readdir(join(inject("importedContent"), "captures"))).sort();
const pageOf = (file: string): string => `captures/${file.replace(/\.txt$/, "")}/`;

describe("the capture page", () => {
  it("shows every line, numbered and anchored, and copying the column gives the .txt's text", async () => {
    const { page } = await openPage(fixture.browser);
    for (const file of await captures()) {
      const bytes = await readFile(join(inject("importedContent"), "captures", file));
      const { lines } = splitCapture(bytes.toString("utf8"));
      await page.goto(fixture.site.at(pageOf(file)));
      await expect(page.locator(".capture-lines .line").count()).resolves.toBe(lines.length);
      await expect(page.locator(`#L${lines.length}`).count()).resolves.toBe(1);
      const copied = await page.evaluate(() => {
        const selection = getSelection();
        const range = document.createRange();
        range.selectNodeContents(document.querySelector(".capture-lines") as Node);
        selection?.removeAllRanges();
        selection?.addRange(range);
        return selection?.toString() ?? "";
      });
      expect(copied, file).toBe(lines.join("\n"));
    }
  });

  it("links every block of the article to its lines and back", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.url);
    // Each page is fetched and read by the browser's own HTML parser (no need to render
    // fifteen pages to follow their links).
    const links = (url: string, selector: string): Promise<{ hrefs: string[]; ids: string[] }> =>
      page.evaluate(
        async ([url, selector]) => {
          const html = await (await fetch(url)).text();
          const doc = new DOMParser().parseFromString(html, "text/html");
          const base = new URL(url);
          return {
            hrefs: [...doc.querySelectorAll<HTMLAnchorElement>(selector)].map(
              (a) => new URL(a.getAttribute("href") ?? "", base).href,
            ),
            ids: [...doc.querySelectorAll("[id]")].map((el) => el.id),
          };
        },
        [url, selector] as const,
      );
    const usedIds = (url: string): Promise<string[]> =>
      page.evaluate(async (url) => {
        const html = await (await fetch(url)).text();
        const doc = new DOMParser().parseFromString(html, "text/html");
        return [...doc.querySelectorAll(".capture-lines .group.used[id]")].map((el) => el.id);
      }, url);
    const hash = (href: string): string => decodeURIComponent(new URL(href).hash.slice(1));
    for (const file of await captures()) {
      const capture = fixture.site.at(pageOf(file));
      const toArticle = (await links(capture, ".capture-lines .group.used .note a")).hrefs;
      expect(toArticle.length, file).toBeGreaterThan(3);
      const articleUrl = toArticle[0]?.split("#")[0] ?? "";
      // Every block the capture page links to exists on the article page…
      const article = await links(articleUrl, ".article-body .in-capture");
      expect(
        toArticle.map(hash).filter((id) => !article.ids.includes(id)),
        file,
      ).toEqual([]);
      // …and every block of the article links back to its place on the capture page.
      const blocks = await page.evaluate(async (url) => {
        const html = await (await fetch(url)).text();
        return new DOMParser()
          .parseFromString(html, "text/html")
          .querySelectorAll(".article-body .block").length;
      }, articleUrl);
      expect(article.hrefs, file).toHaveLength(blocks);
      expect(new Set(article.hrefs.map((href) => href.split("#")[0]))).toEqual(new Set([capture]));
      const used = await usedIds(capture);
      expect(
        article.hrefs.map(hash).filter((id) => !used.includes(id)),
        file,
      ).toEqual([]);
    }
  });

  it("marks the furniture as left out, with the layout rule's reason", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.at(pageOf("000_03d7a90d1c96a686.txt")));
    const notes = await page.locator(".capture-lines .group.left-out .note").allTextContents();
    expect(notes).toEqual([
      "left out: job advert",
      "left out: section label",
      "left out: source label",
      "left out: mailing-list promotion",
      "left out: podcast promotion",
    ]);
    await expect(page.locator(".summary").textContent()).resolves.toMatch(
      /Lines\s*51.*Blocks in the article\s*21.*Blocks left out\s*5/s,
    );
    await expect(
      page.getByText("was checked against this capture when the archive was built").isVisible(),
    ).resolves.toBe(true);
  });

  it("is linked from the article's provenance panel beside the .txt, and stays out of search", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(
      fixture.site.at(
        "articles/2020-05-24-libyas-rebel-commander-urges-forces-to-rally-against-turkey/",
      ),
    );
    await page.getByRole("link", { name: "Every line of the capture" }).click();
    await page.waitForURL(/\/captures\/000_03d7a90d1c96a686\/$/);
    await expect(page.locator("h1").textContent()).resolves.toContain("000_03d7a90d1c96a686.txt");
    await expect(page.locator("[data-pagefind-body]").count()).resolves.toBe(0);
    const sitemap = await (await fetch(fixture.site.at("sitemap.xml"))).text();
    expect(sitemap).toContain("/captures/000_03d7a90d1c96a686/");
  });

  it("reads right to left where the capture does, and needs no script", async () => {
    const { page } = await openPage(fixture.browser, { javaScriptEnabled: false });
    const rtl = (await captures()).find((f) => f.startsWith("103_")) ?? "";
    await page.goto(fixture.site.at(pageOf(rtl)));
    const direction = await page
      .locator("#L13 .text")
      .evaluate((e) => getComputedStyle(e).direction);
    expect(direction).toBe("rtl");
    await expect(
      page.locator("#L1 .text").evaluate((e) => getComputedStyle(e).direction),
    ).resolves.toBe("ltr");
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`passes axe and fits 320 px (${colorScheme})`, async () => {
      const { page } = await openPage(fixture.browser, {
        colorScheme,
        viewport: { width: 320, height: 800 },
      });
      await page.goto(fixture.site.at(pageOf("101_af2d07cb14df449c.txt")));
      expect(await axeViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (colorScheme === "dark") return;
      // Text at 200% (WCAG's reflow): still one column, nothing past the screen's edge.
      await page.evaluate(() => (document.documentElement.style.fontSize = "200%"));
      const zoomed = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(zoomed, "at 200% text").toBeLessThanOrEqual(0);
    });
  }
});
