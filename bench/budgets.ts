/**
 * The speed budgets of the archive, and the check that says which fail.
 * Pure: given the measured figures.
 */

/** What the budgets are checked against. */
export interface Figures {
  pages: Record<
    string,
    { requests: number; transferred: number; scriptFiles: number; inlineScript: number }
  >;
  lighthouse: Record<string, Record<string, number>>;
  search: { coldMedianMs: number; coldBytes: number; layoutShift: number };
  loadShift: number;
  buildSeconds: number;
  load: { errors: number };
}

export interface Verdict {
  budget: string;
  measured: string;
  ok: boolean;
}

export const KB = 1024;

/** Checks every budget; one verdict each. */
export function checkBudgets(f: Figures): Verdict[] {
  const verdicts: Verdict[] = [];
  const add = (budget: string, measured: string, ok: boolean): void => {
    verdicts.push({ budget, measured, ok });
  };
  for (const [name, page] of Object.entries(f.pages)) {
    // The article page: a third of a default Starlight page with the same article; an
    // article that changed carries its versions' list and note.
    const limit =
      name === "article" ? 7.5 : name === "versioned article" || name === "version" ? 8 : 10;
    add(
      `${name}: ≤ ${limit} KB to load`,
      `${(page.transferred / KB).toFixed(1)} KB`,
      page.transferred <= limit * KB,
    );
    add(`${name}: 1–2 requests`, String(page.requests), page.requests >= 1 && page.requests <= 2);
    add(`${name}: no JavaScript file`, String(page.scriptFiles), page.scriptFiles === 0);
    add(`${name}: inline script < 1 KB`, `${page.inlineScript} B`, page.inlineScript < KB);
  }
  for (const [name, scores] of Object.entries(f.lighthouse)) {
    for (const [category, score] of Object.entries(scores)) {
      add(`${name}: Lighthouse ${category} 100`, String(score), score === 100);
    }
  }
  add(
    "first search < 300 ms (median, cold)",
    `${Math.round(f.search.coldMedianMs)} ms`,
    f.search.coldMedianMs < 300,
  );
  add(
    "first search < 100 KB fetched",
    `${(f.search.coldBytes / KB).toFixed(1)} KB`,
    f.search.coldBytes < 100 * KB,
  );
  add("no layout shift (search)", f.search.layoutShift.toFixed(4), f.search.layoutShift === 0);
  add("no layout shift (load)", f.loadShift.toFixed(4), f.loadShift === 0);
  add("build < 10 s", `${f.buildSeconds.toFixed(1)} s`, f.buildSeconds < 10);
  add("1,000 concurrent requests, no error", `${f.load.errors} errors`, f.load.errors === 0);
  return verdicts;
}

/** What the scale budgets are checked against, for one collection size. */
export interface ScaleFigures {
  articles: number;
  buildSeconds: number;
  /** Peak resident memory of the build's whole process tree. */
  peakBytes: number;
  search: {
    coldMs: number;
    /** Bytes fetched by the time the answer to the whole query is drawn. */
    coldBytes: number;
    /** Bytes fetched until the network is idle: the panel's filter lists too. Reported only. */
    coldBytesIdle: number;
    counts: readonly number[];
    expected: readonly number[];
  };
  /** Front page and listing pages: transferred bytes and requests to load. */
  listings: Record<string, { transferred: number; requests: number }>;
  article: { transferred: number; requests: number; scriptFiles: number };
  /** Everything a first visit fetches until the service worker is installed and the network idle. */
  firstVisitBytes: number;
  /** Bytes a cold search for the corpus's most frequent word fetched to its first results. */
  commonBytes: number;
  /**
   * The longest article's page: what it transfers beyond the gzip size of its
   * own text (headline, publisher line, dateline, body), and the most the
   * seed's page may (its 7.5 KB less its own text's gzip size).
   */
  beyondText: { path: string; bytes: number; limit: number };
  /** The largest page table (`.pf_meta`, brotli) a first search loads. */
  pageTableBytes: number;
  /**
   * Seconds `npm run build` takes to find that nothing changed: the hash of
   * everything the build is made of, and the site's fixity manifest's
   * (src/node/build-inputs.ts), timed in the bench's own process.
   */
  unchangedSeconds: number;
  /**
   * Seconds `npm run build` takes to publish one capture of a new article
   * added, then ten more of the same year: the changed year's part is built
   * and the site assembled (src/node/build-parts.ts).
   */
  addedSeconds: { one: number; ten: number };
}

const MB = 1024 * KB;

/** Checks the scale budgets (set for N = 10,000, and met at any smaller N too). */
export function checkScaleBudgets(f: ScaleFigures): Verdict[] {
  const verdicts: Verdict[] = [];
  const add = (budget: string, measured: string, ok: boolean): void => {
    verdicts.push({ budget: `N=${f.articles}: ${budget}`, measured, ok });
  };
  add("build ≤ 180 s", `${f.buildSeconds.toFixed(1)} s`, f.buildSeconds <= 180);
  // The build in parts' budget (1.5 GB), within the search and packages' (2 GB).
  add(
    "build peak memory ≤ 1.5 GB (process tree)",
    `${(f.peakBytes / MB / 1024).toFixed(2)} GB`,
    f.peakBytes <= 1.5 * 1024 * MB,
  );
  add("first search ≤ 300 ms (cold)", `${Math.round(f.search.coldMs)} ms`, f.search.coldMs <= 300);
  add(
    "first search ≤ 150 KB fetched (to the answer)",
    `${(f.search.coldBytes / KB).toFixed(1)} KB`,
    f.search.coldBytes <= 150 * KB,
  );
  add(
    "result counts",
    f.search.counts.join(" / "),
    f.search.counts.join() === f.search.expected.join(),
  );
  for (const [name, page] of Object.entries(f.listings)) {
    add(
      `${name}: ≤ 30 KB to load`,
      `${(page.transferred / KB).toFixed(1)} KB`,
      page.transferred <= 30 * KB,
    );
    add(`${name}: ≤ 2 requests`, String(page.requests), page.requests <= 2);
  }
  add(
    "article: ≤ 7.5 KB to load",
    `${(f.article.transferred / KB).toFixed(2)} KB`,
    f.article.transferred <= 7.5 * KB,
  );
  add("article: no script file", String(f.article.scriptFiles), f.article.scriptFiles === 0);
  add(
    `longest article (${f.beyondText.path}): beyond its own text ≤ the seed's ${(f.beyondText.limit / KB).toFixed(2)} KB`,
    `${(f.beyondText.bytes / KB).toFixed(2)} KB`,
    f.beyondText.bytes <= f.beyondText.limit,
  );
  add(
    "most frequent word: ≤ 400 KB fetched to its first results",
    `${(f.commonBytes / KB).toFixed(1)} KB`,
    f.commonBytes <= 400 * KB,
  );
  add(
    "largest page table ≤ 30 KB (brotli)",
    `${(f.pageTableBytes / KB).toFixed(1)} KB`,
    f.pageTableBytes <= 30 * KB,
  );
  add(
    "nothing changed: found in ≤ 10 s",
    `${f.unchangedSeconds.toFixed(1)} s`,
    f.unchangedSeconds <= 10,
  );
  add(
    "one capture added: published in ≤ 15 s",
    `${f.addedSeconds.one.toFixed(1)} s`,
    f.addedSeconds.one <= 15,
  );
  add(
    "ten captures of one year added: published in ≤ 30 s",
    `${f.addedSeconds.ten.toFixed(1)} s`,
    f.addedSeconds.ten <= 30,
  );
  add(
    "first visit ≤ 2 MB (until the service worker is installed)",
    `${(f.firstVisitBytes / MB).toFixed(2)} MB`,
    f.firstVisitBytes <= 2 * MB,
  );
  return verdicts;
}
