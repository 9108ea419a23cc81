/**
 * remark-rehype's handler for text nodes, keeping the text as it is. The
 * default handler trims spaces and tabs around every line break inside a
 * paragraph; a capture's line that ends in spaces would lose them.
 */
interface TextNode {
  type: "text";
  value: string;
  position?: unknown;
}
interface State {
  patch: (from: unknown, to: unknown) => void;
  applyData: (from: unknown, to: unknown) => unknown;
}

/** Text, unchanged. */
export function verbatimText(state: State, node: TextNode): unknown {
  const result = { type: "text", value: node.value };
  state.patch(node, result);
  return state.applyData(node, result);
}
