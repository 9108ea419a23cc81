/**
 * The text of HTML as a browser's textContent gives it: parsed by the HTML
 * standard's parser (hast-util-from-html, on parse5), tags dropped and
 * character references read. The guard and the citations both read text so.
 */
import { fromHtml } from "hast-util-from-html";

/** A node of the parsed tree, as far as text is concerned. */
export interface TextNode {
  type: string;
  value?: string;
  children?: TextNode[];
}

/** The text content of a parsed node (comments and doctypes give none). */
export function textContent(node: TextNode): string {
  if (node.type === "text") return node.value ?? "";
  if (node.type === "comment" || node.type === "doctype") return "";
  return (node.children ?? []).map(textContent).join("");
}

/** The text content of an HTML fragment. */
export function htmlText(html: string): string {
  return textContent(fromHtml(html, { fragment: true }) as TextNode);
}
