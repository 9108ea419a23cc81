/**
 * The importer's Markdown, rendered through the very pipeline the site uses,
 * must give back the capture's text exactly, whatever characters it holds.
 */
import { readFileSync, readdirSync } from "node:fs";
import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import { describe, expect, it } from "vitest";
import { splitCapture } from "../../src/archive/capture/capture-text.ts";
import { readCapture } from "../../src/archive/capture/layout.ts";
import { articleBody, escapeMarkdown } from "../../src/archive/content/markdown.ts";
import { guardPage } from "../../src/archive/page/page-guard.ts";
import { markdownOptions } from "../../src/markdown/options.ts";

const processor = await createMarkdownProcessor({
  ...markdownOptions("/", true),
  syntaxHighlight: false,
});

/** The text content of the rendered Markdown, links beside the blocks left out. */
async function rendered(markdown: string): Promise<string> {
  const { code } = await processor.render(markdown, {
    frontmatter: { capture: { file: "x.txt" } },
  });
  return code;
}

const TRICKY = [
  "1. one",
  "2) two",
  "- dash",
  "* star",
  "+ plus",
  "> quote",
  "# hash",
  "#hashtag",
  "| a | b |\n|---|---|",
  "*emphasis* and _under_ and `code` and ~~x~~ and [1] and [text](https://example.org)",
  "<b>bold</b> &amp; &#39; &copy; \\ back\\slash and \\* escaped",
  "https://example.org/report?id=7&lang=en www.example.net press@example.org <https://example.com>",
  "mailto:a@b.c and HTTP://SHOUT.example",
  "two  spaces, five     spaces, a\ttab",
  "ends with spaces  \nthen a line",
  "first\n    indented four",
  "first\n===",
  "first\n---",
  "first\n***",
  "line ending in backslash\\\nnext",
  "“curly” ‘quotes’ – — … Ελληνικά Русский 中文 हिन्दी 📊 مرحبا",
  "![img](x.png) <!-- comment --> <script>alert(1)</script>",
  "[^1] footnote and [^1]: definition-like",
  "\u00a0leading no-break space",
  "a\u2028b",
];

describe("escapeMarkdown through the site's pipeline", () => {
  it.each(TRICKY)("renders %j as exactly that text", async (text) => {
    const html = await rendered(escapeMarkdown(text));
    const page = `<article><header><h1>h</h1><p><span class="publisher">p</span> <time>d</time></p></header><div class="article-body">${html}</div></article>`;
    const reading = {
      block: { index: 0, text, firstLine: 1, lastLine: 1 },
      role: "paragraph" as const,
      rule: "paragraph",
    };
    expect(
      guardPage(page, { headline: "h", publisher: "p", dateline: "d", body: [reading] }),
    ).toEqual([]);
  });
  it("renders a subheading as an h2 of exactly its text", async () => {
    const html = await rendered(`## ${escapeMarkdown("Lab #4 *funding* ##", true)}`);
    expect(html).toContain(">Lab #4 *funding* ##</h2>");
  });
});

describe("articleBody for the test captures", () => {
  const dir = new URL("../fixtures/import/captures/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));
  it.each(files)("renders %s block for block", async (file) => {
    const reading = readCapture(splitCapture(readFileSync(new URL(file, dir), "utf8")).blocks);
    if (!reading.ok) throw new Error(reading.problem);
    const html = await rendered(articleBody(reading.body));
    const page = `<article><header><h1>${reading.headline}</h1><p><span class="publisher">${reading.publisher}</span> <time>${reading.dateline}</time></p></header><div class="article-body">${html}</div></article>`;
    expect(guardPage(page, reading)).toEqual([]);
  });
});

describe("articleFile", () => {
  it("writes frontmatter that reads back exactly, control characters and line separators too", async () => {
    const { parseFrontmatter } = await import("@astrojs/markdown-remark");
    const { articleFile } = await import("../../src/archive/content/markdown.ts");
    const headline = 'A "quoted" \u007f\u0085\u0090 head\u2028line\ufeff: # not a comment';
    const text = articleFile(
      {
        headline,
        publisher: "P",
        publication: "P",
        dateline: "Sunday, 24 May 2020 7:18 AM",
        published: "2020-05-24T07:18",
        language: "en",
        archived: "2026-11-28",
        capture: { file: "x.txt", sha256: "0".repeat(64) },
      },
      [],
    );
    expect(parseFrontmatter(text).frontmatter.headline).toBe(headline);
  });
});
