import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import {
  atomFeed,
  escapeMarkup,
  escapeXml,
  newestDay,
  sitemap,
  sitemapIndex,
  sitemapParts,
  SITEMAP_LIMITS,
} from "../../src/archive/browse/xml.ts";

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false }).parse(xml);

describe("xml writers", () => {
  it("escapes markup", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;",
    );
  });
  it("writes U+FFFD for each character XML 1.0 cannot carry, in every XML it writes", () => {
    // XML 1.0's Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
    const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
    const bad = "a\u0000b\u0008c\u000Bd\u000Ce\u001Bf\u001Fg\uFFFEh\uFFFFi\uD800j\uDFFFk";
    const kept = "\t\n\r \u007F \u0085 \u{1F600} é";
    const shown = "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDi\uFFFDj\uFFFDk";
    expect(escapeXml(bad + kept)).toBe(shown + kept);
    const feed = atomFeed({
      id: "urn:x",
      title: "T",
      link: "/",
      self: "/feed.xml",
      entries: [
        {
          id: "urn:sha256:1",
          title: `A\u001B headline`,
          link: "/a/",
          updated: "2026-11-25",
          summary: bad,
        },
      ],
    });
    const map = sitemap([{ url: `https://a.example/${bad}` }]);
    const index = sitemapIndex([{ url: `https://a.example/${bad}.xml` }]);
    for (const xml of [feed, map, index]) {
      expect(xml).not.toMatch(notXml);
      expect(() => parse(xml)).not.toThrow();
    }
    expect(parse(feed).feed.entry.title).toBe("A\uFFFD headline");
  });
  it("leaves every character of the text to HTML's escape", () => {
    expect(escapeMarkup("a\u001B<b>")).toBe("a\u001B&lt;b&gt;");
  });
  it("writes a sitemap that parses", () => {
    const doc = parse(sitemap([{ url: "https://a.example/?a=1&b=2", lastmod: "2026-11-25" }]));
    expect(doc.urlset.url).toEqual({ loc: "https://a.example/?a=1&b=2", lastmod: "2026-11-25" });
  });
  it("writes an Atom feed dated by the archive day, with no invented publication time", () => {
    const xml = atomFeed({
      id: "urn:x",
      title: "T",
      link: "/",
      self: "/feed.xml",
      entries: [
        { id: "urn:sha256:1", title: "It's <b>", link: "/a/", updated: "2026-11-25", summary: "s" },
      ],
    });
    const feed = parse(xml).feed;
    expect(feed.updated).toBe("2026-11-25T00:00:00Z");
    expect(feed.entry.title).toBe("It's <b>");
    expect(xml).not.toContain("<published>");
  });
});

describe("sitemaps past one file's limits", () => {
  const pages = Array.from({ length: 7 }, (_, i) => ({
    url: `https://a.example/articles/${i}/`,
    lastmod: `2026-11-2${i}`,
  }));

  it("keep one part while the pages fit, and split by count and by bytes", () => {
    expect(sitemapParts(pages)).toEqual([pages]);
    expect(sitemapParts(pages, { urls: 3, bytes: 1e9 }).map((p) => p.length)).toEqual([3, 3, 1]);
    const line = new TextEncoder().encode(sitemap([pages[0] as (typeof pages)[0]])).length;
    // Room for two pages a file, by bytes.
    const parts = sitemapParts(pages, { urls: 100, bytes: line + 100 });
    expect(parts.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    for (const part of parts) {
      expect(new TextEncoder().encode(sitemap(part)).length).toBeLessThanOrEqual(line + 100);
    }
  });

  it("index the parts with their newest day", () => {
    const doc = parse(
      sitemapIndex([{ url: "https://a.example/sitemaps/1.xml", lastmod: newestDay(pages) }]),
    );
    expect(doc.sitemapindex.sitemap).toEqual({
      loc: "https://a.example/sitemaps/1.xml",
      lastmod: "2026-11-26",
    });
    expect(SITEMAP_LIMITS).toEqual({ urls: 50_000, bytes: 50 * 1024 * 1024 });
  });
});
