/**
 * HTML read as a browser reads it: parsed by parse5, the HTML standard's
 * parser, into a small tree of elements (with their classes, id and href),
 * text and the rest by kind; and its text as the DOM's textContent gives it,
 * tags dropped and character references read. The guard and the citations
 * both read HTML so.
 */
import { parseFragment, type DefaultTreeAdapterTypes as Parse5 } from "parse5";

/** An element, with the attributes the archive reads of it. */
export interface HtmlElement {
  type: "element";
  tagName: string;
  properties: { className: string[]; id?: string; href?: string };
  children: HtmlNode[];
}

/** A node of a parsed fragment. */
export type HtmlNode =
  | HtmlElement
  | { type: "text"; value: string }
  | { type: "comment" | "doctype" }
  | { type: "root"; children: HtmlNode[] };

/** HTML's whitespace, which separates an attribute's classes. */
const SPACES = /[ \t\n\f\r]+/;

/** parse5's node as an HtmlNode (a <template>'s content is not among its children, as in the DOM). */
function fromParse5(node: Parse5.Node): HtmlNode {
  if (node.nodeName === "#text") return { type: "text", value: (node as Parse5.TextNode).value };
  if (node.nodeName === "#comment") return { type: "comment" };
  if (node.nodeName === "#documentType") return { type: "doctype" };
  const children = ((node as Parse5.ParentNode).childNodes ?? []).map(fromParse5);
  if (!("tagName" in node)) return { type: "root", children };
  const properties: HtmlElement["properties"] = { className: [] };
  for (const { name, value } of node.attrs) {
    if (name === "class") properties.className = value.split(SPACES).filter(Boolean);
    else if (name === "id" || name === "href") properties[name] = value;
  }
  return { type: "element", tagName: node.tagName, properties, children };
}

/** An HTML fragment, parsed as the body of a <template> would be. */
export const parseHtml = (html: string): HtmlNode => fromParse5(parseFragment(html));

/** The text content of a parsed node (comments and doctypes give none). */
export function textContent(node: HtmlNode): string {
  if (node.type === "text") return node.value;
  if (!("children" in node)) return "";
  return node.children.map(textContent).join("");
}

/** The text content of an HTML fragment. */
export function htmlText(html: string): string {
  return textContent(parseHtml(html));
}
