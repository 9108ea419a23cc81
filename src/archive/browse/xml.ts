/** Small, pure writers for the archive's XML files (sitemap, Atom feed). */

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A sitemap (sitemaps.org 0.9) of the given page URLs and their last-changed days. */
export function sitemap(pages: readonly { url: string; lastmod?: string }[]): string {
  const entries = pages.map(
    (p) =>
      `  <url><loc>${escapeXml(p.url)}</loc>${p.lastmod ? `<lastmod>${p.lastmod}</lastmod>` : ""}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</urlset>\n`;
}

/** One entry of the Atom feed. */
export interface FeedEntry {
  /** A permanent IRI for the entry. */
  id: string;
  title: string;
  /** Link to the archived article. */
  link: string;
  /** When the archive copy was made (YYYY-MM-DD). */
  updated: string;
  /** One line about the entry. */
  summary: string;
}

/**
 * Atom dates need a time and a zone. Only the archive's own day is given so,
 * as the start of that day in UTC; the original's publication time has no
 * zone in the capture, so entries carry no <published> rather than invent one.
 */
const atomDate = (day: string): string => `${day.slice(0, 10)}T00:00:00Z`;

/** An Atom feed; `updated` is the newest archive day, never the build time. */
export function atomFeed(feed: {
  id: string;
  title: string;
  link: string;
  self: string;
  entries: readonly FeedEntry[];
}): string {
  const updated =
    feed.entries
      .map((e) => e.updated)
      .sort()
      .at(-1) ?? "1970-01-01";
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${escapeXml(e.id)}</id>
    <title>${escapeXml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>
    <updated>${atomDate(e.updated)}</updated>
    <summary>${escapeXml(e.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feed.id)}</id>
  <title>${escapeXml(feed.title)}</title>
  <link rel="alternate" type="text/html" href="${escapeXml(feed.link)}"/>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>
  <updated>${atomDate(updated)}</updated>
  <author><name>${escapeXml(feed.title)}</name></author>
${entries.join("\n")}
</feed>
`;
}
