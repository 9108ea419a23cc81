/**
 * Browsing the archive: which articles each listing shows, in what order,
 * and how listings are split into pages, so that every page stays small
 * however many captures the archive holds. Pure: given the articles' facts.
 */
import { slug } from "github-slugger";
import { MONTHS } from "../capture/dateline.ts";

/** The sizes of the archive's lists. */
export const BROWSE = {
  /** Newest articles on the front page. */
  front: 20,
  /** Articles per listing page. */
  pageSize: 50,
  /** A year with more articles than this is also listed month by month. */
  monthsOver: 200,
  /** Entries in the Atom feed. */
  feed: 50,
} as const;

/** What a listing needs of an article. */
export interface Listed {
  id: string;
  headline: string;
  publisher: string;
  publication: string;
  /** Local date-time "YYYY-MM-DDTHH:MM". */
  published: string;
  /** The archive day "YYYY-MM-DD". */
  archived: string;
  /** How many versions of it the archive holds (more than 1: it changed). */
  versions: number;
  /** Its language (BCP 47): its headline is marked in it, in any list. */
  language: string;
}

/** Newest publication first; ties by id, so every build lists alike. */
export const newestFirst = (a: Listed, b: Listed): number =>
  b.published.localeCompare(a.published) || a.id.localeCompare(b.id);

/** The URL segment of an outlet (its publication name). */
export const outletSlug = (publication: string): string => slug(publication) || "outlet";

/** Groups articles by a key, each group newest first, groups in key order. */
function groupBy<T extends Listed>(
  items: readonly T[],
  key: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  for (const list of groups.values()) list.sort(newestFirst);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/** Articles by year of publication ("2020"). */
export const byYear = <T extends Listed>(items: readonly T[]): Map<string, T[]> =>
  groupBy(items, (a) => a.published.slice(0, 4));

/** Articles by month of publication ("2020-05"). */
export const byMonth = <T extends Listed>(items: readonly T[]): Map<string, T[]> =>
  groupBy(items, (a) => a.published.slice(0, 7));

/** Articles by outlet slug. */
export const byOutlet = <T extends Listed>(items: readonly T[]): Map<string, T[]> =>
  groupBy(items, (a) => outletSlug(a.publication));

/** The feed's entries: newest archive day first, then newest publication. */
export function feedEntries<T extends Listed>(items: readonly T[]): T[] {
  return [...items]
    .sort((a, b) => b.archived.localeCompare(a.archived) || newestFirst(a, b))
    .slice(0, BROWSE.feed);
}

/** "May 2020" for "2020-05". */
export const monthName = (month: string): string =>
  `${MONTHS[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;

/** "1 article", "2,000 articles". */
export const articleCount = (n: number): string =>
  n === 1 ? "1 article" : `${n.toLocaleString("en")} articles`;
