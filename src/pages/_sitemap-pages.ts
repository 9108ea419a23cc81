/**
 * Every page a sitemap names (front page, listings, article versions, capture
 * pages, change pages), absolute on SITE_URL (base-relative without it), in
 * the sitemaps' order: shared by sitemap.xml and, past one file's limits, the
 * sitemaps/<n>.xml it indexes. Not a route (its name starts with "_").
 */
import { getCollection } from "astro:content";
import { articleFacts } from "../archive/page/article.ts";
import { listedArticles } from "../archive/browse/listed.ts";
import { BROWSE, byMonth, byOutlet, byYear } from "../archive/browse/listing.ts";
import {
  browsePath,
  changesPath,
  monthPath,
  outletPath,
  pagePathOfCapture,
  siteUrl,
  withBase,
  yearPath,
} from "../archive/paths.ts";
import { sitemapParts, type SitemapPage } from "../archive/browse/xml.ts";
import { storedChanges } from "../integration/version-paths.ts";

/** A listing's pages: its first page's path, then /2/, /3/ … */
function listingPages(first: string, count: number): string[] {
  const pages = Math.max(1, Math.ceil(count / BROWSE.pageSize));
  return Array.from({ length: pages }, (_, i) => (i === 0 ? first : `${first}${i + 1}/`));
}

/** Every page, in order. */
async function sitemapPages(site: URL | undefined): Promise<SitemapPage[]> {
  const base = import.meta.env.BASE_URL;
  const articles = await getCollection("articles");
  const changes = await storedChanges();
  const items = listedArticles(articles);
  const listings = [
    browsePath(base),
    ...[...byYear(items)].flatMap(([year, inYear]) => [
      ...listingPages(yearPath(base, year), inYear.length),
      ...(inYear.length > BROWSE.monthsOver
        ? [...byMonth(inYear)].flatMap(([month, inMonth]) =>
            listingPages(monthPath(base, month), inMonth.length),
          )
        : []),
    ]),
    ...[...byOutlet(items)].flatMap(([outlet, of]) =>
      listingPages(outletPath(base, outlet), of.length),
    ),
  ];
  const pages = [
    { url: siteUrl(site, base) },
    ...listings.map((path) => ({ url: siteUrl(site, path) })),
    ...articles.map((a) => ({
      url: articleFacts(a.id, a.data, base, site).url,
      lastmod: a.data.archived,
    })),
    ...articles.flatMap((a) =>
      [a.data.capture, ...(a.data.recaptures ?? [])].map((c) => ({
        url: siteUrl(site, pagePathOfCapture(base, c.file)),
        lastmod: "archived" in c ? c.archived : a.data.archived,
      })),
    ),
    ...changes.map(({ data }) => ({
      url: siteUrl(site, changesPath(base, data.article, data.from.number, data.to.number)),
      lastmod: data.to.archived > data.from.archived ? data.to.archived : data.from.archived,
    })),
  ];
  return pages;
}

/** The site's address (SITE_URL), when set: routes' getStaticPaths are not given it. */
const configuredSite = (): URL | undefined =>
  import.meta.env.SITE ? new URL(import.meta.env.SITE) : undefined;

/** The pages split into sitemaps within the protocol's limits (one part while they fit). */
export async function sitemapFiles(): Promise<SitemapPage[][]> {
  return sitemapParts(await sitemapPages(configuredSite()));
}

/** The address of the n-th sitemap (1-based) under the index. */
export const sitemapPartUrl = (n: number): string =>
  siteUrl(configuredSite(), withBase(import.meta.env.BASE_URL, `sitemaps/${n}.xml`));
