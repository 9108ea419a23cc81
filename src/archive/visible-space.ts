/**
 * A capture line cut into runs so that a page can make tabs, no-break spaces
 * and trailing spaces visible (with styles and generated marks) while the
 * text itself, and what a reader copies, stays exactly the line.
 */

/** A run of a line: plain text, or whitespace a reader could not otherwise see. */
export interface Run {
  kind: "text" | "tab" | "nbsp" | "trailing";
  text: string;
}

/** The line's runs, in order; joined, their texts are the line. */
export function visibleRuns(line: string): Run[] {
  const trailing = /[ \t\u00a0]+$/.exec(line)?.[0] ?? "";
  const body = line.slice(0, line.length - trailing.length);
  const runs: Run[] = [];
  const push = (kind: Run["kind"], text: string): void => {
    const last = runs.at(-1);
    if (last && last.kind === kind && kind !== "tab") last.text += text;
    else runs.push({ kind, text });
  };
  for (const char of body) push(char === "\t" ? "tab" : char === "\u00a0" ? "nbsp" : "text", char);
  for (const char of trailing) push(char === "\t" ? "tab" : "trailing", char);
  return runs;
}
