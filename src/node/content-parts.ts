/**
 * The content folder by parts (src/archive/publish/build-parts.ts): which
 * Markdown and capture files make each year, and a content folder holding one
 * part's files alone, to build that year apart.
 */
import { copyFile, link, mkdir } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { contentParts, type ContentPart } from "../archive/publish/build-parts.ts";
import type { PublishedEntry } from "../archive/content/content-check.ts";
import { articlesDir, capturesDir } from "./content-paths.ts";

/** Each year's content among the checked `entries` of the project at `root`, paths relative to the articles and captures folders. */
export function contentPartsOf(
  root: string,
  entries: readonly PublishedEntry[],
): Map<string, ContentPart> {
  const articles = articlesDir(root);
  return contentParts(
    entries.map((e) => ({
      article: e.article,
      version: e.version,
      published: e.data.published,
      path: relative(articles, resolve(root, e.path)).split("\\").join("/"),
      captures: [e.capture.file, ...e.recaptures.map((r) => r.file)],
    })),
  );
}

/**
 * Writes a content folder at `out` (which must not exist) holding only
 * `part`'s files of the project at `root`, linked to the originals (copied
 * across file systems).
 */
export async function writePartContent(
  root: string,
  part: ContentPart,
  out: string,
): Promise<void> {
  const place = async (from: string, to: string): Promise<void> => {
    await mkdir(dirname(to), { recursive: true });
    // Another file system cannot link: the file is copied.
    await link(from, to).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "EXDEV") throw error;
      await copyFile(from, to);
    });
  };
  for (const file of part.articles) {
    await place(join(articlesDir(root), file), join(out, "articles", file));
  }
  for (const file of part.captures) {
    await place(join(capturesDir(root), file), join(out, "captures", file));
  }
}
