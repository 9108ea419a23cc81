/**
 * Pagefind excerpts are the page's text with `<` and `>` escaped (as `&lt;`
 * and `&gt;`, and nothing else: a `&` stays as it is) and <mark> tags around
 * the matched words. The search UI never puts them into innerHTML: it splits
 * them into plain text and marked runs here and builds text nodes from those.
 */

/** A run of excerpt text, marked when it is a matched word. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

/**
 * Undoes Pagefind's escaping: `&lt;` and `&gt;` only. Any other entity-like
 * text ("&amp;", "&#39;") is the page's own text, as a capture may hold it,
 * and is shown as it is. A capture's literal "&lt;" reads as "<" in an
 * excerpt (Pagefind's escaping cannot tell them apart); the page shows it right.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt);/g, (_whole, name: string) => (name === "lt" ? "<" : ">"));
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

/**
 * The words an excerpt marks, each once, as the page prints them, without the
 * punctuation Pagefind marks with a word ("Gnounou," gives "Gnounou").
 */
export function markedWords(excerpts: readonly string[]): string[] {
  const words = excerpts.flatMap((e) =>
    excerptParts(e)
      .filter((p) => p.marked)
      .map((p) => p.text.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, "")),
  );
  return [...new Set(words.filter((word) => word !== ""))];
}

/**
 * A result's address with `words` as its highlight terms (`param`, one each),
 * in place of Pagefind's: Pagefind gives its index's forms of the query's
 * words, lower-cased and without diacritics ("झलमलपतग" for "झिलमिलपतंग"), which
 * the page's highlighting finds only where the page has them so. The words
 * its excerpts mark are the page's own. Without any, the address is kept.
 */
export function withHighlights(url: string, words: readonly string[], param: string): string {
  if (words.length === 0) return url;
  const origin = "https://host.invalid";
  const parsed = new URL(url, origin);
  parsed.searchParams.delete(param);
  for (const word of words) parsed.searchParams.append(param, word);
  // Pagefind's addresses are the site's paths ("/archive/articles/x/?highlight=…#p3").
  return parsed.origin === origin
    ? `${parsed.pathname}${parsed.search}${parsed.hash}`
    : parsed.href;
}
