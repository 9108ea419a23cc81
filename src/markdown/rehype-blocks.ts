/**
 * A rehype plugin that makes every block of an article addressable: each
 * top-level paragraph gets an id (p1, p2, … in reading order), each heading a
 * slug id, and each gets a ¶ permalink and an "in the capture" link beside it.
 * The links sit outside the <p> or <h2>, so a block's text (and what a reader
 * selects or copies from it) stays the capture's words only.
 */
import { blockIds } from "../archive/page/block-ids.ts";
import { ARCHIVE_LANGUAGE, sameLanguage } from "../archive/capture/script.ts";
import { captureBlockPath, pagePathOfCapture } from "../archive/paths.ts";

interface Text {
  type: "text";
  value: string;
}
interface Element {
  type: "element";
  tagName: string;
  properties: Record<string, unknown>;
  children: Node[];
}
type Node = Element | Text | { type: string; children?: Node[] };
interface Root {
  type: "root";
  children: Node[];
}
interface FileLike {
  data: { astro?: { frontmatter?: Record<string, unknown> } };
}

const isBlock = (node: Node): node is Element =>
  node.type === "element" && /^(p|h[1-6])$/.test((node as Element).tagName);

const textOf = (node: Node): string =>
  node.type === "text"
    ? (node as Text).value
    : ((node as Element).children ?? []).map(textOf).join("");

const link = (
  href: string,
  className: string,
  label: string,
  text: string,
  language: string | undefined,
): Element => ({
  type: "element",
  tagName: "a",
  properties: {
    className: [className],
    href,
    ariaLabel: label,
    ...(language ? { lang: language } : {}),
  },
  children: [{ type: "text", value: text }],
});

/**
 * Gives each top-level block its id and links. `capturePage` is the path of
 * the capture's own page, or undefined when the article names no capture;
 * `language` is the article's: in another than English, the links' English
 * names are marked as such, so a screen reader reads them in English.
 */
export function addBlockIds(tree: Root, capturePage?: string, language = ARCHIVE_LANGUAGE): void {
  const own = sameLanguage(language, ARCHIVE_LANGUAGE) ? undefined : ARCHIVE_LANGUAGE;
  const blocks = tree.children.filter(isBlock);
  const ids = blockIds(blocks.map((b) => ({ heading: b.tagName !== "p", text: textOf(b) })));
  let n = 0;
  tree.children = tree.children.map((node) => {
    if (!isBlock(node)) return node;
    const heading = node.tagName !== "p";
    const id = ids[blocks.indexOf(node)] ?? "";
    const what = heading ? `Section “${textOf(node)}”` : `Paragraph ${++n}`;
    node.properties = { ...node.properties, id };
    const links = [link(`#${id}`, "permalink", what, "¶", own)];
    if (capturePage) {
      links.push(
        link(
          captureBlockPath(capturePage, id),
          "in-capture",
          `${what} in the capture`,
          "in the capture",
          own,
        ),
      );
    }
    return {
      type: "element",
      tagName: "div",
      properties: { className: ["block"] },
      children: [node, ...links],
    } satisfies Element;
  });
}

/** Options: the site's base path, and whether capture pages exist to link to. */
export interface RehypeBlocksOptions {
  base?: string;
  captureLinks?: boolean;
}

/** The rehype plugin. */
export default function rehypeBlocks(options: RehypeBlocksOptions = {}) {
  return (tree: Root, file: FileLike): void => {
    const capture = file.data.astro?.frontmatter?.capture as { file?: unknown } | undefined;
    const page =
      options.captureLinks && typeof capture?.file === "string"
        ? pagePathOfCapture(options.base ?? "/", capture.file)
        : undefined;
    const language = file.data.astro?.frontmatter?.language;
    addBlockIds(tree, page, typeof language === "string" ? language : undefined);
  };
}
