/** The bench's tables: figures in, rows of text out. */
import { KB } from "./budgets.ts";
import type { Scores } from "./lighthouse.ts";
import type { PageLoad } from "./page-load.ts";
import { median, type SearchFigures } from "./search.ts";

type Row = (string | number)[];

/** Bytes as "1.2 KB". */
export const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;

/** Rows as aligned columns of text. */
export function table(rows: Row[]): string {
  const widths =
    rows[0]?.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => String(cell).padEnd(widths[c] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The first-load table: one row per page. */
export function loadRows(loads: Record<string, PageLoad>): Row[] {
  const rows: Row[] = [
    [
      "first load",
      "requests",
      "transferred",
      "html",
      "css",
      "js",
      "font",
      "image",
      "inline script",
      "after load",
    ],
  ];
  for (const [name, l] of Object.entries(loads)) {
    rows.push([
      name,
      l.requests,
      kb(l.transferred),
      kb(l.kinds.html),
      kb(l.kinds.css),
      kb(l.kinds.js),
      kb(l.kinds.font),
      kb(l.kinds.image),
      `${l.inlineScript} B`,
      `${l.afterLoad.requests} req, ${kb(l.afterLoad.transferred)}`,
    ]);
  }
  return rows;
}

/** The search table: cold and warm, medians and every run. */
export function searchRows(search: SearchFigures, runs: number): Row[] {
  const row = (label: string, list: SearchFigures["cold"]): Row => [
    label,
    Math.round(median(list.map((r) => r.ms))),
    kb(median(list.map((r) => r.bytes))),
    median(list.map((r) => r.requests)),
    list.map((r) => Math.round(r.ms)).join(" "),
  ];
  return [
    [`search (median of ${runs})`, "ms to the answer", "fetched", "requests", "runs (ms)"],
    row("cold: Gnounou", search.cold),
    row("warm: Erdogan", search.warm),
  ];
}

/** The Lighthouse table: one row per page. */
export function lighthouseRows(urls: Record<string, string>, scores: Map<string, Scores>): Row[] {
  const rows: Row[] = [
    ["lighthouse (mobile)", "performance", "accessibility", "best practices", "seo"],
  ];
  for (const [name, url] of Object.entries(urls)) {
    const s = scores.get(url);
    if (s) rows.push([name, s.performance, s.accessibility, s["best-practices"], s.seo]);
  }
  return rows;
}
