/**
 * Headless Chromium for the e2e tests, with every request and console
 * message recorded so tests can assert that nothing leaves the site.
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { expect, inject, onTestFinished } from "vitest";
import { CHROMIUM_ARGS, findChromium } from "../../bin/test-tools.ts";

/** The Chromium that `npm test` found or installed, started headless. */
export async function startChromium() {
  const executablePath = await findChromium();
  if (!executablePath) {
    throw new Error("No Chromium found: run `npm test`, which installs it, or set CHROMIUM_PATH.");
  }
  return chromium.launchServer({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * The one Chromium the global setup started for the whole run: each file
 * connects to it (its pages in contexts of their own) instead of starting one.
 */
export function launch(): Promise<Browser> {
  return chromium.connect(inject("chromiumEndpoint"));
}

/** A page plus what it did: requests made and console errors seen. */
export interface Watched {
  page: Page;
  requests: string[];
  errors: string[];
}

/**
 * Opens a new page in a fresh context that records requests and errors. The
 * context blocks service workers unless `options` allows them (the offline
 * tests open their own): a page left open would otherwise install the
 * archive's worker and precache its shell in the background, for nothing.
 * Opened inside a test, the context is closed when the test ends.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Watched> {
  const context = await browser.newContext({ serviceWorkers: "block", ...options });
  try {
    onTestFinished(() => context.close());
  } catch {
    // Opened in a hook (beforeAll): it lives until its file closes the browser connection.
  }
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, requests, errors };
}

/** Requests that went anywhere but the site's own origin. */
export function offsite(requests: readonly string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("data:"));
}

/**
 * Types a query the way a reader does: "/" to focus (unless there already), then the words;
 * resolves once the panel answers the whole query, not a prefix typed on the way to it.
 */
export async function search(page: Page, query: string): Promise<void> {
  const box = page.getByRole("searchbox");
  if (!(await box.evaluate((el) => el === document.activeElement))) await page.keyboard.press("/");
  await page.keyboard.type(query);
  await expect
    .poll(() => page.getByRole("status").textContent(), { timeout: 10_000 })
    .toContain(`“${query}”`);
}

/** The article page's headline, publisher line, dateline and body blocks, as the reader gets them. */
export function shownText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const article = document.querySelector("article");
    const text = (selector: string): string => article?.querySelector(selector)?.textContent ?? "";
    return [
      text("h1"),
      text(".publisher"),
      text("header time"),
      ...[...(article?.querySelectorAll(".article-body > .block > :is(p, h2)") ?? [])].map(
        (e) => e.textContent ?? "",
      ),
    ];
  });
}
