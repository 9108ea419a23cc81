/**
 * Which WACZ package each built file goes in: one package a year of
 * publication, holding its articles' pages (every version, the change pages,
 * the citation files), their captures, the year's listing and its search
 * parts, and one for the pages every year shares (front page, outlet
 * listings, the search directory, scripts, feed). Each is dated by its own
 * newest archive day, so a new capture changes only its year's package and
 * the shared one, and a year's package holds nothing a later year changes.
 * Pure: given the articles.
 */
import type { PublishedEntry } from "../content/content-check.ts";
import { partFolderYear, PARTS_DIR } from "../search/search-parts.ts";
import { SEARCH_DIR } from "../site.ts";

/** The packages' folder, at the site root. */
export const PACKAGES_DIR = "packages";

/** The package of the pages every year shares. */
export const SHARED_PACKAGE = "shared";

/** A package's file, relative to the site root: "packages/2020.wacz". */
export const packageFile = (name: string): string => `${PACKAGES_DIR}/${name}.wacz`;

/** What the plan needs of one article. */
export interface PackagedArticle {
  /** The article's id (its folder under articles/). */
  article: string;
  /** Its year of publication: version 1's dateline's. */
  year: string;
  /** Every capture file of its versions and recaptures. */
  captures: readonly string[];
  /** Every archive day of its versions and recaptures. */
  archived: readonly string[];
}

/** Where each built file is packed, and each package's day. */
export interface PackagePlan {
  /** The package (a year, or SHARED_PACKAGE) a built file, relative to the site root, goes in. */
  packageOf(path: string): string;
  /** Each package's newest archive day, the shared package's the newest of all. */
  days: ReadonlyMap<string, string>;
}

/**
 * What the plan needs of the entries: each article in its year of publication
 * (version 1's dateline), with every capture and archive day of its versions.
 */
export function packagedArticles(entries: readonly PublishedEntry[]): PackagedArticle[] {
  const articles = new Map<string, PackagedArticle & { captures: string[]; archived: string[] }>();
  for (const e of entries) {
    const article = articles.get(e.article) ?? {
      article: e.article,
      year: "",
      captures: [],
      archived: [],
    };
    if (e.version === 1) article.year = e.data.published.slice(0, 4);
    article.captures.push(e.capture.file, ...e.recaptures.map((r) => r.file));
    article.archived.push(e.data.archived, ...e.recaptures.map((r) => r.archived));
    articles.set(e.article, article);
  }
  return [...articles.values()];
}

const newest = (days: Iterable<string>): string => [...days].sort().at(-1) ?? "1970-01-01";

/** The plan for the articles of a build. */
export function packagePlan(articles: readonly PackagedArticle[]): PackagePlan {
  const yearOfArticle = new Map(articles.map((a) => [a.article, a.year]));
  const yearOfCapture = new Map(
    articles.flatMap((a) =>
      a.captures.map((file) => [file.replace(/\.txt$/, ""), a.year] as const),
    ),
  );
  const byYear = new Map<string, string[]>();
  for (const a of articles) byYear.set(a.year, [...(byYear.get(a.year) ?? []), ...a.archived]);
  const days = new Map([...byYear].sort().map(([year, list]) => [year, newest(list)]));
  days.set(SHARED_PACKAGE, newest(articles.flatMap((a) => a.archived)));
  return {
    days,
    packageOf(path) {
      const [folder, name = "", part = ""] = path.split("/");
      const year =
        folder === "articles"
          ? yearOfArticle.get(name)
          : folder === "captures"
            ? yearOfCapture.get(name.replace(/\.txt$/, ""))
            : folder === "years"
              ? name
              : folder === SEARCH_DIR && name === PARTS_DIR
                ? partFolderYear(part)
                : undefined;
      // A year the plan has no article of (a listing of no year's) is shared.
      return year !== undefined && byYear.has(year) ? year : SHARED_PACKAGE;
    },
  };
}
