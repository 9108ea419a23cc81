import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import remarkLiteral, { isSafeUrl } from "../../src/markdown/remark-literal.ts";

const render = async (md: string): Promise<string> =>
  String(
    await unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkLiteral)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeStringify, { allowDangerousHtml: true })
      .process(md),
  );

describe("remarkLiteral", () => {
  it("shows raw HTML as text", async () => {
    const html = await render('Hi <img src=x onerror="alert(1)"> and\n\n<script>alert(1)</script>');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('&#x3C;img src=x onerror="alert(1)">');
    expect(html).toContain("&#x3C;script>alert(1)&#x3C;/script>");
  });
  it("shows javascript: links and images as their source, keeps safe links", async () => {
    const html = await render(
      "[a](javascript:alert(1)) ![i](https://evil.example/x.png) [b](https://ok.example/) [c](#p1)",
    );
    expect(html).toContain("[a](javascript:alert(1))");
    expect(html).toContain("![i](https://evil.example/x.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain('<a href="https://ok.example/">b</a>');
    expect(html).toContain('<a href="#p1">c</a>');
  });
  it("turns GFM's literal autolinks back into the text they were", async () => {
    const html = await render("See https://a.example/x?y=1, www.b.example and c@d.example.");
    expect(html).toBe("<p>See https://a.example/x?y=1, www.b.example and c@d.example.</p>");
    const escaped = await render(
      "See https\\://a.example/x and www\\.b.example and c\\@d.example.",
    );
    expect(escaped).toBe("<p>See https://a.example/x and www.b.example and c@d.example.</p>");
  });
  it("judges URLs", () => {
    for (const ok of ["https://a", "http://a", "mailto:x@y", "#x", "/a", "./a", "a/b", "a"]) {
      expect(isSafeUrl(ok), ok).toBe(true);
    }
    for (const bad of [
      "javascript:alert(1)",
      " JaVa\tScRiPt:x",
      "data:text/html,x",
      "vbscript:x",
      "//evil.example",
    ]) {
      expect(isSafeUrl(bad), bad).toBe(false);
    }
  });
});
