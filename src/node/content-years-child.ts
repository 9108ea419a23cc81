/**
 * The content folder at the root its first argument names, read and checked
 * in a child process (src/node/content-years.ts): sends what the build in
 * parts needs of it, plain data, then ends, and the memory of every capture's
 * reading with it. Content that passes is also handed on in the file its
 * second argument names, if any (src/node/handed-content.ts). Given
 * `--reuse`, it waits for the keys of the check's cache (ReuseKeys) and
 * checks only the articles whose file or captures changed since they were
 * last checked (src/node/checked-cache.ts), reading only their captures.
 */
import { join } from "node:path";
import { publishedEntry, type PublishedEntry } from "../archive/content/content-check.ts";
import { packagedArticles } from "../archive/publish/packages.ts";
import {
  CHECKED_CACHE,
  readCheckedCache,
  reusableEntries,
  writeCheckedCache,
} from "./checked-cache.ts";
import { readContentFolder, readContentFolderReusing } from "./content-folder.ts";
import { contentPartsOf } from "./content-parts.ts";
import type { ContentYearsMessage, ReuseKeys } from "./content-years.ts";
import { handContent } from "./handed-content.ts";

/** The content checked, reusing the cache's entries when `reuse` is given. */
async function check(
  root: string,
  reuse: ReuseKeys | undefined,
): Promise<{
  problems: string[];
  warnings: string[];
  entries: PublishedEntry[];
  checked: PublishedEntry[];
}> {
  if (!reuse) {
    const { entries, problems, warnings } = await readContentFolder(root);
    const published = entries.map(publishedEntry);
    return { problems, warnings, entries: published, checked: published };
  }
  const file = join(reuse.cache, CHECKED_CACHE);
  const kept = await readCheckedCache(file, reuse.code);
  const read = await readContentFolderReusing(root, (articles) =>
    reusableEntries(kept, articles, (name) => reuse.captures.get(name)),
  );
  if (read.checked.length > 0 || kept.size !== read.entries.length) {
    await writeCheckedCache(file, reuse.code, read.entries, read.articles);
  }
  return read;
}

const [root, handOn] = process.argv.slice(2).filter((arg) => arg !== "--reuse");
if (root !== undefined && process.send) {
  const reuse = process.argv.includes("--reuse")
    ? await new Promise<ReuseKeys>((resolve) => process.once("message", resolve))
    : undefined;
  let message: ContentYearsMessage;
  try {
    const { entries, problems, warnings, checked } = await check(root, reuse);
    if (problems.length === 0 && handOn !== undefined) {
      await handContent(handOn, { warnings, entries });
    }
    message =
      problems.length > 0
        ? { problems: problems.length }
        : {
            years: [...contentPartsOf(root, entries)],
            articles: packagedArticles(entries),
            checked: checked.length,
            reused: entries.length - checked.length,
          };
  } catch (error) {
    message = { error: error instanceof Error ? error.message : String(error) };
  }
  process.send(message);
}
