/**
 * The articles' content loader, on Astro's loader API. It stores the entries
 * the build's content check already read and checked (one read of the content
 * per build); under `astro dev` or `astro sync` it reads the folder itself,
 * logs problems without stopping, and reloads when a file changes.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { captureView } from "../archive/capture-view.ts";
import type { ArticleEntry, CheckedContent } from "../archive/content-check.ts";
import type { StoredArticle } from "../archive/schema.ts";
import { contentDir, readContentFolder } from "../node/content-folder.ts";
import { forgetContent, loadedFrom, shareContent, sharedContent } from "./shared-content.ts";

/** The collections loaded from the build's checked content. */
const COLLECTIONS = ["articles", "captures"] as const;

/** What the pages get for an entry. */
function stored(entry: ArticleEntry): StoredArticle {
  return { ...entry.data, captureBytes: entry.capture.bytes };
}

let renderer: Promise<string> | undefined;

/**
 * What the rendering depends on besides the article: the Markdown plugins'
 * source and the modules they use to name and link blocks. Astro keeps rendered entries between builds; an entry is rendered
 * again when its file, the base or a plugin changed.
 */
function rendererVersion(root: string): Promise<string> {
  renderer ??= (async () => {
    const dir = join(root, "src", "markdown");
    const files = [
      ...(await readdir(dir)).sort().map((n) => join(dir, n)),
      // What the plugins call to name and link blocks.
      join(root, "src", "archive", "block-ids.ts"),
      join(root, "src", "archive", "paths.ts"),
    ];
    const sources = await Promise.all(files.map((f) => readFile(f, "utf8")));
    return sources.join("\n");
  })();
  return renderer;
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
  const version = await rendererVersion(root);
  const ids = new Set(checked.entries.map((e) => e.id));
  for (const key of store.keys()) if (!ids.has(key)) store.delete(key);
  for (const entry of checked.entries) {
    const digest = generateDigest(`${config.base}\n${version}\n${entry.source}`);
    if (store.get(entry.id)?.digest === digest) continue;
    store.set({
      id: entry.id,
      data: { ...stored(entry) },
      filePath: entry.path,
      digest,
      rendered: await renderMarkdown(entry.source),
    });
  }
  if (watcher) watch(context, contentDir(root));
  else loadedFrom(root, "articles", COLLECTIONS);
}

const watched = new WeakSet<object>();

/** Under `astro dev`: loads again when a file in the content folder changes. */
function watch(context: LoaderContext, dir: string): void {
  const { watcher, logger } = context;
  if (!watcher || watched.has(watcher)) return;
  watched.add(watcher);
  watcher.add(dir);
  const reload = (path: string): void => {
    if (!path.startsWith(dir)) return;
    forgetContent();
    load(context).catch((error: unknown) => logger.error(String(error)));
  };
  for (const event of ["add", "change", "unlink"] as const) watcher.on(event, reload);
}

/** The loader for the articles collection. */
export function articlesLoader(): Loader {
  return { name: "news-archive-articles", load };
}

/** Stores each capture's page data: its lines and how each block was read. */
async function loadCaptures(context: LoaderContext): Promise<void> {
  const { store, config, logger, generateDigest } = context;
  const root = fileURLToPath(config.root);
  const checked = await checkedContent(root, logger);
  const ids = new Set(checked.entries.map((e) => e.capture.file.replace(/\.txt$/, "")));
  for (const key of store.keys()) if (!ids.has(key)) store.delete(key);
  for (const entry of checked.entries) {
    const view = captureView(entry);
    const digest = generateDigest(`${entry.source}\n${view.sha256}`);
    const id = entry.capture.file.replace(/\.txt$/, "");
    if (store.get(id)?.digest === digest) continue;
    store.set({ id, data: { ...view }, digest });
  }
  if (!context.watcher) loadedFrom(root, "captures", COLLECTIONS);
}

/** The loader for the captures collection (their own pages). */
export function capturesLoader(): Loader {
  return { name: "news-archive-captures", load: loadCaptures };
}
