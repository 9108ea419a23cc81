/**
 * Lighthouse scores (its default mobile preset) for a page, with the
 * Chromium the tests use, launched through Lighthouse's own chrome-launcher.
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_ARGS } from "../bin/test-tools.ts";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];
export type Scores = Record<Category, number>;

/** Scores 0–100 per category for each URL (one Chromium for all). */
export async function lighthouseScores(
  chromePath: string,
  urls: readonly string[],
): Promise<Map<string, Scores & { failing: string[] }>> {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
    logLevel: "silent",
  });
  const scores = new Map<string, Scores & { failing: string[] }>();
  try {
    for (const url of urls) {
      const result = await lighthouse(url, {
        port: chrome.port,
        logLevel: "error",
        output: "json",
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { categories, audits } = result.lhr;
      const score = (c: Category): number => Math.round((categories[c]?.score ?? 0) * 100);
      const failing = Object.values(audits)
        .filter(
          (a) =>
            a.score !== null &&
            a.score < 1 &&
            a.scoreDisplayMode !== "informative" &&
            a.scoreDisplayMode !== "notApplicable" &&
            a.scoreDisplayMode !== "manual",
        )
        .map((a) => `${a.id} (${a.score})`);
      scores.set(url, {
        performance: score("performance"),
        accessibility: score("accessibility"),
        "best-practices": score("best-practices"),
        seo: score("seo"),
        failing,
      });
    }
  } finally {
    chrome.kill();
  }
  return scores;
}
