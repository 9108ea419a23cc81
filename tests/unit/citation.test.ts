import { describe, expect, it } from "vitest";
import { cslItem } from "../../src/archive/citation/csl.ts";
import { formatCitations, toBibtex, toCslJson, toRis } from "../../src/citation/citation.ts";

const source = {
  id: "2020-05-24-libya",
  headline: "Libya's rebel commander urges forces to rally against Turkey",
  publication: "Press TV",
  published: "2020-05-24T07:18",
  language: "en",
  archived: "2026-11-25",
  archiveName: "News Article Archive",
};

describe("cslItem", () => {
  it("describes a newspaper article with no author and no invented URL", () => {
    const item = cslItem(source);
    expect(item).toMatchObject({
      type: "article-newspaper",
      title: source.headline,
      "container-title": "Press TV",
      issued: { "date-parts": [[2020, 5, 24]] },
      accessed: { "date-parts": [[2026, 11, 25]] },
    });
    expect(item).not.toHaveProperty("author");
    expect(item).not.toHaveProperty("URL");
    expect(cslItem({ ...source, url: "https://a.example/x/" }).URL).toBe("https://a.example/x/");
  });
});

describe("formatCitations", () => {
  const url = "https://a.example/articles/x/";
  const cites = formatCitations(cslItem({ ...source, url }));
  it("formats APA 7, MLA 9 and Chicago with the publication, date, archive date and URL", () => {
    expect(cites.apa.text).toContain("(2020, May 24). Press TV.");
    expect(cites.mla.text).toContain("Press TV, 24 May 2020");
    expect(cites.chicago.text).toContain("May 24, 2020");
    for (const c of Object.values(cites)) {
      expect(c.text).toContain("Libya");
      expect(c.text).toContain("archived 25 November 2026");
      expect(c.text).toContain(url);
      expect(c.html).not.toContain("csl-entry");
    }
  });
});

describe("exports", () => {
  const item = cslItem(source);
  it("writes BibTeX, RIS and CSL-JSON with the headline and the date", () => {
    expect(toBibtex(item)).toMatch(/^@article\{[^,]+,\n\tentrysubtype = \{newspaper\},/);
    expect(toBibtex(item)).toContain("date = {2020-05-24}");
    expect(toRis(item)).toContain("TY  - NEWS\r\n");
    expect(toRis(item)).toContain("PY  - 2020/05/24/\r\nDA  - 2020/05/24/\r\n");
    expect(JSON.parse(toCslJson(item))).toEqual([item]);
  });
});

describe("a headline's own characters", () => {
  const item = cslItem({
    ...source,
    id: "2020-05-24-analysts",
    headline: `"Crisis" in Gaza: 'Analysts' say <i>no</i> to <b>talks</b> & 100% of $5 #1 a_b {c} ~ ^ \\ end`,
  });
  it("are text in every style: a tag in it is no formatting", () => {
    const cites = formatCitations(item);
    for (const [style, cite] of Object.entries(cites)) {
      expect(cite.text, style).toMatch(
        /<i>no<\/i> to <b>talks<\/b> & 100% of \$5 #1 a_b \{c\} ~ \^ \\ end/i,
      );
      expect(cite.html, style).toContain("&lt;i");
      expect(cite.html, style).not.toMatch(/<(b|i)>(no|talks)/i);
    }
  });
  it("are LaTeX literals in the .bib file, in any script, under the article's id", () => {
    const bib = toBibtex(item);
    expect(bib).toMatch(/^@article\{20200524analysts,\n/);
    expect(bib).toContain(
      // Citation.js braces a capitalised word, so that biblatex keeps its case.
      "title = {\"{Crisis}\" in {Gaza}: '{Analysts}' say \\textless{}i\\textgreater{}no\\textless{}/i\\textgreater{} to \\textless{}b\\textgreater{}talks\\textless{}/b\\textgreater{} \\& 100\\% of \\$5 \\#1 a\\_b \\{c\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} end}",
    );
    for (const headline of ["افتتح معرض الكتاب", "警方已经展开调查", "Ελληνικά: Καλημέρα"]) {
      expect(toBibtex(cslItem({ ...source, headline }))).toContain(`title = {${headline}}`);
    }
  });
});

describe("toRis", () => {
  it("pads the access date, keeps the whole id and ends with the end tag and its space", () => {
    const ris = toRis(
      cslItem({ ...source, id: "2020-05-24-libya/versions/2", archived: "2026-01-05" }),
    );
    expect(ris).toContain("\r\nY2  - 2026/01/05/\r\n");
    expect(ris).toContain("\r\nID  - 2020-05-24-libya/versions/2\r\n");
    expect(ris.endsWith("\r\nER  - \r\n")).toBe(true);
  });
  it("keeps every long value on its tag's line", () => {
    const url = `https://a.example/${"x".repeat(150)}/`;
    const ris = toRis(cslItem({ ...source, url }));
    expect(ris).toContain(`UR  - ${url}\r\n`);
    for (const line of ris.trimEnd().split("\r\n")) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}-/);
  });
});

describe("citation text", () => {
  it("is what citeproc's own text format gives, read from its HTML", async () => {
    const { Cite } = await import("@citation-js/core");
    const { STYLES, formatCitations } = await import("../../src/citation/citation.ts");
    const item = cslItem({
      id: "x",
      headline: "Libya's rebel commander urges forces to rally against Turkey & co <b>",
      publication: "Press TV",
      published: "2020-05-24T07:18",
      language: "en",
      archived: "2026-11-25",
      archiveName: "News Article Archive",
      url: "https://archive.example/articles/x/",
    });
    const formatted = formatCitations(item);
    for (const style of STYLES) {
      const text = new Cite(item)
        .format("bibliography", { template: style.template, format: "text", lang: "en-US" })
        .trim();
      expect(formatted[style.key].text, style.key).toBe(text);
    }
  });
});

describe("prepareCitations", () => {
  // A worker that loads citeproc: a few seconds beside the browser tests.
  it(
    "formats next the item a page waits for, and goes on from there in order",
    { timeout: 30_000 },
    async () => {
      const { prepareCitations } = await import("../../src/node/citations.ts");
      const { citationKey } = await import("../../src/citation/format.ts");
      const items = new Map(
        Array.from({ length: 8 }, (_, i) => [
          `a${i}`,
          cslItem({ ...source, id: `a${i}`, headline: `Headline ${i}` }),
        ]),
      );
      const work = prepareCitations(items);
      const finished: string[] = [];
      const all = [...items.keys()].map((id) => work.ofArticle(id)?.then(() => finished.push(id)));
      // A page of the sixth article asks for its citations before any is formatted.
      const sixth = items.get("a5");
      if (!sixth) throw new Error("no sixth item");
      const waited = await work.citations.get(citationKey(sixth));
      await Promise.all(all);
      expect(waited?.styles.apa.text).toContain("Headline 5");
      expect(finished.indexOf("a5")).toBeLessThanOrEqual(1);
      expect(finished.indexOf("a6")).toBe(finished.indexOf("a5") + 1);
      expect(finished).toHaveLength(8);
    },
  );
});
