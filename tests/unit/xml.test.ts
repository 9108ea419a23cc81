import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { atomFeed, escapeXml, sitemap } from "../../src/archive/browse/xml.ts";

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false }).parse(xml);

describe("xml writers", () => {
  it("escapes markup", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;",
    );
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
