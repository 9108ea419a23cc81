/**
 * The parts a built site is made of: one a year of publication, and the
 * shared pages. A year's part is every file only that year's articles
 * determine: their pages (every version, the change pages, the citation
 * files), their captures and capture pages, the year's listings, the year's
 * search parts and its WACZ package. Everything else spans years and is the
 * shared part: the front page, `/browse/`, the outlet listings, the feed and
 * sitemaps, the search directory, the service worker, `_headers`, the shared
 * package and the fixity manifest.
 *
 * A year built alone (its articles and captures as the whole content) gives
 * its part's files byte for byte as the whole archive's build does
 * (tests/e2e/parts.test.ts): the ground a build in parts stands on. Pure.
 */
import { partYear } from "../search/search-parts.ts";
import { PACKAGES_DIR, SHARED_PACKAGE, type PackagePlan } from "./packages.ts";

/** The part of the pages every year shares (the shared package's name). */
export const SHARED_PART = SHARED_PACKAGE;

/** A year as parts and packages name it. */
const YEAR = /^(\d{4}|undated)$/;

/**
 * The part a file of the built site belongs to, by its path relative to the
 * site root: a year ("2020") or SHARED_PART. A year's part is what its
 * package holds (`plan`), and the package itself.
 */
export function buildPartOf(path: string, plan: PackagePlan): string {
  const [top, name = ""] = path.split("/");
  if (top === PACKAGES_DIR) {
    const year = name.replace(/\.wacz$/, "");
    return YEAR.test(year) ? year : SHARED_PART;
  }
  return plan.packageOf(path);
}

/** What the parts need of an article version's content. */
export interface PartSource {
  /** The article's id (its version 1's). */
  article: string;
  /** The version's number. */
  version: number;
  /** The version's dateline in machine form ("2020-05-24T07:18"). */
  published: string;
  /** The version's Markdown file. */
  path: string;
  /** The capture files of the version and its recaptures. */
  captures: readonly string[];
}

/** The content one part is built from: its Markdown files and capture files, sorted. */
export interface ContentPart {
  articles: string[];
  captures: string[];
}

/**
 * The content of each year's part: every version of an article goes with
 * the article, in its first version's year (as its package does).
 */
export function contentParts(sources: readonly PartSource[]): Map<string, ContentPart> {
  const yearOf = new Map<string, string>();
  for (const s of sources) if (s.version === 1) yearOf.set(s.article, partYear(s.published));
  const parts = new Map<string, ContentPart>();
  for (const s of sources) {
    const year = yearOf.get(s.article) ?? partYear(s.published);
    const part = parts.get(year) ?? { articles: [], captures: [] };
    part.articles.push(s.path);
    part.captures.push(...s.captures);
    parts.set(year, part);
  }
  for (const part of parts.values()) {
    part.articles.sort();
    part.captures = [...new Set(part.captures)].sort();
  }
  return new Map([...parts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
