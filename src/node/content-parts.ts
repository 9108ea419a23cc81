/**
 * The content folder by parts (src/archive/publish/build-parts.ts): which
 * Markdown and capture files make each year, and a content folder holding one
 * part's files alone, to build that year apart.
 */
import { mkdir } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { contentParts, type ContentPart } from "../archive/publish/build-parts.ts";
import type { ArticleEntry, PublishedEntry } from "../archive/content/content-check.ts";
import type { PackagePlan } from "../archive/publish/packages.ts";
import { articlesDir, capturesDir } from "./content-paths.ts";
import { linkOrCopy } from "./files.ts";

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
    await linkOrCopy(from, to);
  };
  for (const file of part.articles) {
    await place(join(articlesDir(root), file), join(out, "articles", file));
  }
  for (const file of part.captures) {
    await place(join(capturesDir(root), file), join(out, "captures", file));
  }
}

/**
 * The entries `read` (whole, from a content folder of the years `built`
 * alone) that an assembly builds itself, each under its path as `checked`
 * (the content the build was planned from, whose years `plan` tells) names it; a problem naming the
 * file for each one `read` holds that `checked` does not, or lacks.
 */
export function ownEntries(
  read: readonly ArticleEntry[],
  checked: readonly PublishedEntry[],
  built: ReadonlySet<string>,
  plan: PackagePlan,
): { entries: ArticleEntry[]; problems: string[] } {
  const planned = new Map(
    checked
      .filter((e) => built.has(plan.packageOf(`articles/${e.id}/index.html`)))
      .map((e) => [e.id, e]),
  );
  const problems: string[] = [];
  const entries = read.flatMap((entry) => {
    const was = planned.get(entry.id);
    planned.delete(entry.id);
    if (!was) {
      problems.push(`${entry.path}: not among the articles the build was planned from`);
      return [];
    }
    return [{ ...entry, path: was.path }];
  });
  for (const entry of planned.values()) {
    problems.push(`${entry.path}: missing from the content of its year as it was built`);
  }
  return { entries, problems };
}
