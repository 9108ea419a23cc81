/**
 * The content folder on disk: where it is, and reading it once for a build.
 * `content/` in the project, or the folder $ARCHIVE_CONTENT names (fixture
 * collections in tests, generated ones in the bench); it holds `articles/`
 * (Markdown) and `captures/` (raw captures, byte for byte).
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import {
  checkContent,
  type CheckedContent,
  type ContentSet,
} from "../archive/content/content-check.ts";
import { withContentLock } from "./content-lock.ts";

/** The content folder of a project root: the one `named` (ARCHIVE_CONTENT unless given), or `content/`. */
export function contentDir(root = process.cwd(), named = process.env.ARCHIVE_CONTENT): string {
  return resolve(root, named || "content");
}

/** The folder holding the raw captures. */
export const capturesDir = (root?: string): string => join(contentDir(root), "captures");

/** The folder holding the Markdown articles. */
export const articlesDir = (root?: string): string => join(contentDir(root), "articles");

/** The raw bytes of a capture file. */
export function readCaptureFile(file: string, root?: string): Promise<Buffer> {
  return readFile(join(capturesDir(root), file));
}

/** A folder's file names with a given ending, sorted; a missing folder is empty. */
async function filesIn(dir: string, ending: string): Promise<string[]> {
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

/**
 * Reads the content folder of `root` once and checks it: problems and
 * entries. It holds the folder's lock while it reads the files, so an import
 * running at the same time is read whole or not at all (`waiting` is told if
 * it waits); the check then runs on what was read, with the lock let go.
 */
export async function readContentFolder(
  root: string,
  waiting?: (line: string) => void,
): Promise<CheckedContent> {
  const read = await withContentLock(contentDir(root), "build", () => readFiles(root), waiting);
  return checkContent(read);
}

/** The content folder's files, read once. */
async function readFiles(root: string): Promise<ContentSet> {
  const articles = articlesDir(root);
  const captures = capturesDir(root);
  const label = (path: string): string => relative(root, path).split("\\").join("/") || ".";
  const articleFiles = await Promise.all(
    (await markdownFiles(articles)).map(async (name) => ({
      path: label(join(articles, name)),
      text: await readFile(join(articles, name), "utf8"),
    })),
  );
  const captureFiles = new Map<string, Uint8Array>();
  const names = await filesIn(captures, "");
  const bytes = await Promise.all(names.map((name) => readFile(join(captures, name))));
  names.forEach((name, i) => captureFiles.set(name, bytes[i] as Uint8Array));
  return {
    articles: articleFiles,
    captures: captureFiles,
    articlesPath: label(articles),
    capturesPath: label(captures),
  };
}
