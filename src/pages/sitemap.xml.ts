/**
 * sitemap.xml, the address robots.txt names: the sitemap of every page while
 * they fit in one file (50,000 URLs, 50 MB), else the index of the sitemaps
 * they are split into (sitemaps/<n>.xml).
 */
import type { APIRoute } from "astro";
import { newestDay, sitemap, sitemapIndex } from "../archive/browse/xml.ts";
import { sitemapFiles, sitemapPartUrl } from "./_sitemap-pages.ts";

export const GET: APIRoute = async () => {
  const parts = await sitemapFiles();
  const body =
    parts.length === 1
      ? sitemap(parts[0] ?? [])
      : sitemapIndex(
          parts.map((pages, i) => ({ url: sitemapPartUrl(i + 1), lastmod: newestDay(pages) })),
        );
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
};
