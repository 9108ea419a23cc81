/**
 * Making search work offline, as a reader of a large archive does: on the
 * front page, once the offer is there, "Make search work offline", timed
 * until the footer says search works offline. (What it downloads is the
 * chunks' bytes the build lists: the page's requests go through the service
 * worker, whose responses Chromium does not size.)
 * A small archive's index is precached with the shell, and there is no offer.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import type { SearchOffline } from "../src/archive/publish/offline.ts";
import { SEARCH_OFFLINE } from "../src/archive/site.ts";

export interface OfflineSave {
  /** What the build says: precached whole, or saved on request, and the chunks' bytes. */
  summary: SearchOffline;
  /** Seconds from the click to "search works offline"; null when precached. */
  saved: { seconds: number } | null;
}

/** Saves search for offline use on the archive built in `dir` and served at `url`. */
export async function measureOfflineSave(
  browser: Browser,
  dir: string,
  url: string,
): Promise<OfflineSave> {
  const summary = JSON.parse(
    await readFile(join(dir, SEARCH_OFFLINE.summary), "utf8"),
  ) as SearchOffline;
  if (summary.precached) return { summary, saved: null };
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    const offer = page.getByRole("button", { name: /^Make search work offline/ });
    await offer.waitFor({ timeout: 60_000 });
    const started = performance.now();
    await offer.click();
    await page
      .locator(".offline-search", { hasText: "Search works offline in this browser" })
      .waitFor({ timeout: 600_000 });
    const seconds = (performance.now() - started) / 1000;
    return { summary, saved: { seconds } };
  } finally {
    await context.close();
  }
}
