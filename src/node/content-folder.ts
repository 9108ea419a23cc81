/**
 * The content folder read once for a build, and checked (where it is:
 * content-paths.ts).
 */
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import {
  capturesNamed,
  checkContent,
  checkContentReusing,
  type ArticleFile,
  type CheckedContent,
  type ContentSet,
  type PublishedEntry,
  type ReusingCheck,
} from "../archive/content/content-check.ts";
import { withContentLock } from "./content-lock.ts";
import { ARTICLES, CAPTURES, contentDir, filesIn, markdownFiles } from "./content-paths.ts";

/**
 * Reads the content folder of `root` (or the folder `dir`, one laid out as
 * it is) once and checks it: problems and entries. It holds the folder's
 * lock while it reads the files, so an import running at the same time is
 * read whole or not at all (`waiting` is told if it waits); the check then
 * runs on what was read, with the lock let go.
 */
export async function readContentFolder(
  root: string,
  waiting?: (line: string) => void,
  dir = contentDir(root),
): Promise<CheckedContent> {
  const read = await withContentLock(dir, "build", () => readFiles(root, dir), waiting);
  return checkContent(read);
}

/**
 * Reads the content folder of `root` as readContentFolder does, but takes the
 * entries `reuse` gives for the article files it is given (those whose file
 * and captures are unchanged since they were checked), and reads and checks
 * only the other articles and the captures they name. Resolves to the check
 * and the article files read.
 */
export async function readContentFolderReusing(
  root: string,
  reuse: (articles: readonly ArticleFile[]) => ReadonlyMap<string, PublishedEntry>,
): Promise<ReusingCheck & { articles: readonly ArticleFile[] }> {
  const dir = contentDir(root);
  const { content, reused } = await withContentLock(dir, "build", async () => {
    const articles = await readArticles(root, dir);
    const reused = reuse(articles);
    const named = new Set(
      articles.flatMap((a) => (reused.has(a.path) ? [] : capturesNamed(a.text))),
    );
    return { content: await readCaptures(root, dir, articles, (name) => named.has(name)), reused };
  });
  return { ...checkContentReusing(content, reused), articles: content.articles };
}

/** The files of the content folder `dir`, read once. */
async function readFiles(root: string, dir: string): Promise<ContentSet> {
  return readCaptures(root, dir, await readArticles(root, dir), () => true);
}

/** How a path under `root` is named in messages. */
const labelIn = (root: string, path: string): string =>
  relative(root, path).split("\\").join("/") || ".";

/** Every article file of the content folder `dir`, read. */
async function readArticles(root: string, dir: string): Promise<ArticleFile[]> {
  const articles = join(dir, ARTICLES);
  return Promise.all(
    (await markdownFiles(articles)).map(async (name) => ({
      path: labelIn(root, join(articles, name)),
      text: await readFile(join(articles, name), "utf8"),
    })),
  );
}

/** The content set of `articles` with the captures of `dir` that `wanted` names read (every capture's name listed). */
async function readCaptures(
  root: string,
  dir: string,
  articles: ArticleFile[],
  wanted: (name: string) => boolean,
): Promise<ContentSet> {
  const captures = join(dir, CAPTURES);
  const captureFiles = new Map<string, Uint8Array>();
  const names = await filesIn(captures, "");
  const read = names.filter(wanted);
  const bytes = await Promise.all(read.map((name) => readFile(join(captures, name))));
  read.forEach((name, i) => captureFiles.set(name, bytes[i] as Uint8Array));
  return {
    articles,
    captures: captureFiles,
    captureNames: names,
    articlesPath: labelIn(root, join(dir, ARTICLES)),
    capturesPath: labelIn(root, captures),
  };
}
