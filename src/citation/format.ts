/**
 * Citations of an archived article: its CSL-JSON item formatted by
 * Citation.js (citeproc-js) into APA 7, MLA 9 and Chicago notes-bibliography,
 * and exported as BibLaTeX, RIS and CSL-JSON. Plain Node: the caller
 * registers the styles' CSL (useStyles) before formatting; Vite code does it
 * through citation.ts, the build's citation worker from the files.
 */
import { Cite, plugins } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-csl";
import "@citation-js/plugin-ris";
import { htmlText } from "../archive/page/html-text.ts";
import type { CslItem } from "../archive/citation/csl.ts";

export type { CslItem };

/**
 * The citation styles the archive offers, in the order it shows them; each
 * template's CSL file is styles/<template>.csl.
 */
export const STYLES = [
  { key: "apa", label: "APA 7", template: "apa" },
  { key: "mla", label: "MLA 9", template: "modern-language-association" },
  {
    key: "chicago",
    label: "Chicago (notes-bibliography)",
    template: "chicago-note-bibliography",
  },
] as const;

export type StyleKey = (typeof STYLES)[number]["key"];

/** Registers the styles' CSL (given by template name) with citeproc, once. */
export function useStyles(xml: Record<(typeof STYLES)[number]["template"], string>): void {
  const csl = plugins.config.get("@csl");
  for (const style of STYLES) {
    if (!csl.styles.has(style.template)) csl.styles.add(style.template, xml[style.template]);
  }
}

/** One formatted citation: plain text and citeproc's HTML (text escaped by citeproc). */
export interface Formatted {
  text: string;
  html: string;
}

const entryHtml = (html: string): string =>
  html
    .replace(/^[\s\S]*?<div[^>]*class="csl-entry"[^>]*>/, "")
    .replace(/<\/div>\s*<\/div>\s*$/, "")
    .trim();

/** The text a reader sees of citeproc's HTML (tags dropped, character references read). */
export const textOfHtml = (html: string): string => htmlText(html).trim();

/** The item's fields of text, which come from the capture's lines. */
const TEXT_FIELDS = ["title", "container-title", "publisher", "archive"] as const;

/**
 * A character none of the item's fields holds, from Unicode's Private Use
 * Area: citeproc reads `<i>`, `<b>`, `<sup>`, `<sub>` and `<span …>` in a
 * field as formatting (CSL's rich text), but a headline's are its own
 * characters, so each "<" goes to citeproc as this and is put back after.
 */
function standInForLessThan(item: CslItem): string {
  const held = TEXT_FIELDS.map((field) => item[field]).join("");
  let code = 0xe000;
  while (held.includes(String.fromCharCode(code))) code++;
  return String.fromCharCode(code);
}

/**
 * The bibliography entry in each style. citeproc formats each style once, as
 * HTML; the plain text is read from that HTML rather than formatted again.
 */
export function formatCitations(item: CslItem): Record<StyleKey, Formatted> {
  const lessThan = standInForLessThan(item);
  const literal = { ...item };
  for (const field of TEXT_FIELDS) literal[field] = item[field].replaceAll("<", lessThan);
  const cite = new Cite(literal);
  const one = (template: string): Formatted => {
    const html = entryHtml(
      cite.format("bibliography", { template, format: "html", lang: "en-US" }),
    ).replaceAll(lessThan, "&lt;");
    return { text: textOfHtml(html), html };
  };
  return Object.fromEntries(STYLES.map((s) => [s.key, one(s.template)])) as Record<
    StyleKey,
    Formatted
  >;
}

/** LaTeX's special characters, and "<" and ">", which Citation.js would read as rich text. */
const LATEX_SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
};

/** A field's text as a LaTeX literal: every special character escaped, every other kept. */
const latexLiteral = (text: string): string =>
  text.replace(/[\\{}&%$#_~^<>]/g, (char) => LATEX_SPECIAL[char] ?? char);

// The .bib file is UTF-8, which biber reads: Citation.js's ASCII-only output would drop or
// mangle every letter it has no LaTeX command for (an Arabic or Chinese headline, Greek capitals).
// Its key is the article's id, unique in the archive (Citation.js's own, author, year and a
// word of the title, gives two articles of a year the same key, and is empty of that word
// for a title in another script).
Object.assign(plugins.config.get("@bibtex").format, { asciiOnly: false, useIdAsLabel: true });

/**
 * The .bib file, in BibLaTeX (the dialect Zotero, JabRef and biber read), in
 * UTF-8 with the fields' text as LaTeX literals: it keeps the full date
 * (`date = {2020-05-24}`), which classic BibTeX cannot, and marks the entry
 * as a newspaper article (`entrysubtype = {newspaper}`).
 */
export function toBibtex(item: CslItem): string {
  const literal = { ...item };
  for (const field of TEXT_FIELDS) literal[field] = latexLiteral(item[field]);
  const bib = new Cite(literal).format("biblatex", { format: "text" }).trim();
  return `${bib.replace(/^(@article\{[^,\n]*,)\n/, "$1\n\tentrysubtype = {newspaper},\n")}\n`;
}

/**
 * RIS for the item, one tag per line with CRLF line ends. Citation.js wraps
 * values every 70 characters, which breaks long URLs for many readers: the
 * continuation lines are joined back onto their tag line.
 */
export function toRis(item: CslItem): string {
  const lines: string[] = [];
  for (const line of new Cite(item).format("ris", { format: "text" }).trim().split(/\r?\n/)) {
    if (/^[A-Z][A-Z0-9] {2}-( |$)/.test(line) || lines.length === 0) lines.push(line);
    else lines[lines.length - 1] += line;
  }
  // Citation.js writes only the year; PY takes the full "YYYY/MM/DD/" form
  // (which Zotero, EndNote and Citation.js read) and DA repeats it for newer readers.
  const risDate = ([[y, m, d]]: [[number, number, number]]): string =>
    `${y}/${String(m).padStart(2, "0")}/${String(d).padStart(2, "0")}/`;
  const date = risDate(item.issued["date-parts"]);
  const py = lines.findIndex((line) => line.startsWith("PY  - "));
  if (py >= 0) lines.splice(py, 1, `PY  - ${date}`, `DA  - ${date}`);
  // The access date in the same form (Citation.js leaves the month and day unpadded); the
  // whole id, which Citation.js cuts to 20 characters (an article's versions would share one);
  // and the end tag with its space, which the trim took.
  const replaced: Record<string, string> = {
    Y2: risDate(item.accessed["date-parts"]),
    ID: item.id,
    ER: "",
  };
  return `${lines
    .map((line) => {
      const tag = line.slice(0, 2);
      return line.startsWith(`${tag}  -`) && tag in replaced ? `${tag}  - ${replaced[tag]}` : line;
    })
    .join("\r\n")}\r\n`;
}

/** CSL-JSON (an array of one item), pretty-printed. */
export function toCslJson(item: CslItem): string {
  return `${JSON.stringify([item], null, 2)}\n`;
}

/** Everything the archive shows or serves of one article's citation. */
export interface ArticleCitations {
  /** The bibliography entry in each style. */
  styles: Record<StyleKey, Formatted>;
  /** The citation files' text, by extension. */
  files: { bib: string; ris: string; json: string };
}

/** Formats an article's citation in every style and file format (styles registered first). */
export function articleCitations(item: CslItem): ArticleCitations {
  return {
    styles: formatCitations(item),
    files: { bib: toBibtex(item), ris: toRis(item), json: toCslJson(item) },
  };
}

/** The key an item's citations are found under: the item itself, so a different item never matches. */
export const citationKey = (item: CslItem): string => JSON.stringify(item);
