import { describe, expect, it } from "vitest";
import type { BlockReading } from "../../src/archive/capture/layout.ts";
import { guardPage } from "../../src/archive/page/page-guard.ts";

const reading = (text: string, role: "paragraph" | "subheading" = "paragraph"): BlockReading => ({
  block: { index: 0, text, firstLine: 1, lastLine: 1 },
  role,
  rule: role,
});
const EXPECTED = {
  headline: "Head",
  publisher: "Pub",
  dateline: "Sunday, 24 May 2020 7:18 AM",
  body: [reading('One  "two"'), reading("Sub", "subheading"), reading("1. Three")],
};
const block = (tag: string, id: string, inner: string): string =>
  `<div class="block"><${tag} id="${id}">${inner}</${tag}><a class="permalink" href="#${id}">¶</a></div>`;
const page = (body: string, head = "Head"): string =>
  `<html><body><nav>menu</nav><article><header><h1 id="title">${head}</h1><p><span class="publisher">Pub</span> <time>Sunday, 24 May 2020 7:18 AM</time></p></header><div class="article-body">${body}</div></article></body></html>`;
const GOOD = [
  block("p", "p1", "One  &quot;two&quot;"),
  block("h2", "sub", "Sub"),
  block("p", "p2", "1. Three"),
];

describe("guardPage", () => {
  it("passes a page that shows exactly the capture's blocks", () => {
    expect(guardPage(page(GOOD.join("\n")), EXPECTED)).toEqual([]);
  });
  it("names a changed headline and a changed block with the first differing characters", () => {
    const changed = [GOOD[0], GOOD[1], block("p", "p2", "1. Thre")].join("");
    expect(guardPage(page(changed, "Head!"), EXPECTED)).toEqual([
      'headline: differs from the capture at character 5: the capture has "", the page "!"',
      'body block 3: differs from the capture at character 8: the capture has "e", the page ""',
    ]);
  });
  it("refuses a list, a quote, markup inside a block, a missing block and an extra one", () => {
    const list = [GOOD[0], GOOD[1], "<ol><li>Three</li></ol>"].join("");
    expect(guardPage(page(list), EXPECTED)).toEqual([
      "body block 3: is a <ol>, not a paragraph or subheading of the capture's text",
    ]);
    const emphasis = [block("p", "p1", "One  <em>two</em>"), GOOD[1], GOOD[2]].join("");
    expect(guardPage(page(emphasis), EXPECTED)[0]).toMatch(/^body block 1: holds a <em>/);
    const short = [GOOD[0], GOOD[1]].join("");
    expect(guardPage(page(short), EXPECTED)[0]).toMatch(/^body block 3: is missing from the page/);
    const long = [...GOOD, block("p", "p3", "More")].join("");
    expect(guardPage(page(long), EXPECTED)[0]).toMatch(/^body block 4: is not in the capture/);
  });
  it("asks for the capture's subheadings as headings and its paragraphs as paragraphs", () => {
    const swapped = [GOOD[0], block("p", "sub", "Sub"), GOOD[2]].join("");
    expect(guardPage(page(swapped), EXPECTED)).toEqual([
      "body block 2: is a <p>, but the capture's layout reads a subheading (<h2>)",
    ]);
  });
  it("asks for each block's id and ¶ link", () => {
    const bare = ['<div class="block"><p>One  "two"</p></div>', GOOD[1], GOOD[2]].join("");
    expect(guardPage(page(bare), EXPECTED)).toEqual(["body block 1: has no id and ¶ link"]);
  });
  it("compares whitespace exactly", () => {
    const squeezed = [block("p", "p1", 'One "two"'), GOOD[1], GOOD[2]].join("");
    expect(guardPage(page(squeezed), EXPECTED)[0]).toMatch(/^body block 1: differs/);
  });
  it("finds text added beside a block, between blocks or in the header", () => {
    const beside = [
      block("p", "p1", 'One  "two"').replace("</div>", "<span>extra</span></div>"),
      GOOD[1],
      GOOD[2],
    ];
    expect(guardPage(page(beside.join("")), EXPECTED)).toEqual([
      "body block 1: holds more than its text and its links",
    ]);
    const loose = [GOOD[0], "stray words", GOOD[1], GOOD[2]].join("");
    expect(guardPage(page(loose), EXPECTED)[0]).toMatch(/^body block 2: is loose text/);
    const header = page(GOOD.join("")).replace("</h1>", "</h1><p>Updated</p>");
    expect(guardPage(header, EXPECTED)).toEqual([
      "header: holds text besides the headline, publisher line and dateline",
    ]);
  });
  it("says when there is no article at all", () => {
    expect(guardPage("<html></html>", EXPECTED)).toEqual(["has no <article>"]);
  });
});
