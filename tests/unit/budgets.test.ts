import { describe, expect, it } from "vitest";
import { checkBudgets, KB, type Figures } from "../../bench/budgets.ts";

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
