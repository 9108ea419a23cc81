/**
 * First load of a page in a fresh browser context: requests and transferred
 * bytes (headers + encoded body, as DevTools counts them) up to the load
 * event, by kind; and what is fetched in the seconds after it, on its own.
 */
import type { Browser, Request } from "playwright-core";

/** Bytes by kind of resource. */
export interface Kinds {
  html: number;
  css: number;
  js: number;
  font: number;
  image: number;
  other: number;
}

export interface PageLoad {
  url: string;
  /** Requests made up to the load event. */
  requests: number;
  /** Bytes transferred up to the load event (gzip where the server compresses). */
  transferred: number;
  /** Transferred bytes by kind. */
  kinds: Kinds;
  /** Bytes of inline (executable) script in the HTML. */
  inlineScript: number;
  /** JavaScript files requested up to load. */
  scriptFiles: string[];
  /** Total layout shift up to 3 s after load. */
  layoutShift: number;
  /** Requests and bytes in the 3 s after load (the service worker and its precache). */
  afterLoad: { requests: number; transferred: number };
}

function kindOf(request: Request): keyof Kinds {
  const type = request.resourceType();
  if (type === "document") return "html";
  if (type === "stylesheet") return "css";
  if (type === "script") return "js";
  if (type === "font") return "font";
  if (type === "image") return "image";
  return "other";
}

/** Bytes a request transferred: headers plus encoded body, as DevTools counts them. */
export async function transferred(request: Request): Promise<number> {
  const sizes = await request.sizes();
  return sizes.responseHeadersSize + sizes.responseBodySize;
}

/** Bytes the requests transferred, all together. */
export async function bytesOf(requests: readonly Request[]): Promise<number> {
  let sum = 0;
  for (const request of requests) sum += await transferred(request);
  return sum;
}

/** Loads `url` once, cold, and reports what it cost. */
export async function measurePageLoad(browser: Browser, url: string): Promise<PageLoad> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const before: Request[] = [];
  const after: Request[] = [];
  let loaded = false;
  // Context-wide, so the service worker's precache shows up after load.
  context.on("requestfinished", (request) => (loaded ? after : before).push(request));
  await page.goto(url, { waitUntil: "load" });
  loaded = true;
  const kinds: Kinds = { html: 0, css: 0, js: 0, font: 0, image: 0, other: 0 };
  let total = 0;
  for (const request of before) {
    const bytes = await transferred(request);
    kinds[kindOf(request)] += bytes;
    total += bytes;
  }
  const inlineScript = await page.evaluate(() =>
    [...document.querySelectorAll("script:not([src])")]
      .filter((s) => !/json/.test(s.getAttribute("type") ?? ""))
      .reduce((sum, s) => sum + new TextEncoder().encode(s.textContent ?? "").length, 0),
  );
  await page.waitForTimeout(3000);
  const layoutShift = await page.evaluate(
    () =>
      new Promise<number>((done) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) sum += (e as unknown as { value: number }).value;
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => done(sum), 50);
      }),
  );
  const afterBytes = await bytesOf(after);
  await context.close();
  return {
    url,
    requests: before.length,
    transferred: total,
    kinds,
    inlineScript,
    scriptFiles: before.filter((r) => r.resourceType() === "script").map((r) => r.url()),
    layoutShift,
    afterLoad: { requests: after.length, transferred: afterBytes },
  };
}

/**
 * A first visit to `url` in a fresh context: everything fetched (the page,
 * then the service worker and its precache) until the worker is active and
 * nothing has been fetched for `quietMs`.
 */
export async function measureFirstVisit(
  browser: Browser,
  url: string,
  quietMs = 1500,
): Promise<{ requests: number; transferred: number; workerActive: boolean }> {
  const context = await browser.newContext();
  const requests: Request[] = [];
  let last = Date.now();
  context.on("requestfinished", (request) => {
    requests.push(request);
    last = Date.now();
  });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const workerActive = await page
    .evaluate(
      () =>
        new Promise<boolean>((done) => {
          setTimeout(() => done(false), 30_000);
          void navigator.serviceWorker?.ready.then((r) => done(r.active !== null));
        }),
    )
    .catch(() => false);
  while (Date.now() - last < quietMs) await page.waitForTimeout(250);
  const bytes = await bytesOf(requests);
  await context.close();
  return { requests: requests.length, transferred: bytes, workerActive };
}
