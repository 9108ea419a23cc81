import type { APIRoute } from "astro";
import { getCollection } from "astro:content";
import { articleFacts } from "../lib/article";
import { siteUrl } from "../lib/paths";
import { sitemap } from "../lib/xml";

/** Every page, absolute on SITE_URL (base-relative without it). */
export const GET: APIRoute = async ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const articles = await getCollection("articles");
  const pages = [
    { url: siteUrl(site, base) },
    ...articles.map((a) => ({
      url: articleFacts(a.id, a.data, base, site).url,
      lastmod: a.data.archived,
    })),
  ];
  return new Response(sitemap(pages), {
    headers: { "Content-Type": "application/xml; charset=utf-8" },
  });
};
