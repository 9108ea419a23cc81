/**
 * The archive's Astro integration: the build's own steps, wired into Astro's
 * hooks the way Starlight wires Pagefind into `astro:build:done`, so that
 * `astro build`, `npm run build` and `npm start` give the same `dist/`.
 *
 * - astro:config:setup: read and check the content folder once (before Astro
 *   loads content, so its `file: field: message` lines come first), or, in an
 *   assembly, take the content `npm run build` checked (handed-content.ts);
 *   hand the entries to the content loaders (keeping only what later steps
 *   need); point Astro's output at a fresh staging folder beside `outDir`.
 * - astro:config:done: settle the base and site; start formatting every
 *   article's citations on a worker thread, for the pages and the files.
 * - astro:build:done: bundle the browser modules, write the captures and
 *   citation files, then publish in one walk over the build (each article
 *   page guarded against its capture, each page's CSP written in and the page
 *   handed to Pagefind; every file hashed once for the WACZ, the precache
 *   list, fixity and _headers), then swap the staging folder in. A failure
 *   anywhere publishes nothing and leaves the previous `dist/` whole.
 * - An assembly (`npm run build` sets ARCHIVE_PARTS: src/node/build-parts.ts):
 *   the routes build only the pages that span years, and each year's files
 *   are linked in from its part while they do (into a folder beside Astro's,
 *   which its pages then join), before the walk, which publishes them as
 *   built (guarded, their policy written in) and does the rest to them as to
 *   any.
 *
 * Under `astro dev` content problems are logged and the server keeps running,
 * and routes serve the captures and citation files a build writes itself.
 */
import { readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AstroIntegration, AstroIntegrationLogger } from "astro";
import {
  publishedEntry,
  readingOf,
  type ArticleEntry,
  type CaptureReadings,
  type PublishedEntry,
} from "../archive/content/content-check.ts";
import { guardPage } from "../archive/page/page-guard.ts";
import { PLACEHOLDER_ORIGIN } from "../archive/publish/warc.ts";
import { bundleBrowserModules } from "../node/browser-modules.ts";
import { removeLater } from "../node/files.ts";
import { readContentFolder } from "../node/content-folder.ts";
import { CHECKED_ENV, handedContent } from "../node/handed-content.ts";
import { articleFacts } from "../archive/page/article.ts";
import { shareCitations } from "../citation/prepared.ts";
import { writeArticleFiles } from "../node/article-files.ts";
import { prepareCitations, type CitationWork } from "../node/citations.ts";
import {
  linkParts,
  moveBuilt,
  PARTS_ENV,
  readPartsFile,
  type AssemblyParts,
} from "../node/build-parts.ts";
import { CAPTURES, capturesDir } from "../node/content-paths.ts";
import { contentPartsOf, ownEntries } from "../node/content-parts.ts";
import {
  plannedPackages,
  publishSite,
  writeKeptIndex,
  type PageGuard,
  type Prebuilt,
} from "../node/publish.ts";
import type { PackagePlan } from "../archive/publish/packages.ts";
import type { SearchIndexOptions, WrittenIndex } from "../node/search-index.ts";
import { assembleParts } from "./build-scope.ts";
import { fullEntries, shareContent, type BuildContent } from "./shared-content.ts";
import { CITATION_FORMATS, citationFile } from "../archive/paths.ts";
import { forgetPageText } from "./page-text.ts";

/** A build stopped by the content or the guard: its message is the whole story. */
class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveError";
    // Astro prints the stack of an integration's error; these lines are enough.
    this.stack = message;
  }
}

const plural = (n: number, one: string): string => (n === 1 ? `1 ${one}` : `${n} ${one}s`);

/** "3 articles" or "3 articles (5 versions)". */
function describeCount(entries: readonly PublishedEntry[]): string {
  const articles = entries.filter((e) => e.version === 1).length;
  const pages = plural(articles, "article");
  return articles === entries.length ? pages : `${pages} (${entries.length} versions)`;
}

/** Stops a build with one line per problem. */
function stop(problems: readonly string[], what: string): never {
  throw new ArchiveError(
    `${what} has ${plural(problems.length, "problem")}; nothing was built.\n  ${problems.join("\n  ")}`,
  );
}

/**
 * The guard over what the reader would see: each article's built page,
 * checked against its capture as the publish walk reaches it; when the walk
 * is done, one line per altered or missing page stops the build.
 */
function articleGuard(entries: readonly PublishedEntry[], readings: CaptureReadings): PageGuard {
  const byPage = new Map(entries.map((entry) => [`articles/${entry.id}/index.html`, entry]));
  const problems: string[] = [];
  const report = (page: string, entry: PublishedEntry, found: readonly string[]): void => {
    for (const problem of found) {
      problems.push(`${entry.path}: ${problem} (page ${page}, capture ${entry.capture.path})`);
    }
  };
  return {
    page(path, html) {
      const entry = byPage.get(path);
      if (!entry) return;
      byPage.delete(path);
      report(path, entry, guardPage(html, readingOf(readings, entry)));
    },
    done() {
      for (const [page, entry] of byPage) report(page, entry, ["is missing from the build"]);
      if (problems.length > 0) stop(problems.sort(), "What the reader would see");
    },
  };
}

/** The name of a previous site being removed, beside `outDir`: never put back. */
const removingPrefix = (outDir: string): string => `.${basename(outDir)}.removing-`;

/**
 * Replaces `outDir` with the complete build in `staging`: two renames, never
 * a mix. The previous site is renamed once more, to a name no build puts
 * back, and removed after the build has ended.
 */
async function swapInto(staging: string, outDir: string): Promise<void> {
  const old = `${staging}.old`;
  await rm(old, { recursive: true, force: true });
  await rename(outDir, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  try {
    await rename(staging, outDir);
  } catch (error) {
    // Put the previous site back rather than leave no site at all.
    await rename(old, outDir).catch(() => undefined);
    throw error;
  }
  const removing = join(dirname(outDir), `${removingPrefix(outDir)}${process.pid}`);
  await rm(removing, { recursive: true, force: true });
  // A first build has no previous site to remove.
  const previous = await rename(old, removing).then(
    () => true,
    () => false,
  );
  if (previous) await removeLater(removing);
}

/**
 * Removes staging folders a stopped build left beside `outDir`, and previous
 * sites still being removed; a previous site set aside by a swap that did not
 * finish is put back, not removed.
 */
async function removeStale(outDir: string): Promise<void> {
  const prefixes = [`.${basename(outDir)}.building-`, removingPrefix(outDir)];
  const names = await readdir(dirname(outDir)).catch(() => [] as string[]);
  const hasSite = names.includes(basename(outDir));
  for (const name of names.filter((n) => prefixes.some((prefix) => n.startsWith(prefix)))) {
    const path = join(dirname(outDir), name);
    if (!hasSite && name.endsWith(".old")) await rename(path, outDir);
    else await rm(path, { recursive: true, force: true });
  }
}

/** What an assembly puts in, and builds itself. */
interface Assembly {
  /** Each kept year's part folder, to put in. */
  kept: Map<string, string>;
  /** The content, with the whole entries of the years it builds itself. */
  content: BuildContent;
  /** The folder of the captures of the years it builds. */
  captures: string | undefined;
  /** Which package each file goes in, from the content's entries. */
  plan: PackagePlan;
}

/**
 * What an assembly puts in and builds, from the file PARTS_ENV names: a kept
 * part for each year the content has (a year the content no longer has is
 * left out) but those it builds itself, whose content it reads (from the
 * folder the file names, holding their files alone) and checks whole, and
 * which must be the articles `checked` holds of those years. The routes are
 * told to build only the pages that span years and those of its own years.
 */
async function partsToAssemble(
  file: string,
  root: string,
  checked: BuildContent,
  logger: AstroIntegrationLogger,
): Promise<Assembly> {
  let given: AssemblyParts;
  try {
    given = await readPartsFile(file);
  } catch (error) {
    stop([(error as Error).message], "The assembly");
  }
  const built = new Set(given.build?.years ?? []);
  const years = [...contentPartsOf(root, checked.entries).keys()];
  const missing = years.filter((year) => !given.years.has(year) && !built.has(year));
  if (missing.length > 0) {
    stop(
      missing.map((year) => `${PARTS_ENV}=${file} names no part of ${year}`),
      "The assembly",
    );
  }
  const kept = new Map(
    years.filter((year) => !built.has(year)).map((year) => [year, given.years.get(year) ?? ""]),
  );
  const plan = plannedPackages(checked.entries);
  let full: ArticleEntry[] = [];
  if (given.build) {
    const what = `The content of ${given.build.years.join(", ")}`;
    const read = await readContentFolder(root, (line) => logger.warn(line), given.build.content);
    if (read.problems.length > 0) stop(read.problems, what);
    const own = ownEntries(read.entries, checked.entries, built, plan);
    if (own.problems.length > 0) stop(own.problems, what);
    full = own.entries;
  }
  assembleParts(
    built,
    full.map((e) => e.article),
  );
  const fullById = new Map(full.map((e) => [e.id, e]));
  return {
    kept,
    content: {
      problems: [],
      warnings: checked.warnings,
      entries: checked.entries.map((e) => fullById.get(e.id) ?? e),
      handed: true,
      full,
    },
    captures: given.build ? join(given.build.content, CAPTURES) : undefined,
    plan,
  };
}

/**
 * The build's content: in an assembly that `npm run build` runs, as the
 * command read and checked it (src/node/handed-content.ts), the content its
 * parts were planned from; otherwise the content folder, read and checked here.
 */
async function contentOf(
  root: string,
  partsFile: string | undefined,
  logger: AstroIntegrationLogger,
): Promise<BuildContent> {
  const file = partsFile ? process.env[CHECKED_ENV] : undefined;
  if (!file) return await readContentFolder(root, (line) => logger.warn(line));
  const handed = await handedContent(file).catch((error: Error) =>
    stop([error.message], "The assembly"),
  );
  logger.info(`The content as npm run build checked it: ${describeCount(handed.entries)}`);
  return {
    problems: [],
    warnings: handed.warnings,
    entries: handed.entries,
    handed: true,
    full: [],
  };
}

/** What the archive integration may be told. */
export interface ArchiveOptions {
  /**
   * How the search index is built: the pages and words each Pagefind process
   * indexes before its shard is written apart (which bound the build's
   * memory), and the pages a published part holds (src/node/search-index.ts).
   * Tests set few, to search across shards and parts.
   */
  search?: SearchIndexOptions;
  /**
   * The search index's chunks' bytes at most for the whole index to be
   * precached with the shell (SEARCH_PRECACHE_BYTES unless set); tests set 0
   * to try the offer to save search for offline use on a small archive.
   */
  searchPrecacheBytes?: number;
}

/** The archive integration. */
export default function archive(options: ArchiveOptions = {}): AstroIntegration {
  let root = "";
  let outDir = "";
  let staging = "";
  let base = "/";
  let siteRoot = "";
  let entries: readonly PublishedEntry[] = [];
  /** The entries whose pages this build renders (all, but in an assembly). */
  let rendered: readonly PublishedEntry[] = [];
  /** Where the captures of the rendered entries are, to be published beside their pages. */
  let captureSources = "";
  /** The readings of the captures of the article pages this build renders. */
  let readings: CaptureReadings = new Map();
  let building = false;
  let citationWork: CitationWork | undefined;
  /** Each year's folder of files, when this build assembles parts built apart. */
  let yearParts: Map<string, string> | undefined;
  /** Which package each built file goes in. */
  let plan: PackagePlan | undefined;
  /**
   * An assembly's site, where the years' files are being linked while Astro
   * builds, and its search index written from them.
   */
  let linking:
    | { site: string; files: Promise<Prebuilt>; searchIndex: Promise<WrittenIndex> | undefined }
    | undefined;
  return {
    name: "news-archive",
    hooks: {
      "astro:config:setup": async ({ config, command, updateConfig, injectRoute, logger }) => {
        root = fileURLToPath(config.root);
        building = command === "build";
        const partsFile = building ? process.env[PARTS_ENV] : undefined;
        let checked = await contentOf(root, partsFile, logger);
        for (const warning of checked.warnings) logger.warn(warning);
        captureSources = capturesDir(root);
        if (building) {
          if (checked.problems.length > 0) stop(checked.problems, "The content");
          outDir = fileURLToPath(config.outDir).replace(/\/$/, "");
          await removeStale(outDir);
          staging = join(dirname(outDir), `.${basename(outDir)}.building-${process.pid}`);
          updateConfig({ outDir: pathToFileURL(`${staging}/`) });
          if (partsFile) {
            const assembly = await partsToAssemble(partsFile, root, checked, logger);
            yearParts = assembly.kept;
            checked = assembly.content;
            plan = assembly.plan;
            captureSources = assembly.captures ?? captureSources;
          }
        } else {
          for (const problem of checked.problems) logger.warn(problem);
          // A build writes these files itself (src/node/article-files.ts); the preview serves them.
          injectRoute({
            pattern: "/captures/[name].txt",
            entrypoint: new URL("./routes/capture-file.ts", import.meta.url),
          });
          // A pattern with its extension, so `astro dev` serves it without a trailing slash.
          for (const format of CITATION_FORMATS) {
            injectRoute({
              pattern: `/articles/[id]/${citationFile(format)}`,
              entrypoint: new URL("./routes/citation-file.ts", import.meta.url),
            });
            injectRoute({
              pattern: `/articles/[article]/versions/[n]/${citationFile(format)}`,
              entrypoint: new URL("./routes/version-citation-file.ts", import.meta.url),
            });
          }
        }
        updateConfig({
          vite: {
            define: { "import.meta.env.ARCHIVE_PREVIEW": JSON.stringify(command === "dev") },
          },
        });
        // The loaders take the full entries from the shared slot; the build keeps only these,
        // and the readings of the captures of the pages it renders (an assembly's own years').
        const full = fullEntries(checked);
        const whole = new Set(full.map((e) => e.id));
        entries = checked.entries.map((e) =>
          whole.has(e.id) ? publishedEntry(e as ArticleEntry) : e,
        );
        rendered = entries.filter((e) => whole.has(e.id));
        // An assembly's, made from the same articles' facts, is kept.
        plan ??= plannedPackages(entries);
        readings = new Map(full.map((e) => [e.id, e.capture.reading]));
        shareContent(root, checked);
        if (yearParts) {
          // The years' files are linked while Astro builds the pages that span years, in a
          // folder of their own (Astro empties its output folder first); its pages join them.
          const site = `${staging}.parts`;
          const files = linkParts(site, yearParts, plan);
          // With no page of its own indexed, its search index is the parts' alone: written
          // meanwhile. (With years of its own, their pages go to Pagefind in the publish walk.)
          const articles = new Set(entries.map((e) => e.article)).size;
          const packages = plan;
          const searchIndex =
            rendered.length > 0
              ? undefined
              : files.then((linked) =>
                  writeKeptIndex(site, options.search ?? {}, packages, linked, articles),
                );
          // Both awaited, and their failure reported, when the pages are built.
          files.catch(() => undefined);
          searchIndex?.catch(() => undefined);
          linking = { site, files, searchIndex };
        }
      },
      "astro:config:done": ({ config }) => {
        base = config.base.endsWith("/") ? config.base : `${config.base}/`;
        siteRoot = new URL(base, config.site ?? PLACEHOLDER_ORIGIN).href;
        if (building && rendered.length > 0) {
          // citeproc is the costliest part of an article page: format the rendered
          // articles' citations on the other core while Astro works on this one.
          const site = config.site === undefined ? undefined : new URL(config.site);
          citationWork = prepareCitations(
            new Map(rendered.map((e) => [e.id, articleFacts(e.id, e.data, config.base, site).csl])),
          );
          shareCitations(citationWork.citations);
        }
      },
      "astro:build:done": async ({ dir, logger }) => {
        forgetPageText(); // every page is built
        const built = fileURLToPath(dir).replace(/\/$/, "");
        const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
          const started = performance.now();
          const result = await run();
          logger.info(`${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
          return result;
        };
        try {
          await step("Bundled the browser modules", () => bundleBrowserModules(built));
          const packages = plan ?? plannedPackages(entries);
          const assembled = linking;
          if (rendered.length > 0) {
            await step("Wrote the captures and citation files", () =>
              writeArticleFiles(built, captureSources, rendered, (entry) =>
                citationWork?.ofArticle(entry.id),
              ),
            );
          }
          const prebuilt = assembled
            ? await step(
                `Put in the parts of ${plural(yearParts?.size ?? 0, "year")}`,
                async () => {
                  const files = await assembled.files;
                  await moveBuilt(built, assembled.site);
                  return files;
                },
              )
            : undefined;
          const site = assembled?.site ?? built;
          const { searchIndex, fromParts } = await step(
            "Guarded, indexed and published (CSP, WACZ, service worker, fixity)",
            () =>
              publishSite(site, {
                base,
                siteRoot,
                scratch: `${staging}.wacz`,
                entries,
                readings,
                packages,
                // The pages put in from parts were guarded as their parts were built.
                guard: articleGuard(rendered, readings),
                ...(prebuilt ? { prebuilt } : {}),
                ...(assembled?.searchIndex ? { searchIndex: assembled.searchIndex } : {}),
                search: options.search ?? {},
                ...(options.searchPrecacheBytes === undefined
                  ? {}
                  : { searchPrecacheBytes: options.searchPrecacheBytes }),
              }),
          );
          const { shards, parts, languages, seconds } = searchIndex;
          const count = (n: number, one: string, many: string): string =>
            `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
          logger.info(
            `The search index: ${count(parts, "part", "parts")} in ${count(languages, "language", "languages")}, from ${count(shards, "Pagefind process", "Pagefind processes")}, written in ${seconds.toFixed(1)} s${fromParts ? " while the pages were built" : ""}`,
          );
          await swapInto(site, outDir);
          logger.info(
            `${describeCount(entries)} checked against their captures, indexed and published in ${outDir}`,
          );
        } finally {
          shareCitations(undefined);
          await citationWork?.stop();
          await rm(built, { recursive: true, force: true });
          await rm(`${staging}.wacz`, { recursive: true, force: true });
          if (linking) {
            // A step that failed before the parts were put in: the linking and index end first.
            await linking.files.catch(() => undefined);
            await linking.searchIndex?.catch(() => undefined);
            await rm(linking.site, { recursive: true, force: true });
          }
        }
      },
    },
  };
}
