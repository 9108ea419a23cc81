/**
 * A rehype plugin that makes every body paragraph addressable: each top-level
 * <p> gets a stable id (p1, p2, …, in reading order) and a permalink beside
 * it. The permalink sits outside the <p>, so a paragraph's text (and what a
 * reader selects or copies from it) stays the capture's words only.
 */

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

const isParagraph = (node: Node): node is Element =>
  node.type === "element" && (node as Element).tagName === "p";

/** The id of the n-th paragraph (1-based). */
export const paragraphId = (n: number): string => `p${n}`;

/** Wraps each top-level paragraph with its id and permalink. */
export function addParagraphIds(tree: Root): void {
  let n = 0;
  tree.children = tree.children.map((node) => {
    if (!isParagraph(node)) return node;
    n++;
    const id = paragraphId(n);
    node.properties = { ...node.properties, id };
    const link: Element = {
      type: "element",
      tagName: "a",
      properties: {
        className: ["permalink"],
        href: `#${id}`,
        ariaLabel: `Link to paragraph ${n}`,
        dataPagefindIgnore: "",
      },
      children: [{ type: "text", value: "¶" }],
    };
    return {
      type: "element",
      tagName: "div",
      properties: { className: ["paragraph"] },
      children: [node, link],
    } satisfies Element;
  });
}

/** The rehype plugin. */
export default function rehypeParagraphs() {
  return (tree: Root): void => addParagraphIds(tree);
}
