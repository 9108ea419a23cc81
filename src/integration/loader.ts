/**
 * The articles' content loader, on Astro's loader API. It stores the entries
 * the build's content check already read and checked (one read of the content
 * per build); under `astro dev` or `astro sync` it reads the folder itself,
 * logs problems without stopping, and reloads when a file changes.
 */
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { captureView, type CapturePageText } from "../archive/capture/capture-view.ts";
import type { ArticleEntry, CheckedContent } from "../archive/content/content-check.ts";
import type { StoredArticle } from "../archive/content/schema.ts";
import { contentDir, readContentFolder } from "../node/content-folder.ts";
import { shareArticleSources, shareCaptureText } from "./page-text.ts";
import { forgetContent, loadedFrom, shareContent, sharedContent } from "./shared-content.ts";

/** The collections loaded from the build's checked content. */
const COLLECTIONS = ["articles", "captures"] as const;

/** What the pages get for an article. */
function storedArticle(entry: ArticleEntry): StoredArticle {
  return { ...entry.data, captureBytes: entry.capture.bytes };
}

/** The build's checked content, or (dev, sync) the folder read and checked here. */
async function checkedContent(
  root: string,
  logger: LoaderContext["logger"],
): Promise<CheckedContent> {
  const shared = sharedContent(root);
  if (shared) return shared;
  const checked = await readContentFolder(root);
  for (const problem of checked.problems) logger.warn(problem);
  shareContent(root, checked);
  return checked;
}

async function load(context: LoaderContext): Promise<void> {
  const { store, config, logger, renderMarkdown, generateDigest, watcher } = context;
  const root = fileURLToPath(config.root);
  const checked = await checkedContent(root, logger);
  const ids = new Set(checked.entries.map((e) => e.id));
  for (const key of store.keys()) if (!ids.has(key)) store.delete(key);
  // The Markdown goes to the pages beside the store; each page renders its own (page-text.ts).
  shareArticleSources(renderMarkdown, new Map(checked.entries.map((e) => [e.id, e.source])));
  for (const entry of checked.entries) {
    const digest = generateDigest(`${STORED_FORM}\n${entry.source}`);
    if (store.get(entry.id)?.digest === digest) continue;
    store.set({ id: entry.id, data: { ...storedArticle(entry) }, filePath: entry.path, digest });
  }
  if (watcher) watch(context, contentDir(root), "articles", () => load(context));
  else loadedFrom(root, "articles", COLLECTIONS);
}

/**
 * Part of every stored entry's digest: changed when what the loaders store
 * changes shape, so a store cached by an older build is written again (Astro
 * clears its cache only when content.config.ts changes). 2: without the
 * article bodies and capture lines, which go to the pages beside the store;
 * 3: without the capture blocks, likewise.
 */
const STORED_FORM = "stored-form 3";

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
  const idOf = (entry: ArticleEntry): string => entry.capture.file.replace(/\.txt$/, "");
  const ids = new Set(checked.entries.map(idOf));
  for (const key of store.keys()) if (!ids.has(key)) store.delete(key);
  const texts = new Map<string, CapturePageText>();
  for (const entry of checked.entries) {
    const { stored, text } = captureView(entry);
    const id = idOf(entry);
    texts.set(id, text);
    const digest = generateDigest(`${STORED_FORM}\n${entry.source}\n${stored.sha256}`);
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
