import type { APIRoute } from "astro";
import { getCollection } from "astro:content";
import { articleFacts } from "../archive/page/article.ts";
import { siteUrl, withBase } from "../archive/paths.ts";
import { SITE } from "../archive/site.ts";
import { sha256 } from "../archive/hash.ts";
import { feedEntries } from "../archive/browse/listing.ts";
import { listed } from "../archive/browse/listed.ts";
import { atomFeed } from "../archive/browse/xml.ts";

/**
 * The Atom feed: the newest archived articles and versions of articles
 * (newest archive day first; a capture that changed nothing gets no entry), a
 * fixed number whatever the archive's size. Entry ids are the raw captures'
 * SHA-256 (urn:sha256:…); the feed's id is the site's URL, or without
 * SITE_URL a name-based one that no build or import changes.
 */
export const GET: APIRoute = async ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const all = await getCollection("articles");
  const byId = new Map(all.map((a) => [a.id, a]));
  const articles = feedEntries(all.map((a) => listed(a.id, a.data))).flatMap((l) => {
    const article = byId.get(l.id);
    return article ? [article] : [];
  });
  const home = siteUrl(site, base);
  const entries = articles.map((a) => ({
    id: `urn:sha256:${a.data.capture.sha256}`,
    title: a.data.version > 1 ? `${a.data.headline} (version ${a.data.version})` : a.data.headline,
    link: articleFacts(a.id, a.data, base, site).url,
    updated: a.data.archived,
    summary: `${a.data.publisher}, ${a.data.dateline}. ${
      a.data.version > 1
        ? `Version ${a.data.version} of an article that changed, archived`
        : "Archived"
    } verbatim from a raw capture.`,
  }));
  const body = atomFeed({
    id: site ? home : `urn:sha256:${sha256(`${SITE.name} feed`)}`,
    title: SITE.name,
    link: home,
    self: siteUrl(site, withBase(base, "feed.xml")),
    entries,
  });
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
};
