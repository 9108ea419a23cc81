import type { APIRoute } from "astro";
import { getCollection } from "astro:content";
import { articleFacts } from "../lib/article";
import { siteUrl, withBase } from "../lib/paths";
import { SITE } from "../lib/site";
import { atomFeed } from "../lib/xml";

/**
 * The Atom feed of archived articles. Entry ids are the raw captures'
 * SHA-256 (urn:sha256:…), permanent whatever the site's address.
 */
export const GET: APIRoute = async ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const articles = (await getCollection("articles")).sort((a, b) => a.id.localeCompare(b.id));
  const home = siteUrl(site, base);
  const entries = articles.map((a) => ({
    id: `urn:sha256:${a.data.capture.sha256}`,
    title: a.data.headline,
    link: articleFacts(a.id, a.data, base, site).url,
    updated: a.data.archived,
    summary: `${a.data.publisher}, ${a.data.dateline}. Archived verbatim from a raw capture.`,
  }));
  const body = atomFeed({
    id: site ? home : `urn:sha256:${articles.map((a) => a.data.capture.sha256).join("")}`,
    title: SITE.name,
    link: home,
    self: siteUrl(site, withBase(base, "feed.xml")),
    entries,
  });
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
};
