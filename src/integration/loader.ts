/**
 * The articles' content loader, on Astro's loader API. It stores the entries
 * the build's content check already read and checked (one read of the content
 * per build); under `astro dev` or `astro sync` it reads the folder itself,
 * logs problems without stopping, and reloads when a file changes.
 */
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { captureView, type CapturePageText } from "../archive/capture/capture-view.ts";
import type { PublishedEntry } from "../archive/content/content-check.ts";
import type { StoredArticle, StoredChange } from "../archive/content/schema.ts";
import { readContentFolder } from "../node/content-folder.ts";
import { contentDir } from "../node/content-paths.ts";
import { shareArticleSources, shareCaptureText, shareChanges } from "./page-text.ts";
import { changePairs } from "../archive/versions/history.ts";
import { changesBetween, summarise, type Changes } from "../archive/versions/changes.ts";
import { versionText } from "../archive/versions/match.ts";
import {
  forgetContent,
  fullEntries,
  loadedFrom,
  shareContent,
  sharedContent,
  type BuildContent,
} from "./shared-content.ts";

/** The collections loaded from the build's checked content. */
const COLLECTIONS = ["articles", "captures", "changes"] as const;

/** What the pages get for an article. */
function storedArticle(entry: PublishedEntry): StoredArticle {
  return {
    ...entry.data,
    captureBytes: entry.capture.bytes,
    article: entry.article,
    version: entry.version,
    versions: entry.versions.map((v) => ({ ...v })),
    recaptureBytes: entry.recaptures.map((r) => r.bytes),
  };
}

/** The build's checked content, or (dev, sync) the folder read and checked here. */
async function checkedContent(
  root: string,
  logger: LoaderContext["logger"],
): Promise<BuildContent> {
  const shared = sharedContent(root);
  if (shared) return shared;
  const checked = await readContentFolder(root, (line) => logger.warn(line));
  for (const problem of checked.problems) logger.warn(problem);
  shareContent(root, checked);
  return checked;
}

async function load(context: LoaderContext): Promise<void> {
  const { store, config, logger, renderMarkdown, generateDigest, watcher } = context;
  const root = fileURLToPath(config.root);
  const checked = await checkedContent(root, logger);
  const entries: readonly PublishedEntry[] = checked.entries;
  const ids = new Set(entries.map((e) => e.id));
  for (const key of store.keys()) if (!ids.has(key)) store.delete(key);
  // The Markdown goes to the pages beside the store; each page renders its own (page-text.ts).
  // An assembly keeps only that of the years it builds.
  const sources = fullEntries(checked).map((e) => [e.id, e.source] as const);
  shareArticleSources(renderMarkdown, new Map(sources));
  for (const entry of entries) {
    const data = storedArticle(entry);
    const digest = generateDigest(`${STORED_FORM}\n${JSON.stringify(data)}`);
    if (store.get(entry.id)?.digest === digest) continue;
    store.set({ id: entry.id, data: { ...data }, filePath: entry.path, digest });
  }
  if (watcher) watch(context, contentDir(root), "articles", () => load(context));
  else loadedFrom(root, "articles", COLLECTIONS);
}

/**
 * Part of every stored entry's digest: changed when what the loaders store
 * changes shape, so a store cached by an older build is written again (Astro
 * clears its cache only when content.config.ts changes). 2: without the
 * article bodies and capture lines, which go to the pages beside the store;
 * 3: without the capture blocks, likewise; 4: with the article's versions;
 * 5: an article's digest made of what is stored, not of its file.
 */
const STORED_FORM = "stored-form 5";

const watched = new WeakSet<object>();

/** Under `astro dev`: each collection's load, run again when a content file changes. */
const reloads = new Map<string, () => Promise<void>>();
/** The reloads queued so far, run one after another. */
let reloading: Promise<void> = Promise.resolve();
/** Bumped by every change; a queued reload that a later change superseded is skipped. */
let changes = 0;

/**
 * Under `astro dev`: loads every collection again, one after the other and
 * from one fresh read of the folder, when a file in the content folder
 * changes. One save can fire several events: only the last reload queued
 * runs, so an earlier read of a half-written file never has the last word.
 */
function watch(
  context: LoaderContext,
  dir: string,
  collection: string,
  reload: () => Promise<void>,
): void {
  reloads.set(collection, reload);
  const { watcher, logger } = context;
  if (!watcher || watched.has(watcher)) return;
  watched.add(watcher);
  watcher.add(dir);
  const changed = (path: string): void => {
    if (!path.startsWith(dir)) return;
    const change = ++changes;
    reloading = reloading
      .then(async () => {
        if (change !== changes) return;
        forgetContent();
        for (const run of reloads.values()) await run();
      })
      .catch((error: unknown) => logger.error(String(error)));
  };
  for (const event of ["add", "change", "unlink"] as const) watcher.on(event, changed);
}

/** The loader for the articles collection. */
export function articlesLoader(): Loader {
  return { name: "news-archive-articles", load };
}

/** Stores each capture's page data; hands its blocks (how each was read) and lines to the page. */
async function loadCaptures(context: LoaderContext): Promise<void> {
  const { store, config, logger, generateDigest } = context;
  const root = fileURLToPath(config.root);
  const checked = await checkedContent(root, logger);
  const idOf = (file: string): string => file.replace(/\.txt$/, "");
  // Only the capture pages read this collection: an assembly builds only those of its years.
  const captures = fullEntries(checked).flatMap((entry) =>
    [entry.capture, ...entry.recaptures].map((capture) => ({ entry, capture })),
  );
  const ids = new Set(captures.map(({ capture }) => idOf(capture.file)));
  for (const key of store.keys()) if (!ids.has(key)) store.delete(key);
  const texts = new Map<string, CapturePageText>();
  for (const { entry, capture } of captures) {
    const { stored, text } = captureView(entry, capture);
    const id = idOf(capture.file);
    texts.set(id, text);
    const digest = generateDigest(
      `${STORED_FORM}\n${entry.source}\n${stored.sha256}\n${entry.versions.length}`,
    );
    if (store.get(id)?.digest === digest) continue;
    store.set({ id, data: { ...stored }, digest });
  }
  shareCaptureText(texts);
  if (context.watcher) {
    watch(context, contentDir(root), "captures", () => loadCaptures(context));
  } else loadedFrom(root, "captures", COLLECTIONS);
}

/** The loader for the captures collection (their own pages). */
export function capturesLoader(): Loader {
  return { name: "news-archive-captures", load: loadCaptures };
}

/** Stores each change page's versions; hands what changed to the page (computed here, once). */
async function loadChanges(context: LoaderContext): Promise<void> {
  const { store, config, logger, generateDigest } = context;
  const root = fileURLToPath(config.root);
  const checked = await checkedContent(root, logger);
  const entries: readonly PublishedEntry[] = checked.entries;
  // An assembly lists every change page (the sitemap) but builds only those of its years: the
  // others get no differences.
  const whole = new Map(fullEntries(checked).map((e) => [e.id, e]));
  const groups = new Map<string, PublishedEntry[]>();
  for (const entry of entries) {
    if (entry.versions.length > 1)
      groups.set(entry.article, [...(groups.get(entry.article) ?? []), entry]);
  }
  const changes = new Map<string, Changes>();
  const ids = new Set<string>();
  for (const [article, group] of groups) {
    const byNumber = new Map(group.map((e) => [e.version, e]));
    for (const { from, to } of changePairs(group[0]?.versions ?? [])) {
      const [older, newer] = [byNumber.get(from), byNumber.get(to)];
      if (!older || !newer) continue;
      const id = `${article}/changes/${from}-to-${to}`;
      ids.add(id);
      const [a, b] = [whole.get(older.id), whole.get(newer.id)];
      const found =
        a && b
          ? changesBetween(
              versionText(a.capture.reading, a.data.language),
              versionText(b.capture.reading, b.data.language),
            )
          : undefined;
      if (found) changes.set(id, found);
      const named = (e: PublishedEntry): StoredChange["from"] => ({
        number: e.version,
        id: e.id,
        archived: e.data.archived,
        headline: e.data.headline,
      });
      const data: StoredChange = {
        article,
        from: named(older),
        to: named(newer),
        language: newer.data.language,
        versions: newer.versions.length,
        summary: found ? summarise(found) : "",
      };
      const digest = generateDigest(`${STORED_FORM}\n${JSON.stringify(data)}`);
      if (store.get(id)?.digest !== digest) store.set({ id, data: { ...data }, digest });
    }
  }
  for (const key of store.keys()) if (!ids.has(key)) store.delete(key);
  shareChanges(changes);
  if (context.watcher) {
    watch(context, contentDir(root), "changes", () => loadChanges(context));
  } else loadedFrom(root, "changes", COLLECTIONS);
}

/** The loader for the change pages (what changed between two versions of an article). */
export function changesLoader(): Loader {
  return { name: "news-archive-changes", load: loadChanges };
}
