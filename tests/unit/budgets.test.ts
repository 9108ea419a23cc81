import { describe, expect, it } from "vitest";
import {
  checkBudgets,
  checkScaleBudgets,
  KB,
  type Figures,
  type ScaleFigures,
} from "../../bench/budgets.ts";

const page = { requests: 2, transferred: 7 * KB, scriptFiles: 0, inlineScript: 700 };
const passing: Figures = {
  pages: { article: page },
  lighthouse: { article: { performance: 100, seo: 100 } },
  search: { coldMedianMs: 250, coldBytes: 90 * KB, layoutShift: 0 },
  loadShift: 0,
  buildSeconds: 5,
  load: { errors: 0 },
};

describe("checkBudgets", () => {
  it("passes figures within every budget", () => {
    expect(checkBudgets(passing).filter((v) => !v.ok)).toEqual([]);
  });
  it("names each budget that fails", () => {
    const failing = checkBudgets({
      ...passing,
      pages: { article: { ...page, requests: 3, transferred: 11 * KB, scriptFiles: 1 } },
      lighthouse: { article: { performance: 99, seo: 100 } },
      search: { coldMedianMs: 300, coldBytes: 100 * KB, layoutShift: 0.01 },
      buildSeconds: 10,
      load: { errors: 1 },
    })
      .filter((v) => !v.ok)
      .map((v) => v.budget);
    expect(failing).toEqual([
      "article: ≤ 7.5 KB to load",
      "article: 1–2 requests",
      "article: no JavaScript file",
      "article: Lighthouse performance 100",
      "first search < 300 ms (median, cold)",
      "first search < 100 KB fetched",
      "no layout shift (search)",
      "build < 10 s",
      "1,000 concurrent requests, no error",
    ]);
  });
});

describe("checkScaleBudgets", () => {
  const figures: ScaleFigures = {
    articles: 10_000,
    buildSeconds: 170,
    peakBytes: 1.45 * 1024 * 1024 * KB,
    search: {
      coldMs: 280,
      coldBytes: 140 * KB,
      coldBytesIdle: 180 * KB,
      counts: [1, 10, 10_000],
      expected: [1, 10, 10_000],
    },
    listings: { front: { transferred: 20 * KB, requests: 1 } },
    article: { transferred: 7.4 * KB, requests: 1, scriptFiles: 0 },
    firstVisitBytes: 1.5 * 1024 * KB,
    commonBytes: 390 * KB,
    beyondText: { path: "articles/x/", bytes: 5.9 * KB, limit: 6 * KB },
    pageTableBytes: 29 * KB,
    unchangedSeconds: 9,
    addedSeconds: { one: 14, ten: 29 },
  };
  it("passes figures within every budget", () => {
    expect(checkScaleBudgets(figures).filter((v) => !v.ok)).toEqual([]);
  });
  it("names each budget that fails", () => {
    const failing = checkScaleBudgets({
      ...figures,
      buildSeconds: 181,
      peakBytes: 1.55 * 1024 * 1024 * KB,
      search: { ...figures.search, coldMs: 301, coldBytes: 151 * KB, counts: [1, 9, 10_000] },
      listings: { front: { transferred: 31 * KB, requests: 3 } },
      article: { transferred: 7.6 * KB, requests: 1, scriptFiles: 1 },
      firstVisitBytes: 2.1 * 1024 * KB,
      commonBytes: 401 * KB,
      beyondText: { path: "articles/x/", bytes: 6.1 * KB, limit: 6 * KB },
      pageTableBytes: 31 * KB,
      unchangedSeconds: 11,
      addedSeconds: { one: 16, ten: 31 },
    })
      .filter((v) => !v.ok)
      .map((v) => v.budget.replace(/^N=10000: /, ""));
    expect(failing).toEqual([
      "build ≤ 180 s",
      "build peak memory ≤ 1.5 GB (process tree)",
      "first search ≤ 300 ms (cold)",
      "first search ≤ 150 KB fetched (to the answer)",
      "result counts",
      "front: ≤ 30 KB to load",
      "front: ≤ 2 requests",
      "article: ≤ 7.5 KB to load",
      "article: no script file",
      "longest article (articles/x/): beyond its own text ≤ the seed's 6.00 KB",
      "most frequent word: ≤ 400 KB fetched to its first results",
      "largest page table ≤ 30 KB (brotli)",
      "nothing changed: found in ≤ 10 s",
      "one capture added: published in ≤ 15 s",
      "ten captures of one year added: published in ≤ 30 s",
      "first visit ≤ 2 MB (until the service worker is installed)",
    ]);
  });
});
