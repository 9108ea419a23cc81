/**
 * Where the content folder is on disk, and its files: `content/` in the
 * project, or the folder $ARCHIVE_CONTENT names (fixture collections in
 * tests, generated ones in the bench); it holds `articles/` (Markdown) and
 * `captures/` (raw captures, byte for byte). File system only, so a process
 * that needs the paths does not load the content check.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/** The content folder of a project root: the one `named` (ARCHIVE_CONTENT unless given), or `content/`. */
export function contentDir(root = process.cwd(), named = process.env.ARCHIVE_CONTENT): string {
  return resolve(root, named || "content");
}

/** The name of the content folder's folder of raw captures. */
export const CAPTURES = "captures";

/** The folder holding the raw captures. */
export const capturesDir = (root?: string): string => join(contentDir(root), CAPTURES);

/** The name of the content folder's folder of Markdown articles. */
export const ARTICLES = "articles";

/** The folder holding the Markdown articles. */
export const articlesDir = (root?: string): string => join(contentDir(root), ARTICLES);

/** The raw bytes of a capture file. */
export function readCaptureFile(file: string, root?: string): Promise<Buffer> {
  return readFile(join(capturesDir(root), file));
}

/** A folder's file names with a given ending, sorted; a missing folder is empty. */
export async function filesIn(dir: string, ending: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ending) && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

/** The folders of articles' later versions: "<article id>/versions" for each that has one. */
async function versionFolders(articles: string): Promise<string[]> {
  const entries = await readdir(articles, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => `${e.name}/versions`)
    .sort();
}

/** The Markdown files of the articles folder: each article, then each later version. */
export async function markdownFiles(articles: string): Promise<string[]> {
  const names = await filesIn(articles, ".md");
  for (const folder of await versionFolders(articles)) {
    names.push(...(await filesIn(join(articles, folder), ".md")).map((n) => `${folder}/${n}`));
  }
  return names;
}
