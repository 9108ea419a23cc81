/**
 * Reads the content folder and runs the content check; `npm run build` runs
 * it before Astro, so bad content stops the build with one line per problem.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { articlesDir, capturesDir } from "../src/lib/capture-file.ts";
import { checkContent } from "../src/lib/content-check.ts";

/** Lists a folder's files with a given ending; a missing folder is empty. */
async function filesIn(dir: string, ending: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith(ending))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** The problems of the content under `root` (respecting $ARCHIVE_CONTENT). */
export async function checkContentFolder(root: string): Promise<string[]> {
  const articles = articlesDir(root);
  const captures = capturesDir(root);
  const label = (path: string): string => relative(root, path).split("\\").join("/") || ".";
  const articleFiles = await Promise.all(
    (await filesIn(articles, ".md")).map(async (name) => ({
      path: label(join(articles, name)),
      text: await readFile(join(articles, name), "utf8"),
    })),
  );
  const captureFiles = new Map<string, Uint8Array>();
  for (const name of await filesIn(captures, "")) {
    captureFiles.set(name, await readFile(join(captures, name)));
  }
  return checkContent({
    articles: articleFiles,
    captures: captureFiles,
    articlesPath: label(articles),
    capturesPath: label(captures),
  });
}
