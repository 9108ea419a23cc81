import { describe, expect, it } from "vitest";
import {
  MAX_QUERY_LENGTH,
  decodeEntities,
  excerptParts,
  markedWords,
  normaliseQuery,
  withHighlights,
} from "../../src/archive/search/excerpt.ts";

describe("excerptParts", () => {
  it("splits marked words from plain text", () => {
    expect(excerptParts("Mohamad <mark>Gnounou,</mark> a spokesman")).toEqual([
      { text: "Mohamad ", marked: false },
      { text: "Gnounou,", marked: true },
      { text: " a spokesman", marked: false },
    ]);
  });
  it("undoes Pagefind's escaping of < and >, keeps the text's own ampersands, and never keeps a tag", () => {
    expect(excerptParts("&lt;img src=x onerror=alert(1)&gt; <b>x</b> &amp; &#39;q&#x27;")).toEqual([
      { text: "<img src=x onerror=alert(1)> x &amp; &#39;q&#x27;", marked: false },
    ]);
  });
  it("keeps text after an unclosed mark", () => {
    expect(excerptParts("a <mark>b")).toEqual([{ text: "a b", marked: false }]);
  });
});

describe("decodeEntities", () => {
  it("decodes only what Pagefind escapes", () => {
    // Pagefind writes a page's "a < b & c" into an excerpt as "a &lt; b & c".
    expect(decodeEntities("a &lt; b & c &gt; d")).toBe("a < b & c > d");
    expect(decodeEntities("&bogus; &quot; &amp;lt;")).toBe("&bogus; &quot; &amp;lt;");
  });
});

describe("normaliseQuery", () => {
  it("trims and shortens", () => {
    expect(normaliseQuery("  Gnounou \n")).toBe("Gnounou");
    expect(normaliseQuery("a".repeat(5000))).toHaveLength(MAX_QUERY_LENGTH);
    expect(normaliseQuery("   ")).toBe("");
  });
});

describe("a result's highlight terms", () => {
  it("are the words its excerpts mark, as the page prints them, in place of Pagefind's", () => {
    const words = markedWords([
      "वैज्ञानिकों ने <mark>झिलमिलपतंग</mark> देखा",
      "<mark>Café,</mark> and <mark>झिलमिलपतंग।</mark> &lt;b&gt; <mark>“Libya's</mark> <mark>…</mark>",
    ]);
    expect(words).toEqual(["झिलमिलपतंग", "Café", "Libya's"]);
    const url = withHighlights(
      "/archive/articles/x/?highlight=%E0%A4%9D%E0%A4%B2#p3",
      words,
      "highlight",
    );
    expect(url.startsWith("/archive/articles/x/?")).toBe(true);
    expect(url.endsWith("#p3")).toBe(true);
    expect(new URL(url, "https://a.example").searchParams.getAll("highlight")).toEqual(words);
    expect(withHighlights("https://a.example/x/?highlight=q", ["Q"], "highlight")).toBe(
      "https://a.example/x/?highlight=Q",
    );
    // No marked word: Pagefind's terms stay.
    expect(withHighlights("/x/?highlight=q", [], "highlight")).toBe("/x/?highlight=q");
  });
});
