/**
 * The content folder read once for a build, and checked (where it is:
 * content-paths.ts).
 */
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import {
  checkContent,
  type CheckedContent,
  type ContentSet,
} from "../archive/content/content-check.ts";
import { withContentLock } from "./content-lock.ts";
import { articlesDir, capturesDir, contentDir, filesIn, markdownFiles } from "./content-paths.ts";

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
