/**
 * Offline: the worker precaches only what every page needs; the pages a
 * reader opens read again with the network gone (browser offline and server
 * stopped), with search from the chunks already fetched; a page never opened
 * gives the "not saved offline" page, which lists the saved articles; a search
 * whose chunks are not here says it needs the network, never "no results";
 * and a tab still on an old build, once a new one is published, says so and
 * reloads into it. Under /archive/, the harder case for scopes and URLs: v1 is
 * the `archive` fixture (content/), v2 the `imports` fixture (the same article
 * and four more, same base), served in turn at the same address; neither
 * precaches its search index. Search offline: a small archive's whole index is
 * precached (the `languages` fixture), a larger one's is saved when the reader
 * asks, with progress, and can be removed.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serve } from "../../bin/serve.ts";
import { axeViolations } from "../support/axe.ts";
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

/** Searches `query` and resolves to what the search panel says once it has answered. */
async function searchSays(page: Page, query: string): Promise<string> {
  await page.getByRole("searchbox").fill(""); // clears the panel's last answer
  await page.getByRole("searchbox").fill(query);
  const summary = page.locator("[data-search-summary]");
  await expect.poll(() => summary.textContent(), { timeout: 10_000 }).not.toBe("");
  return String(await summary.textContent());
}

/** Every URL in the worker's precache (Workbox's cache), without revision parameters. */
function precached(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith("workbox-precache")) continue;
      for (const request of await (await caches.open(name)).keys()) {
        const url = new URL(request.url);
        url.searchParams.delete("__WB_REVISION__");
        urls.push(url.pathname);
      }
    }
    return urls.sort();
  });
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
  it("keeps what a reader opens and says what is not saved, with the network gone", async () => {
    const dir = inject("fixtureDirs").imports;
    let server = await serve({ dir, base: BASE });
    const site = server.url;
    const port = Number(new URL(site).port);
    const context = await browser.newContext();
    const errors: string[] = [];
    const page = await visitUntilOffline(context, site + ARTICLE_PATH);
    page.on("pageerror", (error) => errors.push(error.message));
    // Offline, failed fetches are logged; nothing the worker or a page does may break the CSP.
    page.on("console", (message) => {
      if (/Content Security Policy/.test(message.text())) errors.push(message.text());
    });

    // The worker was registered only after the load event: reading cost no script.
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const sw = performance
        .getEntriesByType("resource")
        .find((entry) => entry.name.endsWith("/modules/offline.js"));
      return { loadEnd: nav.loadEventStart, offlineJs: sw?.startTime ?? -1 };
    });
    expect(timing.offlineJs).toBeGreaterThanOrEqual(timing.loadEnd);

    // Precached: the shell and search's code and entry; no article, capture or index chunk.
    const shell = await precached(page);
    expect(shell).toEqual(
      expect.arrayContaining([
        `${BASE}index.html`,
        `${BASE}offline/index.html`,
        `${BASE}modules/search.js`,
        `${BASE}pagefind/pagefind.js`,
        `${BASE}pagefind/pagefind-entry.json`,
      ]),
    );
    expect(shell.filter((url) => /\.pf_meta$/.test(url)).length).toBeGreaterThan(0);
    expect(
      shell.filter((url) =>
        /\/(articles|captures|years|outlets|browse)\/|\.pf_(index|fragment|filter)$|\.wacz$/.test(
          url,
        ),
      ),
    ).toEqual([]);

    // The server gone before any search: the index chunk is not here, and search says so.
    await server.close();
    const missing = await searchSays(page, "Gnounou");
    expect(missing).toMatch(/^Search needs the network for “Gnounou”/);
    expect(missing).not.toMatch(/No articles/);

    // Back online, a search keeps the chunks it fetches.
    server = await serve({ dir, base: BASE, port });
    await page.getByRole("searchbox").fill("");
    await searchFor(page, "Gnounou");

    await server.close();
    await context.setOffline(true);
    await page.reload();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(HEADLINE);
    expect(await page.locator("article p[id^=p]").count()).toBe(16);
    expect(await page.getByRole("heading", { level: 2 }).allInnerTexts()).toEqual(
      expect.arrayContaining([...HEADINGS]),
    );
    await searchFor(page, "Gnounou");
    const result = page.locator("[data-search-results] a").first();
    expect(await result.getAttribute("href")).toContain(
      "#government-forces-retake-more-areas-near-capital",
    );
    // Another article's result needs its fragment, never fetched: search says so.
    const other = await searchSays(page, "Merrowby");
    expect(other).toMatch(/^Search needs the network for “Merrowby”/);
    await page.getByRole("searchbox").fill("Gnounou");
    await result.click();
    await page.waitForURL(/#government-forces/);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(HEADLINE);

    // The front page is precached; an article never opened is not saved, and that page says so.
    await page.goto(site);
    expect(await page.getByRole("link", { name: HEADLINE }).count()).toBeGreaterThan(0);
    await page.goto(site + NEW_PATH);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(
      "This page is not saved for offline reading",
    );
    const saved = page.getByRole("region", { name: "Articles saved for offline reading" });
    await saved.getByRole("link").first().waitFor();
    expect(await saved.getByRole("link").allInnerTexts()).toEqual([HEADLINE]);
    expect(await axeViolations(page)).toEqual([]);
    await saved.getByRole("link", { name: HEADLINE }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}${ARTICLE_PATH}`);
    expect(await page.locator("article p[id^=p]").count()).toBe(16);

    // Not saved either: a capture's text never opened. The shell does not hold the archive.
    const capture = await page.evaluate(
      async (url) => (await fetch(url).catch(() => null))?.ok ?? false,
      site + `captures/${CAPTURE_FILE}`,
    );
    expect(capture).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("searches a small archive offline after one visit: its whole index is precached", async () => {
    const server = await serve({ dir: inject("fixtureDirs").languages, base: "/" });
    const context = await browser.newContext();
    try {
      const page = await visitUntilOffline(context, server.url);
      await expect
        .poll(() => page.locator(".offline-search").textContent(), { timeout: 20_000 })
        .toMatch(/^Search works offline too/);
      await server.close();
      await context.setOffline(true);
      // Words never searched online, in two languages: every chunk is here.
      for (const word of ["Gnounou", "переговоры"]) {
        expect(await searchSays(page, word)).toBe(`1 article matches “${word}”; showing 1.`);
      }
    } finally {
      await context.close();
      await server.close();
    }
  });

  it("saves a larger archive's search for offline use when the reader asks, and removes it", async () => {
    const dir = inject("fixtureDirs").archive;
    let server = await serve({ dir, base: BASE });
    const port = Number(new URL(server.url).port);
    const context = await browser.newContext();
    try {
      const page = await visitUntilOffline(context, server.url);
      const offer = page.getByRole("button", {
        name: /^Make search work offline \(\d+(\.\d)? [KM]B\)$/,
      });
      await offer.waitFor({ timeout: 20_000 });
      // Nothing is downloaded before the reader asks.
      const kept = () =>
        page.evaluate(async () => {
          const names = (await caches.keys()).filter((n) => n.startsWith("archive-search-"));
          let count = 0;
          for (const name of names) count += (await (await caches.open(name)).keys()).length;
          return count;
        });
      expect(await kept()).toBe(0);
      await offer.click();
      await expect
        .poll(() => page.locator(".offline-search").textContent(), { timeout: 20_000 })
        .toMatch(/^Search works offline in this browser \(\d+(\.\d)? [KM]B saved\)/);
      const list = JSON.parse(await readFile(join(dir, "search-offline.json"), "utf8")) as {
        count: number;
      };
      expect(list.count).toBeGreaterThan(2);
      expect(await kept()).toBe(list.count);

      // Offline, a word never searched online is found.
      await server.close();
      await context.setOffline(true);
      await page.reload();
      expect(await searchSays(page, "Erdogan")).toBe("1 article matches “Erdogan”; showing 1.");

      // Removed: the saved chunks are gone from the worker's cache, and the offer is back.
      await context.setOffline(false);
      server = await serve({ dir, base: BASE, port });
      await page.reload();
      await page.getByRole("button", { name: "Remove the saved search" }).click();
      await offer.waitFor();
      expect(await kept()).toBe(0);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it("tells a tab on an old build that the archive was updated, and reloads it into the new one", async () => {
    const dirs = inject("fixtureDirs");
    const first = await serve({ dir: dirs.archive, base: BASE });
    const port = Number(new URL(first.url).port);
    const context = await browser.newContext();
    const page = await visitUntilOffline(context, first.url + ARTICLE_PATH);
    await page.goto(first.url);
    expect(await page.locator("main article.summary h3 a").count()).toBe(1);
    await first.close();

    // The new build goes live at the same address.
    const second = await serve({ dir: dirs.imports, base: BASE, port });
    try {
      const visit = await context.newPage();
      await visit.goto(second.url); // the old worker still serves the old build's shell…
      expect(await visit.locator("main article.summary h3 a").count()).toBe(1);
      await visit.close();

      // …and the old tab's index is out of date (its files gone from the server, or a newer
      // worker found): it says so rather than "no results".
      const stale = await searchSays(page, "Merrowby");
      expect(stale).toMatch(/^The archive has been updated since this page was opened/);
      const reload = page.getByRole("button", { name: "Reload the archive" });
      await Promise.all([page.waitForEvent("load"), reload.click()]);
      await expect
        .poll(() => page.locator("main article.summary h3 a").count(), { timeout: 20_000 })
        .toBe(5);

      await searchFor(page, "Merrowby");
      const result = page.locator("[data-search-results] a").first();
      expect(await result.getAttribute("href")).toContain(NEW_PATH);
      await result.click();
      await page.waitForURL((url) => url.pathname === `${BASE}${NEW_PATH}`);
      // The new build's own article, served whole, exactly as its capture prints it.
      const capture = await readFile(join(inject("importedContent"), "captures", NEW_CAPTURE));
      expect(await shownBlocks(page)).toEqual(expectedBlocks(capture));
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(NEW_HEADLINE);

      // The copy kept under the old build still reads whole offline, styled, on the new worker.
      await second.close();
      await context.setOffline(true);
      await page.goto(second.url + ARTICLE_PATH);
      expect(await page.locator("article p[id^=p]").count()).toBe(16);
      const provenance = page.getByRole("region", { name: "About this archive copy" });
      await expect(provenance.innerText()).resolves.toContain("25 November 2026");
      const wrap = await page
        .locator("article p[id^=p]")
        .first()
        .evaluate((p) => getComputedStyle(p).whiteSpace);
      expect(wrap).toBe("pre-wrap");
    } finally {
      await context.close();
      await second.close();
    }
  });
});
