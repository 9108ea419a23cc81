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
  // Each tab is a run of its own; other runs are as long as their kind lasts.
  for (const [run] of body.matchAll(/\t|\u00a0+|[^\t\u00a0]+/g)) {
    runs.push({
      kind: run === "\t" ? "tab" : run.startsWith("\u00a0") ? "nbsp" : "text",
      text: run,
    });
  }
  for (const [run] of trailing.matchAll(/\t|[^\t]+/g)) {
    runs.push({ kind: run === "\t" ? "tab" : "trailing", text: run });
  }
  return runs;
}
