/**
 * Pagefind excerpts are text with HTML entities and <mark> tags around the
 * matched words. The search UI never puts them into innerHTML: it splits them
 * into plain text and marked runs here and builds text nodes from those.
 */

/** A run of excerpt text, marked when it is a matched word. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/** Decodes the HTML entities Pagefind writes into excerpts. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) {
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    }
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Splits an excerpt into text and marked runs; any other tag is dropped. */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  const push = (raw: string, marked: boolean): void => {
    const text = decodeEntities(raw.replace(/<[^>]*>/g, ""));
    if (text !== "") parts.push({ text, marked });
  };
  let rest = excerpt;
  for (;;) {
    const open = rest.indexOf("<mark>");
    if (open < 0) break;
    const close = rest.indexOf("</mark>", open);
    if (close < 0) break;
    push(rest.slice(0, open), false);
    push(rest.slice(open + 6, close), true);
    rest = rest.slice(close + 7);
  }
  push(rest, false);
  return parts;
}

/** The longest query the search box sends; longer input is cut, not refused. */
export const MAX_QUERY_LENGTH = 200;

/** Trims and shortens a query typed by a reader. */
export function normaliseQuery(raw: string): string {
  return raw.trim().slice(0, MAX_QUERY_LENGTH).trim();
}
