/**
 * The first search, cold, and a second, warm: milliseconds from the reader's
 * first keystroke ("/" to focus the box, then the word) to the panel's answer to
 * the whole word (its results drawn and counted), timed inside the page; the
 * bytes fetched; and any layout shift.
 */
import type { Browser, Page, Request } from "playwright-core";
import { bytesOf, transferred } from "./page-load.ts";

export interface SearchRun {
  /** Milliseconds from the first keystroke to the answer to the whole query. */
  ms: number;
  /** Bytes transferred for it until the network was idle (search code, index, fragments, and what the panel loads after the results: the filters' lists). */
  bytes: number;
  /** Of those, the bytes of requests finished by the time the answer was drawn. */
  bytesToAnswer: number;
  /** Requests it made. */
  requests: number;
  /** What the search said of its results ("3 articles match “the”; showing 3."). */
  summary: string;
  /** Each request: its URL, bytes, and whether it had finished by the time the answer was drawn. */
  files: { url: string; bytes: number; toAnswer: boolean }[];
}

const summaryOf = (page: Page): Promise<string> =>
  page.evaluate(() => document.querySelector("[data-search-summary]")?.textContent ?? "");

export interface SearchFigures {
  cold: SearchRun[];
  warm: SearchRun[];
  /** Largest total layout shift seen while the search UI and results appeared. */
  layoutShift: number;
}

/**
 * Starts the in-page timer: first keydown → the panel's answer to the whole
 * `query` (its count or its "no matches" line names the query), so a result
 * for a prefix typed on the way does not stop the clock.
 */
async function arm(page: Page, query: string): Promise<void> {
  await page.evaluate((query) => {
    const w = window as unknown as {
      benchStart?: number | undefined;
      benchEnd?: Promise<number>;
    };
    w.benchStart = undefined;
    document.addEventListener("keydown", () => (w.benchStart ??= performance.now()), {
      capture: true,
      once: true,
    });
    const form = document.querySelector("[data-search]");
    w.benchEnd = new Promise<number>((done) => {
      const observer = new MutationObserver(() => {
        const summary = form?.querySelector("[data-search-summary]")?.textContent ?? "";
        if (summary.includes(`“${query}”`)) {
          observer.disconnect();
          requestAnimationFrame(() => done(performance.now()));
        }
      });
      if (form) observer.observe(form, { childList: true, subtree: true, characterData: true });
      setTimeout(() => done(Number.NaN), 15_000);
    });
  }, query);
}

/** The search's time, and when (epoch ms) its answer was drawn. */
async function elapsed(page: Page): Promise<{ ms: number; drawnAt: number }> {
  return page.evaluate(async () => {
    const w = window as unknown as {
      benchStart?: number | undefined;
      benchEnd?: Promise<number>;
    };
    const end = (await w.benchEnd) ?? Number.NaN;
    return { ms: end - (w.benchStart ?? Number.NaN), drawnAt: performance.timeOrigin + end };
  });
}

/**
 * Counts `page`'s requests in flight from now on; `quiet()` resolves once none
 * has been in flight for `quietMs`. Playwright's "networkidle" load state is
 * reached once per navigation, so it cannot tell when the requests a search
 * starts later have ended.
 */
function watchNetwork(
  page: Page,
  quietMs = 500,
  timeoutMs = 30_000,
): { quiet: () => Promise<void> } {
  let inFlight = 0;
  let onChange = (): void => undefined;
  page.on("request", () => {
    inFlight++;
    onChange();
  });
  const ended = (): void => {
    inFlight--;
    onChange();
  };
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  return {
    quiet: () =>
      new Promise<void>((done, fail) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const limit = setTimeout(() => {
          clearTimeout(timer);
          fail(new Error(`the network was not quiet within ${timeoutMs} ms`));
        }, timeoutMs);
        onChange = () => {
          clearTimeout(timer);
          if (inFlight > 0) return;
          timer = setTimeout(() => {
            clearTimeout(limit);
            done();
          }, quietMs);
        };
        onChange();
      }),
  };
}

/** Whether `request`'s response had arrived whole by `at` (epoch ms). */
function finishedBy(request: Request, at: number): boolean {
  const { startTime, responseEnd } = request.timing();
  return responseEnd >= 0 && startTime + responseEnd <= at;
}

/** The words searched: the first (cold) and the second (warm) of a visit. */
export interface Queries {
  cold: string;
  warm: string;
}

/** The real article's words: a rare name, then a second name. */
export const ARTICLE_QUERIES: Queries = { cold: "Gnounou", warm: "Erdogan" };

/** One cold search then one warm search, in a fresh context. */
async function once(
  browser: Browser,
  url: string,
  queries: Queries,
): Promise<{ cold: SearchRun; warm: SearchRun; shift: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  await page.evaluate(() => {
    const w = window as unknown as { benchShift: number };
    w.benchShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.benchShift += (entry as unknown as { value: number }).value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  // What the page itself loads after the load event (its service worker's module, the icon) is not the search's.
  await page.waitForLoadState("networkidle");
  const requests: Request[] = [];
  page.on("requestfinished", (request) => requests.push(request));
  const network = watchNetwork(page);

  /** Times one search typed after `keys`, and what it fetched until the network was quiet. */
  const timed = async (keys: () => Promise<void>, query: string): Promise<SearchRun> => {
    await arm(page, query);
    await keys();
    await page.keyboard.type(query);
    const { ms, drawnAt } = await elapsed(page);
    await network.quiet();
    const made = requests.splice(0);
    return {
      ms,
      bytes: await bytesOf(made),
      // No answer drawn (the 15 s limit): no figure, rather than 0 bytes.
      bytesToAnswer: Number.isNaN(drawnAt)
        ? Number.NaN
        : await bytesOf(made.filter((r) => finishedBy(r, drawnAt))),
      requests: made.length,
      summary: await summaryOf(page),
      files: await Promise.all(
        made.map(async (r) => ({
          url: r.url(),
          bytes: await transferred(r),
          toAnswer: !Number.isNaN(drawnAt) && finishedBy(r, drawnAt),
        })),
      ),
    };
  };
  const cold = await timed(() => page.keyboard.press("/"), queries.cold);
  await page.keyboard.press("Escape");
  const warm = await timed(async () => undefined, queries.warm);

  const shift = await page.evaluate(() => (window as unknown as { benchShift: number }).benchShift);
  await context.close();
  return { cold, warm, shift };
}

/** `runs` cold+warm searches on `url`. */
export async function measureSearch(
  browser: Browser,
  url: string,
  runs: number,
  queries: Queries = ARTICLE_QUERIES,
): Promise<SearchFigures> {
  const figures: SearchFigures = { cold: [], warm: [], layoutShift: 0 };
  for (let i = 0; i < runs; i++) {
    const run = await once(browser, url, queries);
    figures.cold.push(run.cold);
    figures.warm.push(run.warm);
    figures.layoutShift = Math.max(figures.layoutShift, run.shift);
  }
  return figures;
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
