import { createHash } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.ts";
import { launch, offsite, openPage } from "../support/browser.ts";
import {
  ARTICLE_PATH,
  CAPTURE_FILE,
  CAPTURE_SHA256,
  HEADINGS,
  HEADLINE,
  captureBytes,
  expectedBlocks,
} from "../support/capture.ts";
import { serveFixture, type Site } from "../support/site.ts";

let site: Site;
let browser: Browser;

beforeAll(async () => {
  site = await serveFixture("archive");
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("front page", () => {
  it("lists the article with headline, publisher and date, one step from the article", async () => {
    const { page, requests, errors } = await openPage(browser);
    await page.goto(site.url);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBeTruthy();
    const item = page.getByRole("article").filter({ hasText: HEADLINE });
    await expect(item.getByText("Iran Press TV").count()).resolves.toBe(1);
    await expect(item.locator("time").getAttribute("datetime")).resolves.toBe("2020-05-24");
    await item.getByRole("link", { name: HEADLINE }).click();
    await page.waitForURL(site.at(ARTICLE_PATH));
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(HEADLINE);
    expect(errors).toEqual([]);
    expect(offsite(requests, site.origin)).toEqual([]);
  });
});

describe("article page", () => {
  it("renders the headline, publisher and dateline as printed", async () => {
    const { page } = await openPage(browser);
    await page.goto(site.at(ARTICLE_PATH));
    const article = page.getByRole("article");
    await expect(article.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(HEADLINE);
    await expect(article.locator(".publisher").textContent()).resolves.toBe("Iran Press TV");
    const time = article.locator("header time");
    await expect(time.textContent()).resolves.toBe("Sunday, 24 May 2020 7:18 AM");
    await expect(time.getAttribute("datetime")).resolves.toBe("2020-05-24T07:18");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await expect(article.getAttribute("lang")).resolves.toBe("en");
    await expect(article.getAttribute("dir")).resolves.toBe("ltr");
  });

  it("reproduces the capture's 16 paragraphs and 2 headings verbatim, block by block", async () => {
    const { page } = await openPage(browser);
    await page.goto(site.at(ARTICLE_PATH));
    const body = page.locator(".article-body");
    await expect(body.locator("p").count()).resolves.toBe(16);
    await expect(body.locator("h2").allTextContents()).resolves.toEqual([...HEADINGS]);
    const blocks = await body.locator("p, h2").allTextContents();
    const head = [
      await page.locator("article h1").textContent(),
      await page.locator("article .publisher").textContent(),
      await page.locator("article header time").textContent(),
    ].map(String);
    expect([...head, ...blocks]).toEqual(expectedBlocks(captureBytes()));
    // Each block is wrapped with its own permalink, and nothing else is in the body.
    const wrapped = await body.evaluate((el) =>
      [...el.children].map((block) => ({
        className: block.className,
        target: block.querySelector("p, h2")?.id,
        permalink: block.querySelector("a.permalink")?.getAttribute("href"),
      })),
    );
    expect(wrapped).toHaveLength(blocks.length);
    for (const block of wrapped) {
      expect(block.className.split(" ")).toContain("block");
      expect(block.permalink).toBe(`#${block.target}`);
    }
  });

  it("gives each original heading a stable id, linked from the table of contents", async () => {
    const { page } = await openPage(browser);
    await page.goto(site.at(ARTICLE_PATH));
    const ids = await page.locator(".article-body h2").evaluateAll((hs) => hs.map((h) => h.id));
    expect(ids).toEqual([
      "government-forces-retake-more-areas-near-capital",
      "trump-erdogan-discuss-libya-in-phone-call",
    ]);
    const toc = page.getByRole("navigation", { name: "Sections" });
    await expect(toc.getByRole("link").allTextContents()).resolves.toEqual([...HEADINGS]);
    await toc.getByRole("link", { name: HEADINGS[1] }).click();
    expect(new URL(page.url()).hash).toBe(`#${ids[1]}`);
  });

  it("keeps the archive's panel apart and links the raw capture, byte for byte", async () => {
    const { page } = await openPage(browser);
    await page.goto(site.at(ARTICLE_PATH));
    const article = page.getByRole("article");
    await expect(article.getByText("About this archive copy").count()).resolves.toBe(0);
    const panel = page.getByRole("region", { name: "About this archive copy" });
    await expect(panel.getByText(CAPTURE_SHA256).count()).resolves.toBe(1);
    const link = panel.getByRole("link", { name: CAPTURE_FILE });
    const href = await link.getAttribute("href");
    const response = await page.request.get(new URL(String(href), page.url()).href);
    expect(response.status()).toBe(200);
    // With its charset, as a host sends it: a browser would guess otherwise (windows-1252).
    expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    const hash = createHash("sha256")
      .update(await response.body())
      .digest("hex");
    expect(hash).toBe(CAPTURE_SHA256);
  });

  it("has landmarks, a skip link to the headline first, and no script file", async () => {
    const { page, requests, errors } = await openPage(browser);
    await page.goto(site.at(ARTICLE_PATH));
    for (const role of ["banner", "main", "article", "contentinfo"] as const) {
      await expect(page.getByRole(role).count()).resolves.toBe(1);
    }
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe("H1");
    await expect(page.locator("script[src]").count()).resolves.toBe(0);
    const inline = await page.locator("script:not([type='application/ld+json'])").allTextContents();
    expect(inline.join("").length).toBeLessThan(1024);
    // No script file before the load event; after it, only the service worker's loader.
    const scripts = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return performance
        .getEntriesByType("resource")
        .filter((entry) => /\.js($|\?)/.test(entry.name))
        .map((entry) => ({ url: entry.name, afterLoad: entry.startTime >= nav.loadEventStart }));
    });
    for (const script of scripts) {
      expect(script).toEqual({
        url: expect.stringMatching(/\/modules\/offline\.js$/),
        afterLoad: true,
      });
    }
    await expect(
      page.locator('meta[name="description"]').getAttribute("content"),
    ).resolves.toContain(HEADLINE);
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    expect((await page.request.get(new URL(String(icon), page.url()).href)).status()).toBe(200);
    expect(errors).toEqual([]);
    expect(offsite(requests, site.origin)).toEqual([]);
  });

  it("reads whole without JavaScript", async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(site.at(ARTICLE_PATH));
    await expect(page.locator(".article-body p").count()).resolves.toBe(16);
  });

  it("prints the article and its provenance without navigation", async () => {
    const { page } = await openPage(browser);
    await page.goto(site.at(ARTICLE_PATH));
    await page.emulateMedia({ media: "print" });
    const shown = (selector: string) => page.locator(selector).first().isVisible();
    await expect(shown(".article-body")).resolves.toBe(true);
    await expect(shown(".provenance")).resolves.toBe(true);
    await expect(shown(".site-header")).resolves.toBe(false);
    await expect(shown(".toc")).resolves.toBe(false);
    await expect(shown(".skip-link")).resolves.toBe(false);
    // Nothing to download on paper: no heading left over the hidden links.
    await expect(page.getByText("Download the citation").isVisible()).resolves.toBe(false);
  });
});

describe("every page", () => {
  // Every kind of page: front, article, 404, browse, a listing (years and outlets share it).
  const pages = ["", ARTICLE_PATH, "404.html", "browse/", "years/2020/"];
  const widths = [320, 390, 1280];

  it("answers an unknown address with the 404 page", async () => {
    const { page } = await openPage(browser);
    const response = await page.goto(site.at("no-such-page/"));
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Page not found",
    );
    await expect(page.locator(".notfound p").innerText()).resolves.toContain(
      "listed on the front page.",
    );
  });

  it("sends an article's address without its last slash to the address with it", async () => {
    // As static hosts do: the page's relative links (its citation files) resolve in its folder.
    const { page } = await openPage(browser);
    const bare = await page.request.get(site.at(ARTICLE_PATH.replace(/\/$/, "")), {
      maxRedirects: 0,
    });
    expect([bare.status(), bare.headers().location]).toEqual([
      301,
      new URL(site.at(ARTICLE_PATH)).pathname,
    ]);
  });

  // axe's checks do not depend on the width: it runs once per scheme, at a phone's width;
  // every width is checked for sideways scroll. The article page's axe runs are the search
  // tests' (light and dark, with the search panel open over it).
  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no axe violation (${colorScheme}) and no sideways scroll at ${widths.join(", ")} px`, async () => {
      const { page, errors } = await openPage(browser, {
        colorScheme,
        viewport: { width: 390, height: 800 },
      });
      // Dark mode changes only the tokens' colours: its axe run covers a listing (the front
      // page lists articles with the listing's own components).
      for (const path of colorScheme === "light" ? pages : [ARTICLE_PATH, "years/2020/"]) {
        await page.goto(site.at(path));
        if (path !== ARTICLE_PATH) await expect(axeViolations(page), path).resolves.toEqual([]);
        for (const width of widths) {
          await page.setViewportSize({ width, height: 800 });
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
        }
        if (colorScheme === "light") {
          // Text at 200% on the narrowest screen (WCAG's reflow): nothing past its edge.
          await page.setViewportSize({ width: 320, height: 800 });
          await page.evaluate(() => (document.documentElement.style.fontSize = "200%"));
          const zoomed = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(zoomed, `${path} at 320px, text at 200%`).toBeLessThanOrEqual(0);
        }
        await page.setViewportSize({ width: 390, height: 800 });
      }
      expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    });
  }
});
