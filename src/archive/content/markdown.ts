/**
 * Writing an article's Markdown file from a capture reading, so that the page
 * shows the capture's characters and nothing else. Every character Markdown
 * could read as syntax is escaped; the build's guard on the rendered pages
 * proves the result, whoever wrote the file.
 */
import type { BlockReading } from "../capture/layout.ts";
import type { ArticleData } from "./schema.ts";

/**
 * Escaped wherever they stand: emphasis, code, links, HTML, entities, tables,
 * strikethrough, escapes, and the "@" of e-mail addresses.
 */
const INLINE = /[\\`*_[\]<&~|@]/g;
/**
 * GFM reads "http://", "https://" and "www." as the start of a link and takes
 * what follows raw, escapes and all; an escape inside the start word stops it.
 * (remark-gfm then links the text anyway, and remarkLiteral makes it text again.)
 */
const LINK_START = /\b(https?)(:\/\/)|\b(www)(\.)/gi;
/** Escaped at the start of a line: headings, block quotes, list items, setext underlines. */
const LINE_START = /^([#>+=-])/;
/** An ordered-list marker at the start of a line: "1." or "1)". */
const ORDERED = /^(\d{1,9})([.)])/;

/** Spaces and tabs Markdown would strip at a line's edges, as character references. */
const references = (space: string): string =>
  [...space].map((c) => (c === "\t" ? "&#9;" : "&#32;")).join("");

/** One line of a block, escaped. */
function escapeLine(line: string, heading: boolean): string {
  const [, lead = "", middle = "", trail = ""] = /^([ \t]*)(.*?)([ \t]*)$/s.exec(line) ?? [];
  let text = middle
    .replace(INLINE, "\\$&")
    .replace(LINK_START, (_, scheme, slashes, www, dot) =>
      scheme ? `${scheme}\\${slashes}` : `${www}\\${dot}`,
    );
  if (heading) text = text.replace(/#/g, "\\#");
  text = text.replace(LINE_START, "\\$1").replace(ORDERED, "$1\\$2");
  return references(lead) + text + references(trail);
}

/** A block's text as Markdown that renders to exactly that text. */
export function escapeMarkdown(text: string, heading = false): string {
  return text
    .split("\n")
    .map((line) => escapeLine(line, heading))
    .join("\n");
}

/** The Markdown body of an article: paragraphs as escaped text, subheadings as `##`. */
export function articleBody(body: readonly BlockReading[]): string {
  return body
    .map(({ block, role }) =>
      role === "subheading" ? `## ${escapeMarkdown(block.text, true)}` : escapeMarkdown(block.text),
    )
    .join("\n\n");
}

/**
 * A YAML double-quoted scalar: a JSON string, with the characters JSON leaves
 * as they are but YAML refuses or reads as line breaks (DEL, C1 controls,
 * U+2028, U+2029, U+FEFF) written as escapes.
 */
const yaml = (value: string): string =>
  JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

/** The whole article file: documented frontmatter, then the body. */
export function articleFile(data: ArticleData, body: readonly BlockReading[]): string {
  const lines = [
    "---",
    "# Written by `npm run import` from the capture: headline, publisher and dateline as",
    "# printed; `published` is the dateline in machine form (no time zone: the capture gives",
    "# none); `publication` names the outlet for citations; `archived` is the day of this copy;",
    "# `layout` is the version of the rules that read the capture.",
    `headline: ${yaml(data.headline)}`,
    `publisher: ${yaml(data.publisher)}`,
    `publication: ${yaml(data.publication)}`,
    `dateline: ${yaml(data.dateline)}`,
    `published: ${yaml(data.published)}`,
    `language: ${yaml(data.language)}`,
    `archived: ${yaml(data.archived)}`,
    ...(data.layout === undefined ? [] : [`layout: ${data.layout}`]),
    "capture:",
    `  file: ${yaml(data.capture.file)}`,
    `  sha256: ${yaml(data.capture.sha256)}`,
    ...(data.capture.encoding ? [`  encoding: ${yaml(data.capture.encoding)}`] : []),
    ...(data.recaptures?.length
      ? [
          "# Captured again with this same article text (other hosting page or file):",
          "recaptures:",
          ...data.recaptures.flatMap((r) => [
            `  - file: ${yaml(r.file)}`,
            `    sha256: ${yaml(r.sha256)}`,
            ...(r.encoding ? [`    encoding: ${yaml(r.encoding)}`] : []),
            `    archived: ${yaml(r.archived)}`,
          ]),
        ]
      : []),
    "---",
    "",
    articleBody(body),
    "",
  ];
  return lines.join("\n");
}
