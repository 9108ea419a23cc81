/**
 * sitemaps/<n>.xml: the n-th part of the sitemap, when the pages pass one
 * file's limits (sitemap.xml is then their index); none otherwise.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { sitemap, type SitemapPage } from "../../archive/browse/xml.ts";
import { sitemapFiles } from "../_sitemap-pages.ts";

export const getStaticPaths = (async () => {
  const parts = await sitemapFiles();
  if (parts.length < 2) return [];
  return parts.map((pages, i) => ({ params: { part: String(i + 1) }, props: { pages } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(sitemap((props as { pages: SitemapPage[] }).pages), {
    headers: { "Content-Type": "application/xml; charset=utf-8" },
  });
