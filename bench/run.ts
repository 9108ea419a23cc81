/**
 * `npm run bench`: builds the archive, serves it as `npm start` does, and
 * measures it in headless Chromium: first loads, first search (cold and
 * warm), Lighthouse, the build, and 1,000 concurrent requests. Prints a table
 * and the budgets that fail, and writes bench/results/<time>.json.
 * It then does the same for an archive in nine languages (bench/languages.ts):
 * a first search for a word of each, from the English front page.
 * `npm run bench -- --scale [--sizes 1,100,1000,10000]`: the scale table.
 * `npm run bench -- --languages`: the multilingual archive alone.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { splitCapture } from "../src/archive/capture/capture-text.ts";
import { readCapture } from "../src/archive/capture/layout.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../bin/test-tools.ts";
import { buildInputs, recordBuild, whyBuild } from "../src/node/build-inputs.ts";
import { listFiles, PROJECT_ROOT } from "../src/node/files.ts";
import { serve } from "../bin/serve.ts";
import {
  checkBudgets,
  checkScaleBudgets,
  type Figures,
  type ScaleFigures,
  type Verdict,
} from "./budgets.ts";
import { peakTreeRss } from "./memory.ts";
import { lighthouseScores } from "./lighthouse.ts";
import { loadTest } from "./load.ts";
import { measureFirstVisit, measurePageLoad } from "./page-load.ts";
import { kb, lighthouseRows, loadRows, searchRows, table } from "./report.ts";
import { scaleContent } from "./scale.ts";
import { generateCorpus, type CorpusCapture } from "./corpus.ts";
import { PACKAGES_DIR } from "../src/archive/publish/packages.ts";
import { measureSearch, median } from "./search.ts";
import { measureOfflineSave } from "./offline.ts";
import { checkLanguageBudgets, importLanguages, measureLanguages } from "./languages.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ARTICLE = "articles/2020-05-24-libyas-rebel-commander-urges-forces-to-rally-against-turkey/";
const run = promisify(execFile);

/**
 * One line on stderr as each measure of a long run completes (a scale run of
 * 100,000 takes hours), so what was measured survives a run that stops early.
 */
function progress(what: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${what}\n`);
}

/** The Node flags `npm run build` gives its command (package.json), so the bench runs it the same way. */
const BUILD_FLAGS = (
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { build: string } }
).scripts.build
  .split(/\s+/)
  .filter((arg) => arg.startsWith("--"));

/**
 * Runs `npm run build`'s command (bin/build.ts) into `outDir`, its parts
 * cache beside it; resolves to its seconds and the peak memory of its whole
 * process tree.
 */
async function timedBuild(
  outDir: string,
  env: Record<string, string> = {},
): Promise<{ seconds: number; peakBytes: number }> {
  const started = performance.now();
  const build = run(
    process.execPath,
    [...BUILD_FLAGS, join(ROOT, "bin", "build.ts"), "--outDir", outDir],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        BASE_PATH: "",
        SITE_URL: "",
        ASTRO_TELEMETRY_DISABLED: "1",
        ARCHIVE_CACHE_DIR: `${outDir}.cache`,
        ...env,
      },
      maxBuffer: 1 << 28,
    },
  );
  // The build's own log ("Parts: …") goes to stderr as it comes, beside the progress lines.
  build.child.stdout?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  const peakBytes = await peakTreeRss(build.child.pid ?? 0, build);
  const seconds = (performance.now() - started) / 1000;
  progress(`built in ${seconds.toFixed(1)} s, peak ${(peakBytes / 1024 ** 3).toFixed(2)} GB`);
  return { seconds, peakBytes };
}

/** Total bytes of the files under `dir`. */
async function folderBytes(dir: string): Promise<number> {
  let sum = 0;
  for (const file of await listFiles(dir)) sum += (await stat(join(dir, file))).size;
  return sum;
}

async function launchBrowser(): Promise<{ browser: Browser; path: string }> {
  const path = await findChromium();
  if (!path)
    throw new Error("No Chromium found: run `node bin/test-tools.ts` or set CHROMIUM_PATH.");
  return {
    browser: await chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS }),
    path,
  };
}

/**
 * The pages of an article captured three times (the seed, then
 * tests/fixtures/versions/ 301 and 302 on later days), built on their own:
 * the article's own page and a later version's, for their budget.
 */
async function versionedLoads(
  browser: Browser,
  scratch: string,
): Promise<Record<string, Awaited<ReturnType<typeof measurePageLoad>>>> {
  const content = join(scratch, "versions-content");
  for (const [file, day] of [
    ["content/captures/000_03d7a90d1c96a686.txt", "2026-11-28"],
    ["tests/fixtures/versions/301_seed_edited.txt", "2026-11-29"],
    ["tests/fixtures/versions/302_seed_rewritten.txt", "2026-11-30"],
  ] as const) {
    await run(process.execPath, [join(ROOT, "bin/import.ts"), "--archived", day, file], {
      cwd: ROOT,
      env: { ...process.env, ARCHIVE_CONTENT: content },
    });
  }
  const dir = join(scratch, "versions-dist");
  await timedBuild(dir, { ARCHIVE_CONTENT: content });
  const served = await serve({ dir, base: "/" });
  try {
    return {
      "versioned article": await measurePageLoad(browser, served.url + ARTICLE),
      version: await measurePageLoad(browser, `${served.url}${ARTICLE}versions/2/`),
    };
  } finally {
    await served.close();
  }
}

async function benchArchive(runs: number): Promise<boolean> {
  const scratch = await mkdtemp(join(tmpdir(), "archive-bench-"));
  const dir = join(scratch, "dist");
  const { seconds: buildSeconds } = await timedBuild(dir);
  const indexBytes = await folderBytes(join(dir, "pagefind"));
  const served = await serve({ dir, base: "/" });
  const { browser, path } = await launchBrowser();
  try {
    const urls = { article: served.url + ARTICLE, front: served.url };
    const loads = {
      article: await measurePageLoad(browser, urls.article),
      front: await measurePageLoad(browser, urls.front),
      ...(await versionedLoads(browser, scratch)),
    };
    const search = await measureSearch(browser, urls.article, runs);
    const lh = await lighthouseScores(path, [urls.article, urls.front]);
    const load = await loadTest(
      [
        urls.article,
        `${served.url}pagefind/pagefind.js`,
        `${served.url}pagefind/pagefind-entry.json`,
        `${served.url}modules/search.js`,
      ],
      1000,
    );

    const coldMs = median(search.cold.map((r) => r.ms));
    const coldBytes = median(search.cold.map((r) => r.bytes));
    const figures: Figures = {
      pages: Object.fromEntries(
        Object.entries(loads).map(([name, l]) => [
          name,
          {
            requests: l.requests,
            transferred: l.transferred,
            scriptFiles: l.scriptFiles.length,
            inlineScript: l.inlineScript,
          },
        ]),
      ),
      lighthouse: Object.fromEntries(
        Object.entries(urls).map(([name, url]) => {
          const s = lh.get(url);
          return [
            name,
            s
              ? {
                  performance: s.performance,
                  accessibility: s.accessibility,
                  "best practices": s["best-practices"],
                  seo: s.seo,
                }
              : {},
          ];
        }),
      ),
      search: { coldMedianMs: coldMs, coldBytes, layoutShift: search.layoutShift },
      loadShift: Math.max(loads.article.layoutShift, loads.front.layoutShift),
      buildSeconds,
      load: { errors: load.errors },
    };
    const verdicts = checkBudgets(figures);
    console.log(table(loadRows(loads)));
    console.log();
    console.log(table(searchRows(search, runs)));
    console.log();
    console.log(table(lighthouseRows(urls, lh)));
    console.log();
    console.log(
      table([
        ["build", "seconds", "index size", "site size"],
        ["npm run build", buildSeconds.toFixed(1), kb(indexBytes), kb(await folderBytes(dir))],
      ]),
    );
    console.log();
    console.log(
      table([
        ["load test", "requests", "errors", "seconds", "req/s"],
        [
          "1,000 concurrent (article, search files)",
          load.requests,
          load.errors,
          load.seconds.toFixed(2),
          Math.round(load.requests / load.seconds),
        ],
      ]),
    );
    if (load.failures.length) console.log(`  failures: ${load.failures.join("; ")}`);
    console.log();
    console.log(
      table([
        ["budget", "measured", ""],
        ...verdicts.map((v) => [v.budget, v.measured, v.ok ? "ok" : "FAIL"]),
      ]),
    );
    for (const [url, s] of lh)
      if (s.failing.length)
        console.log(`  lighthouse audits below 1 on ${url}: ${s.failing.join(", ")}`);
    const failed = verdicts.filter((v) => !v.ok);
    console.log(failed.length ? `\n${failed.length} budget(s) failed.` : "\nEvery budget is met.");
    await mkdir(join(ROOT, "bench/results"), { recursive: true });
    const file = join(
      ROOT,
      "bench/results",
      `${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
    );
    await writeFile(
      file,
      JSON.stringify(
        {
          loads,
          search,
          lighthouse: Object.fromEntries(lh),
          buildSeconds,
          indexBytes,
          load,
          verdicts,
        },
        null,
        2,
      ),
    );
    console.log(`Results written to ${file.slice(ROOT.length)}`);
    return failed.length === 0;
  } finally {
    await browser.close();
    await served.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The first listing pages a reader reaches from the front page: browse, a year, an outlet. */
async function listingPaths(url: string): Promise<string[]> {
  const html = await (await fetch(`${url}browse/`)).text();
  const first = (pattern: RegExp): string[] => {
    const href = pattern.exec(html)?.[1];
    return href ? [href.replace(/^\//, "")] : [];
  };
  return [
    "browse/",
    ...first(/href="(\/years\/\d{4}\/)"/),
    ...first(/href="(\/outlets\/[^"]+\/)"/),
  ];
}

/** The seed's capture: its page's budget less its text's gzip size is any article's allowance. */
const SEED_CAPTURE = join(ROOT, "content/captures/000_03d7a90d1c96a686.txt");
/** The seed's article page budget, in bytes. */
const ARTICLE_BUDGET = 7.5 * 1024;

/** The gzip size of a capture's article text: headline, publisher line, dateline and body. */
function textGzipBytes(capture: Uint8Array): number {
  const reading = readCapture(splitCapture(new TextDecoder().decode(capture)).blocks);
  if (!reading.ok) throw new Error(`a bench capture does not read: ${reading.problem}`);
  const text = [reading.headline, reading.publisher, reading.dateline]
    .concat(reading.body.map((b) => b.block.text))
    .join("\n");
  return gzipSync(text, { level: 9 }).length;
}

/** The built article with the largest page, and the capture it names. */
async function longestArticle(
  dir: string,
  ids: readonly string[],
): Promise<{ id: string; capture: string }> {
  let best = { id: ids[0] ?? "", size: -1 };
  for (const id of ids) {
    const size = (await stat(join(dir, "articles", id, "index.html"))).size;
    if (size > best.size) best = { id, size };
  }
  const html = await readFile(join(dir, "articles", best.id, "index.html"), "utf8");
  const capture = /href="[^"]*captures\/([^"/]+\.txt)"/.exec(html)?.[1] ?? "";
  return { id: best.id, capture };
}

/** The largest `.pf_meta` a search loads (a language's directory, or a part's), in the brotli copy sent. */
async function largestPageTable(dir: string): Promise<number> {
  const root = join(dir, "pagefind");
  const parts = await readdir(join(root, "parts")).catch(() => [] as string[]);
  const folders = [root, ...parts.map((part) => join(root, "parts", part))];
  const sizes: number[] = [];
  for (const folder of folders) {
    for (const name of await readdir(folder)) {
      if (name.endsWith(".pf_meta.br")) sizes.push((await stat(join(folder, name))).size);
    }
  }
  return Math.max(0, ...sizes);
}

/**
 * Seconds `npm run build` would take to find that a site built from `content`
 * into `dir` has nothing to build: the inputs' hash, then the check of the
 * site against the record of its build (its fixity manifest's hash and every
 * file's size), the record written first, untimed, as the build writes it.
 */
async function unchangedCheck(content: string, dir: string): Promise<number> {
  const env = { ...process.env, ARCHIVE_CONTENT: content };
  const cache = await mkdtemp(join(tmpdir(), "archive-record-"));
  try {
    await recordBuild(PROJECT_ROOT, dir, await buildInputs(PROJECT_ROOT, env), cache);
    const started = performance.now();
    const why = await whyBuild(PROJECT_ROOT, dir, await buildInputs(PROJECT_ROOT, env), cache);
    const seconds = (performance.now() - started) / 1000;
    if (why !== undefined) throw new Error(`the nothing-changed check would build: ${why}`);
    return seconds;
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
}

/**
 * Seconds `npm run build` takes to publish the site in `dir` again after one
 * capture of a new article is imported into `content`, then ten more of the
 * same year (captures of another generated corpus, of its commonest year).
 */
async function addedCaptures(
  scratch: string,
  content: string,
  dir: string,
): Promise<{ one: number; ten: number }> {
  const later = join(scratch, "later");
  const corpus = generateCorpus({ n: 400, seed: 2 });
  const byYear = new Map<string, CorpusCapture[]>();
  for (const capture of corpus.captures) {
    const year = capture.published.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), capture]);
  }
  const [, picked = []] = [...byYear].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  const published = async (captures: CorpusCapture[], folder: string): Promise<number> => {
    await mkdir(join(later, folder), { recursive: true });
    for (const c of captures) await writeFile(join(later, folder, c.file), c.text, "utf8");
    await run(
      process.execPath,
      [join(ROOT, "bin", "import.ts"), "--archived", "2026-12-01", join(later, folder)],
      { cwd: ROOT, env: { ...process.env, ARCHIVE_CONTENT: content }, maxBuffer: 1 << 26 },
    );
    return (await timedBuild(dir, { ARCHIVE_CONTENT: content })).seconds;
  };
  return {
    one: await published(picked.slice(0, 1), "one"),
    ten: await published(picked.slice(1, 11), "ten"),
  };
}

/** The largest collection whose search the bench saves for offline use (it is not budgeted). */
const OFFLINE_SAVE_UP_TO = 10_000;

/** Builds and measures one generated collection of `n` captures. */
async function scaleFigures(
  browser: Browser,
  n: number,
): Promise<{ row: (string | number)[]; figures: ScaleFigures }> {
  const scratch = await mkdtemp(join(tmpdir(), `archive-scale-${n}-`));
  try {
    const { content, importSeconds, markers, common, versions } = await scaleContent(scratch, n);
    progress(
      `${n.toLocaleString("en")}: imported in ${importSeconds.toFixed(1)} s (+${versions} versions)`,
    );
    const dir = join(scratch, "dist");
    const build = await timedBuild(dir, { ARCHIVE_CONTENT: content });
    const served = await serve({ dir, base: "/" });
    try {
      const search = await measureSearch(browser, served.url, 3, {
        cold: markers.one,
        warm: common,
      });
      progress(
        `first search: ${Math.round(median(search.cold.map((r) => r.ms)))} ms, ${kb(median(search.cold.map((r) => r.bytesToAnswer)))} to the answer`,
      );
      const ten = await measureSearch(browser, served.url, 1, { cold: markers.ten, warm: common });
      const listings: ScaleFigures["listings"] = {};
      for (const path of ["", ...(await listingPaths(served.url))]) {
        const load = await measurePageLoad(browser, served.url + path);
        listings[path === "" ? "front page" : path] = load;
      }
      const articles = await readdir(join(dir, "articles"));
      const article = await measurePageLoad(browser, `${served.url}articles/${articles[0] ?? ""}/`);
      const longest = await longestArticle(dir, articles);
      const longLoad = await measurePageLoad(browser, `${served.url}articles/${longest.id}/`);
      const ownText = textGzipBytes(await readFile(join(content, "captures", longest.capture)));
      const frequent = await measureSearch(browser, served.url, 1, {
        cold: common,
        warm: markers.one,
      });
      progress(
        `most frequent word: ${kb(frequent.cold[0]?.bytesToAnswer ?? NaN)} to its first results`,
      );
      const visit = await measureFirstVisit(browser, served.url);
      // Saving search offline downloads every chunk: at 100,000 about 430 MB, for half an hour.
      const offline =
        n > OFFLINE_SAVE_UP_TO ? undefined : await measureOfflineSave(browser, dir, served.url);
      progress(`first visit ${kb(visit.transferred)}; search offline measured`);
      const counts = [search.cold[0], ten.cold[0], search.warm[0]].map((r) =>
        Number(/^([\d,]+) articles? match/.exec(r?.summary ?? "")?.[1]?.replace(/,/g, "") ?? NaN),
      );
      const figures: ScaleFigures = {
        articles: n,
        buildSeconds: build.seconds,
        peakBytes: build.peakBytes,
        search: {
          coldMs: median(search.cold.map((r) => r.ms)),
          coldBytes: median(search.cold.map((r) => r.bytesToAnswer)),
          coldBytesIdle: median(search.cold.map((r) => r.bytes)),
          counts,
          expected: [1, Math.min(10, n), n],
        },
        listings,
        article: { ...article, scriptFiles: article.scriptFiles.length },
        firstVisitBytes: visit.transferred,
        commonBytes: frequent.cold[0]?.bytesToAnswer ?? NaN,
        beyondText: {
          path: `articles/${longest.id}/`,
          bytes: longLoad.transferred - ownText,
          limit: ARTICLE_BUDGET - textGzipBytes(await readFile(SEED_CAPTURE)),
        },
        pageTableBytes: await largestPageTable(dir),
        unchangedSeconds: await unchangedCheck(content, dir).then((seconds) => {
          progress(`nothing changed: found in ${seconds.toFixed(1)} s`);
          return seconds;
        }),
        // Last, as they change the site: a capture added, then ten of the same year.
        addedSeconds: await addedCaptures(scratch, content, dir),
      };
      const largest = Object.entries(listings).sort(
        (a, b) => b[1].transferred - a[1].transferred,
      )[0];
      const row = [
        n.toLocaleString("en"),
        `${importSeconds.toFixed(1)} s (+${versions.toLocaleString("en")} versions)`,
        `${build.seconds.toFixed(1)} s`,
        `${(build.peakBytes / 1024 ** 3).toFixed(2)} GB`,
        kb(await folderBytes(join(dir, "pagefind"))),
        kb(await folderBytes(dir)),
        kb(await folderBytes(join(dir, PACKAGES_DIR))),
        `${Math.round(figures.search.coldMs)} ms / ${kb(figures.search.coldBytes)} (${kb(figures.search.coldBytesIdle)} until idle)`,
        counts.map((c) => c.toLocaleString("en")).join(" / "),
        largest ? `${kb(largest[1].transferred)} (${largest[0]}), ${largest[1].requests} req` : "",
        `${kb(article.transferred)}, ${article.requests} req`,
        `${kb(figures.beyondText.bytes)} (allowed ${kb(figures.beyondText.limit)})`,
        kb(figures.commonBytes),
        kb(figures.pageTableBytes),
        `${figures.unchangedSeconds.toFixed(1)} s`,
        `${figures.addedSeconds.one.toFixed(1)} s / ${figures.addedSeconds.ten.toFixed(1)} s`,
        `${kb(visit.transferred)}${visit.workerActive ? "" : " (no worker)"}`,
        !offline
          ? `not measured over ${OFFLINE_SAVE_UP_TO.toLocaleString("en")}`
          : offline.saved
            ? `${kb(offline.summary.bytes)} in ${offline.summary.count.toLocaleString("en")} files, ${offline.saved.seconds.toFixed(1)} s`
            : `precached (${kb(offline.summary.bytes)})`,
      ];
      return { row, figures };
    } finally {
      await served.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function benchScale(sizes: readonly number[]): Promise<boolean> {
  const { browser } = await launchBrowser();
  const rows: (string | number)[][] = [
    [
      "Captures",
      "Import",
      "Build",
      "Peak memory",
      "Search index",
      "Site",
      "WACZ",
      "First search (marker) / fetched to the answer",
      "Results: 1 / 10 / common",
      "Largest listing page",
      "Article page",
      "Longest article beyond its text",
      "Most frequent word: fetched to its first results",
      "Largest page table",
      "Nothing changed: found in",
      "Captures added, published: 1 / 10",
      "First visit",
      "Search offline: saved on request",
    ],
  ];
  const verdicts: Verdict[] = [];
  try {
    for (const n of sizes) {
      const { row, figures } = await scaleFigures(browser, n);
      rows.push(row);
      // The budgets are set for N = 10,000; smaller collections are reported only.
      if (n >= 10_000) verdicts.push(...checkScaleBudgets(figures));
      console.log(row.join("  "));
    }
  } finally {
    await browser.close();
  }
  console.log();
  console.log(table(rows));
  console.log();
  for (const v of verdicts) console.log(`${v.ok ? "ok  " : "FAIL"} ${v.budget}: ${v.measured}`);
  return verdicts.every((v) => v.ok);
}

/** The multilingual archive: a first search for a word of each language, `runs` times each. */
async function benchLanguages(runs: number): Promise<boolean> {
  const scratch = await mkdtemp(join(tmpdir(), "archive-languages-"));
  const { browser } = await launchBrowser();
  try {
    const content = join(scratch, "content");
    await importLanguages(ROOT, content);
    const dir = join(scratch, "dist");
    const build = await timedBuild(dir, { ARCHIVE_CONTENT: content });
    const served = await serve({ dir, base: "/" });
    try {
      const searches = await measureLanguages(browser, served.url, runs);
      console.log(
        table([
          [
            `nine languages (build ${build.seconds.toFixed(1)} s): first search from the English front page`,
            "ms",
            "fetched to the answer",
            "indexes loaded: KB each to the answer",
            "answer",
          ],
          ...searches.map((s) => [
            `${s.language}: ${s.word}`,
            Math.round(s.ms),
            kb(s.bytesToAnswer),
            Object.entries(s.loaded)
              .map(([language, bytes]) => `${language} ${kb(bytes)}`)
              .join(", "),
            s.summary,
          ]),
        ]),
      );
      const verdicts = checkLanguageBudgets(searches);
      console.log();
      for (const v of verdicts) console.log(`${v.ok ? "ok  " : "FAIL"} ${v.budget}: ${v.measured}`);
      return verdicts.every((v) => v.ok);
    } finally {
      await served.close();
    }
  } finally {
    await browser.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    scale: { type: "boolean" },
    languages: { type: "boolean" },
    sizes: { type: "string" },
    runs: { type: "string" },
  },
});
const runs = Number(values.runs ?? 5);
if (values.scale) {
  const ok = await benchScale((values.sizes ?? "1,100,1000,10000").split(",").map(Number));
  process.exitCode = ok ? 0 : 1;
} else if (values.languages) {
  process.exitCode = (await benchLanguages(Math.min(runs, 3))) ? 0 : 1;
} else {
  const archiveOk = await benchArchive(runs);
  console.log();
  const languagesOk = await benchLanguages(Math.min(runs, 3));
  process.exitCode = archiveOk && languagesOk ? 0 : 1;
}
