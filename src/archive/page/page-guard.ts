/**
 * The guard on what the reader sees: an article's built page compared with
 * its capture. The page's <article> must hold the capture's headline,
 * publisher line and dateline, then a body whose children are, in order,
 * exactly the capture's article blocks, each a <p> or <h2> of plain text with
 * its id and ¶ link, and nothing else. Text is compared exactly (the capture
 * with CRLF made LF and a leading BOM dropped); one line per difference.
 * Pure: given the page's HTML and the capture's reading, read as a browser
 * reads it (src/archive/page/html-text.ts).
 */
import { describeDifference } from "./difference.ts";
import { parseHtml, textContent, type HtmlElement, type HtmlNode } from "./html-text.ts";
import type { BlockReading } from "../capture/layout.ts";

/** What the page must show, from the capture's reading. */
export interface Expected {
  headline: string;
  publisher: string;
  dateline: string;
  body: readonly BlockReading[];
}

const isElement = (node: HtmlNode): node is HtmlElement => node.type === "element";

const classes = (node: HtmlElement): string[] => node.properties.className;

/** The first element (depth first) that passes `test`. */
function find(node: HtmlNode, test: (e: HtmlElement) => boolean): HtmlElement | undefined {
  if (isElement(node) && test(node)) return node;
  for (const child of "children" in node ? node.children : []) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

/** Where the page's text first differs from the capture's. */
const difference = (expected: string, actual: string): string =>
  describeDifference("the capture", expected, actual);

/** The article's <article> element only: the page around it is the archive's own. */
function articleFragment(html: string): string | null {
  const start = html.indexOf("<article");
  const end = html.lastIndexOf("</article>");
  return start < 0 || end < start ? null : html.slice(start, end + "</article>".length);
}

/** Whitespace between elements, and comments: nothing a reader sees. */
const ignorable = (node: HtmlNode): boolean =>
  node.type === "comment" || (node.type === "text" && /^[ \t\n\r\f]*$/.test(node.value));

/** The links the archive puts beside a block (outside its text). */
const LINKS = ["permalink", "in-capture"];

/**
 * What the <article> holds besides its body: its header, which must read
 * exactly headline, publisher line, a space and the dateline, and nothing else.
 */
function outsideBody(
  root: HtmlNode,
  body: HtmlElement,
  expected: Expected,
  fieldsRight: boolean,
): string[] {
  const article = find(root, (e) => e.tagName === "article");
  if (!article) return [];
  const parts = article.children.filter((c) => !ignorable(c));
  const header = parts.find((c) => isElement(c) && c.tagName === "header");
  const problems: string[] = [];
  if (parts.some((c) => c !== header && c !== body)) {
    problems.push("article: holds something besides its header and its body");
  }
  const want = `${expected.headline}${expected.publisher} ${expected.dateline}`;
  if (header && fieldsRight && textContent(header) !== want) {
    problems.push("header: holds text besides the headline, publisher line and dateline");
  }
  return problems;
}

/** Every way the page differs from what the capture says, one message each. */
export function guardPage(html: string, expected: Expected): string[] {
  const fragment = articleFragment(html);
  if (fragment === null) return ["has no <article>"];
  const root = parseHtml(fragment);
  const problems: string[] = [];
  const field = (name: string, node: HtmlElement | undefined, want: string): void => {
    if (!node) problems.push(`${name}: is missing from the page`);
    else if (textContent(node) !== want)
      problems.push(`${name}: ${difference(want, textContent(node))}`);
  };
  field(
    "headline",
    find(root, (e) => e.tagName === "h1"),
    expected.headline,
  );
  field(
    "publisher",
    find(root, (e) => classes(e).includes("publisher")),
    expected.publisher,
  );
  field(
    "dateline",
    find(root, (e) => e.tagName === "time"),
    expected.dateline,
  );

  const body = find(root, (e) => classes(e).includes("article-body"));
  if (!body) return [...problems, "body: is missing from the page"];
  // Extra header text is reported only when the fields themselves are right (else they say it).
  problems.push(...outsideBody(root, body, expected, problems.length === 0));
  const children = body.children.filter((c) => !ignorable(c));
  const count = Math.max(children.length, expected.body.length);
  for (let i = 0; i < count; i++) {
    const name = `body block ${i + 1}`;
    const want = expected.body[i];
    const child = children[i];
    if (!child) {
      problems.push(
        `${name}: is missing from the page (the capture has ${JSON.stringify(want?.block.text.slice(0, 40))}…)`,
      );
      continue;
    }
    const block = isElement(child) && classes(child).includes("block") ? child : undefined;
    const text = block?.children.find((c) => isElement(c) && /^(p|h2)$/.test(c.tagName)) as
      HtmlElement | undefined;
    if (!block || !text) {
      const what = isElement(child) ? `a <${child.tagName}>` : "loose text";
      problems.push(`${name}: is ${what}, not a paragraph or subheading of the capture's text`);
      continue;
    }
    const extra = block.children.filter(
      (c) =>
        !ignorable(c) &&
        c !== text &&
        !(isElement(c) && c.tagName === "a" && LINKS.some((l) => classes(c).includes(l))),
    );
    if (extra.length > 0) problems.push(`${name}: holds more than its text and its links`);
    const id = String(text.properties.id ?? "");
    const permalink = block.children.find(
      (c) => isElement(c) && classes(c).includes("permalink") && c.properties.href === `#${id}`,
    );
    if (!id || !permalink) problems.push(`${name}: has no id and ¶ link`);
    const markup = text.children.find(isElement);
    if (markup) {
      problems.push(
        `${name}: holds a <${markup.tagName}> the capture does not have (the text must be plain)`,
      );
      continue;
    }
    if (!want) {
      problems.push(
        `${name}: is not in the capture (${JSON.stringify(textContent(text).slice(0, 40))}…)`,
      );
      continue;
    }
    const tag = want.role === "subheading" ? "h2" : "p";
    if (text.tagName !== tag) {
      problems.push(
        `${name}: is a <${text.tagName}>, but the capture's layout reads a ${want.role} (<${tag}>)`,
      );
    }
    if (textContent(text) !== want.block.text)
      problems.push(`${name}: ${difference(want.block.text, textContent(text))}`);
  }
  return problems;
}
