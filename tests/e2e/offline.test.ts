/**
 * Offline: after one visit the archive reads and searches with the network
 * gone (browser offline and server stopped), and a new build is picked up on
 * the next visit without a mix of old and new files. Built under /archive/,
 * the harder case for scopes and URLs.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../scripts/serve.ts";
import { launch } from "../support/browser.ts";
import { ARTICLE_PATH, HEADINGS, HEADLINE } from "../support/capture.ts";
import { runBuild } from "../support/site.ts";

const BASE = "/archive/";
const ROOT = new URL("../..", import.meta.url).pathname;

let browser: Browser;
let scratch: string;

beforeAll(async () => {
  browser = await launch();
  scratch = await mkdtemp(join(tmpdir(), "archive-offline-"));
});

afterAll(async () => {
  await browser?.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Builds `content` (default: the real one) under /archive/ into scratch/<name>. */
async function build(name: string, content?: string): Promise<string> {
  const dir = join(scratch, name);
  const result = await runBuild(dir, { base: BASE, ...(content ? { content } : {}) });
  expect(result.ok, result.output).toBe(true);
  return dir;
}

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

describe("offline", () => {
  it("reads and searches after one visit, with the network gone", async () => {
    const dir = await build("v1");
    const server = await serve({ dir, base: BASE });
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
        .find((entry) => entry.name.endsWith("/scripts/offline.js"));
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

    for (const path of ["captures/000_03d7a90d1c96a686.txt", `${ARTICLE_PATH}citation.bib`]) {
      const text = await page.evaluate(async (url) => (await fetch(url)).text(), site + path);
      expect(text.length, path).toBeGreaterThan(100);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("picks up a new build on the next visit, never a mix", async () => {
    const v1 = await build("old");
    const content = join(scratch, "content-v2");
    await cp(join(ROOT, "content"), content, { recursive: true });
    await cp(join(ROOT, "tests/fixtures/hostile"), content, { recursive: true });
    const v2 = await build("new", content);

    const first = await serve({ dir: v1, base: BASE });
    const port = Number(new URL(first.url).port);
    const context = await browser.newContext();
    const page = await visitUntilOffline(context, first.url);
    expect(await page.locator("main article.summary h3 a").count()).toBe(1);
    await page.close();
    await first.close();

    // The new build goes live at the same address.
    const second = await serve({ dir: v2, base: BASE, port });
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
    expect(await next.locator("main article.summary h3 a").count()).toBe(2);
    await searchFor(next, "hostile");
    expect(await next.locator("[data-search-results] a").first().getAttribute("href")).toContain(
      "articles/hostile/",
    );
    await context.close();
    await second.close();
  });
});
