import type { APIRoute } from "astro";
import { getCollection } from "astro:content";
import { articleFacts } from "../archive/page/article.ts";
import { listed } from "../archive/browse/listed.ts";
import { BROWSE, byMonth, byOutlet, byYear } from "../archive/browse/listing.ts";
import {
  browsePath,
  monthPath,
  outletPath,
  pagePathOfCapture,
  siteUrl,
  yearPath,
} from "../archive/paths.ts";
import { sitemap } from "../archive/browse/xml.ts";

/** A listing's pages: its first page's path, then /2/, /3/ … */
function listingPages(first: string, count: number): string[] {
  const pages = Math.max(1, Math.ceil(count / BROWSE.pageSize));
  return Array.from({ length: pages }, (_, i) => (i === 0 ? first : `${first}${i + 1}/`));
}

/** Every page (front page, listings, articles, capture pages), absolute on SITE_URL (base-relative without it). */
export const GET: APIRoute = async ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const articles = await getCollection("articles");
  const items = articles.map((a) => listed(a.id, a.data));
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
    ...articles.map((a) => ({
      url: siteUrl(site, pagePathOfCapture(base, a.data.capture.file)),
      lastmod: a.data.archived,
    })),
  ];
  return new Response(sitemap(pages), {
    headers: { "Content-Type": "application/xml; charset=utf-8" },
  });
};
