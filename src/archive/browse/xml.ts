/**
 * Small, pure writers for the archive's XML files (sitemap, sitemap index,
 * Atom feed). Every text they write goes through `escapeXml`.
 */

/**
 * The characters XML 1.0 cannot carry, even as character references: the C0
 * controls but tab, line feed and carriage return, U+FFFE, U+FFFF and lone
 * surrogates.
 */
// eslint-disable-next-line no-control-regex -- these control characters are what it finds
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

/** Escapes markup in text for HTML content and attribute values, every character kept. */
export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * Escapes text for XML content and attribute values. A character XML 1.0
 * cannot carry (`NOT_XML`, a control character in a headline, say) becomes
 * U+FFFD, the replacement character, so the file stays XML and says that a
 * character was there; the article's page shows it as captured.
 */
export function escapeXml(text: string): string {
  return escapeMarkup(text.replace(NOT_XML, "\uFFFD"));
}

/** A page a sitemap names: its URL and the day it last changed. */
export interface SitemapPage {
  url: string;
  lastmod?: string | undefined;
}

/** The sitemap protocol's limits for one file: 50,000 URLs and 50 MB (uncompressed). */
export const SITEMAP_LIMITS = { urls: 50_000, bytes: 50 * 1024 * 1024 } as const;

const SITEMAP_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
const SITEMAP_TAIL = "\n</urlset>\n";

/** One page's line in a sitemap. */
const urlLine = (p: SitemapPage): string =>
  `  <url><loc>${escapeXml(p.url)}</loc>${p.lastmod ? `<lastmod>${p.lastmod}</lastmod>` : ""}</url>`;

/** A sitemap (sitemaps.org 0.9) of the given page URLs and their last-changed days. */
export function sitemap(pages: readonly SitemapPage[]): string {
  return `${SITEMAP_HEAD}${pages.map(urlLine).join("\n")}${SITEMAP_TAIL}`;
}

/**
 * The pages split into sitemaps within the protocol's limits, in order: one
 * part while they fit in one file, else as many as they need.
 */
export function sitemapParts(
  pages: readonly SitemapPage[],
  limits: { urls: number; bytes: number } = SITEMAP_LIMITS,
): SitemapPage[][] {
  const parts: SitemapPage[][] = [[]];
  const overhead = new TextEncoder().encode(SITEMAP_HEAD + SITEMAP_TAIL).length;
  let bytes = overhead;
  for (const page of pages) {
    const size = new TextEncoder().encode(urlLine(page)).length + 1;
    const part = parts.at(-1) as SitemapPage[];
    if (part.length > 0 && (part.length >= limits.urls || bytes + size > limits.bytes)) {
      parts.push([page]);
      bytes = overhead + size;
    } else {
      part.push(page);
      bytes += size;
    }
  }
  return parts;
}

/** A sitemap index (sitemaps.org 0.9): the sitemaps' URLs, each with its newest page's day. */
export function sitemapIndex(sitemaps: readonly SitemapPage[]): string {
  const entries = sitemaps.map(
    (s) =>
      `  <sitemap><loc>${escapeXml(s.url)}</loc>${s.lastmod ? `<lastmod>${s.lastmod}</lastmod>` : ""}</sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</sitemapindex>\n`;
}

/** The newest last-changed day of some pages, if any says one. */
export const newestDay = (pages: readonly SitemapPage[]): string | undefined =>
  pages
    .map((p) => p.lastmod ?? "")
    .sort()
    .at(-1) || undefined;

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
