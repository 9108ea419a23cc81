/**
 * Offline: after one visit the archive reads and searches with the network
 * gone (browser offline and server stopped), and a new build is picked up on
 * the next visit without a mix of old and new files. Under /archive/, the
 * harder case for scopes and URLs: v1 is the `archive` fixture (content/),
 * v2 the `imports` fixture (another content set, same base), served in turn
 * at the same address.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serve } from "../../bin/serve.ts";
import { launch } from "../support/browser.ts";
import {
  ARTICLE_PATH,
  CAPTURE_FILE,
  HEADINGS,
  HEADLINE,
  expectedBlocks,
} from "../support/capture.ts";
import { FIXTURES } from "../support/site.ts";

const BASE = FIXTURES.archive.base;

/** An article only the `imports` fixture holds, and its capture. */
const NEW_HEADLINE = "Coastal town of Merrowby approves flood barrier after winter storms";
const NEW_PATH =
  "articles/2021-02-03-coastal-town-of-merrowby-approves-flood-barrier-after-winter-storms/";
const NEW_CAPTURE = "102_abf20705a43e5efa.txt";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens `url` and waits until the page says the archive is available offline. */
async function visitUntilOffline(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await expect
    .poll(() => page.locator("[data-offline-status]").isVisible(), { timeout: 20_000 })
    .toBe(true);
  return page;
}

async function searchFor(page: Page, query: string): Promise<void> {
  await page.getByRole("searchbox").fill(query);
  await page.locator("[data-search-results] a").first().waitFor();
}

/** The article's headline, publisher, dateline and body blocks, as shown. */
async function shownBlocks(page: Page): Promise<string[]> {
  const article = page.locator("article").first();
  return [
    String(await article.locator("h1").textContent()),
    String(await article.locator(".publisher").textContent()),
    String(await article.locator("header time").textContent()),
    ...(await article.locator(".article-body").locator("p, h2").allTextContents()),
  ];
}

describe("offline", () => {
  it("reads and searches after one visit, with the network gone", async () => {
    const server = await serve({ dir: inject("fixtureDirs").archive, base: BASE });
    const site = server.url;
    const context = await browser.newContext();
    const errors: string[] = [];
    const page = await visitUntilOffline(context, site + ARTICLE_PATH);
    page.on("pageerror", (error) => errors.push(error.message));

    // The worker was registered only after the load event: reading cost no script.
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const sw = performance
        .getEntriesByType("resource")
        .find((entry) => entry.name.endsWith("/modules/offline.js"));
      return { loadEnd: nav.loadEventStart, offlineJs: sw?.startTime ?? -1 };
    });
    expect(timing.offlineJs).toBeGreaterThanOrEqual(timing.loadEnd);

    await server.close();
    await context.setOffline(true);

    await page.reload();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(HEADLINE);
    expect(await page.locator("article p[id^=p]").count()).toBe(16);
    expect(await page.getByRole("heading", { level: 2 }).allInnerTexts()).toEqual(
      expect.arrayContaining([...HEADINGS]),
    );

    await page.goto(site);
    expect(await page.getByRole("link", { name: HEADLINE }).count()).toBeGreaterThan(0);
    await searchFor(page, "Gnounou");
    const result = page.locator("[data-search-results] a").first();
    expect(await result.getAttribute("href")).toContain(
      "#government-forces-retake-more-areas-near-capital",
    );
    await result.click();
    await page.waitForURL(/#government-forces/);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(HEADLINE);

    for (const path of [`captures/${CAPTURE_FILE}`, `${ARTICLE_PATH}citation.bib`]) {
      const text = await page.evaluate(async (url) => (await fetch(url)).text(), site + path);
      expect(text.length, path).toBeGreaterThan(100);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("picks up a new build on the next visit, never a mix", async () => {
    const dirs = inject("fixtureDirs");
    const first = await serve({ dir: dirs.archive, base: BASE });
    const port = Number(new URL(first.url).port);
    const context = await browser.newContext();
    const page = await visitUntilOffline(context, first.url);
    expect(await page.locator("main article.summary h3 a").count()).toBe(1);
    await page.close();
    await first.close();

    // The new build goes live at the same address.
    const second = await serve({ dir: dirs.imports, base: BASE, port });
    try {
      const visit = await context.newPage();
      await visit.goto(second.url); // the old worker still serves the old build whole…
      expect(await visit.locator("main article.summary h3 a").count()).toBe(1);
      // …while the new one installs and waits for the old build's pages to close.
      await expect
        .poll(
          () =>
            visit.evaluate(async () => {
              const registration = await navigator.serviceWorker.getRegistration();
              await registration?.update().catch(() => undefined);
              return registration?.waiting !== null && registration?.waiting !== undefined;
            }),
          { timeout: 20_000 },
        )
        .toBe(true);
      await visit.close();

      const next = await context.newPage(); // the next visit: the new build, index included
      await next.goto(second.url);
      expect(await next.locator("main article.summary h3 a").count()).toBe(5);
      await searchFor(next, "Merrowby");
      const result = next.locator("[data-search-results] a").first();
      expect(await result.getAttribute("href")).toContain(NEW_PATH);
      await result.click();
      await next.waitForURL((url) => url.pathname === `${BASE}${NEW_PATH}`);
      // The new build's own article, served whole, exactly as its capture prints it.
      const capture = await readFile(join(inject("importedContent"), "captures", NEW_CAPTURE));
      expect(await shownBlocks(next)).toEqual(expectedBlocks(capture));
      expect(await next.getByRole("heading", { level: 1 }).innerText()).toBe(NEW_HEADLINE);
      // An article both builds hold is the new build's copy too (archived on another day).
      await next.goto(second.url + ARTICLE_PATH);
      const provenance = next.getByRole("region", { name: "About this archive copy" });
      await expect(provenance.innerText()).resolves.toContain("28 November 2026");
      await expect(provenance.innerText()).resolves.not.toContain("25 November 2026");
    } finally {
      await context.close();
      await second.close();
    }
  });
});
