/**
 * A remark plugin for hostile captures: whatever Markdown would turn into
 * live markup or a request leaving the site is shown as its literal source
 * text instead. That covers raw HTML (<script>, <iframe>, <img onerror>,
 * inline event handlers), images (remote fetches) and links whose URL is not
 * http(s), mailto or site-relative (javascript:, data:, vbscript: …).
 * Showing the source, rather than stripping it, keeps the page's text the
 * capture's text: nothing the capture says is hidden from the reader.
 *
 * It also undoes GFM's literal autolinks: remark-gfm turns a bare URL, "www."
 * address or e-mail address in the text into a link even when every character
 * is escaped, and a capture's text gets no link it does not have.
 */

interface Position {
  start: { offset?: number | undefined };
  end: { offset?: number | undefined };
}
interface MdNode {
  type: string;
  value?: string | undefined;
  url?: string | undefined;
  position?: Position | undefined;
  children?: MdNode[] | undefined;
}
interface VFileLike {
  value: unknown;
}

/** URL schemes a link may keep; anything else is shown as text. */
const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/)|\.{1,2}\/|[^:/?#]+(?:[/?#]|$))/i;

/** True when a link URL is safe to keep as a link. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and spaces in a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  const trimmed = url.replace(/[\u0000-\u0020]/g, "");
  return SAFE_URL.test(trimmed);
}

/** The literal Markdown source of a node. */
function sourceOf(node: MdNode, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return node.value ?? "";
  return source.slice(start, end);
}

/** Rewrites the tree in place; exported for tests. */
export function literalise(tree: MdNode, source: string): void {
  const visit = (node: MdNode): void => {
    if (!node.children) return;
    const inBlocks = node.type === "root" || node.type === "blockquote" || node.type === "listItem";
    node.children = node.children.map((child) => {
      const unsafeLink =
        (child.type === "link" || child.type === "definition") && !isSafeUrl(child.url ?? "");
      // A literal autolink: no brackets in its source (or no source, when a transform made it).
      if (child.type === "link" && !/^[[<]/.test(sourceOf(child, source))) {
        return { type: "text", value: (child.children ?? []).map((c) => c.value ?? "").join("") };
      }
      if (
        child.type === "html" ||
        child.type === "image" ||
        child.type === "imageReference" ||
        unsafeLink
      ) {
        const text = { type: "text", value: sourceOf(child, source) };
        // A block of HTML (or a link definition) becomes a paragraph of its source text.
        return inBlocks ? { type: "paragraph", children: [text] } : text;
      }
      visit(child);
      return child;
    });
  };
  visit(tree);
}

/** The remark plugin. */
export default function remarkLiteral() {
  return (tree: MdNode, file: VFileLike): void => literalise(tree, String(file.value));
}
