/**
 * The content check's results kept between builds, an article file at a
 * time, so `npm run build` checks again only the articles whose file or
 * captures changed (src/node/content-years-child.ts): each entry is stored
 * with its file's digest and those of the captures it names, and is reused
 * only while all of them are the same, under the same project code (the
 * check's own). The checks that span files still run over every entry. The
 * file lives in the build's cache folder (buildCache, beside the parts), in
 * Node's own serialization.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { deserialize, serialize } from "node:v8";
import { sha256 } from "../archive/hash.ts";
import type { ArticleFile, PublishedEntry } from "../archive/content/content-check.ts";

/** The file's form: a change to what it holds changes this. */
const FORM = "checked-entries 1";

/** The file in the build's cache folder. */
export const CHECKED_CACHE = "checked-entries";

/** One article file's entry, with what it was checked from. */
interface Kept {
  /** Its file's SHA-256. */
  text: string;
  /** Each capture it names, with the SHA-256 its check verified. */
  captures: [file: string, sha256: string][];
  /** Its entry, without its version list (made anew each build). */
  entry: PublishedEntry;
}

/** The entries kept in `file` for `code`; none when it is missing, of another form or code, or unreadable. */
export async function readCheckedCache(file: string, code: string): Promise<Map<string, Kept>> {
  try {
    const stored = deserialize(await readFile(file)) as {
      form?: unknown;
      code?: unknown;
      articles?: unknown;
    };
    if (stored.form !== FORM || stored.code !== code || !Array.isArray(stored.articles)) {
      return new Map();
    }
    return new Map(stored.articles as [string, Kept][]);
  } catch {
    return new Map();
  }
}

/**
 * The kept entries that still hold: their article file and every capture
 * they name unchanged (`captureDigest`: a capture's SHA-256 now, by its name).
 */
export function reusableEntries(
  kept: ReadonlyMap<string, Kept>,
  articles: readonly ArticleFile[],
  captureDigest: (file: string) => string | undefined,
): Map<string, PublishedEntry> {
  const reusable = new Map<string, PublishedEntry>();
  for (const article of articles) {
    const held = kept.get(article.path);
    if (
      held &&
      held.text === sha256(article.text) &&
      held.captures.every(([file, digest]) => captureDigest(file) === digest)
    ) {
      reusable.set(article.path, held.entry);
    }
  }
  return reusable;
}

/** Keeps `entries` (articles that passed their own check) in `file`, each with what it was checked from. */
export async function writeCheckedCache(
  file: string,
  code: string,
  entries: readonly PublishedEntry[],
  articles: readonly ArticleFile[],
): Promise<void> {
  const texts = new Map(articles.map((a) => [a.path, a.text]));
  const stored: [string, Kept][] = entries.flatMap((entry) => {
    const text = texts.get(entry.path);
    if (text === undefined) return [];
    const captures: [string, string][] = [
      [entry.capture.file, entry.data.capture.sha256],
      ...entry.recaptures.map((r): [string, string] => [r.file, r.sha256]),
    ];
    const kept: Kept = {
      text: sha256(text),
      captures,
      entry: { ...entry, versions: [] },
    };
    return [[entry.path, kept]];
  });
  // Written beside, then renamed: a build stopped meanwhile leaves the last whole file.
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.${process.pid}`, serialize({ form: FORM, code, articles: stored }));
  await rename(`${file}.${process.pid}`, file);
}
