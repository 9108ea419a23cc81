/**
 * A raw capture as text: its physical lines and its blocks. This is the one
 * reading of a capture's text that the importer, the build's guard and the
 * capture page share. Pure: it is given the decoded text and reads nothing.
 */

/** A block: a run of non-blank lines, between blank lines (or the file's ends). */
export interface CaptureBlock {
  /** 0-based position among the capture's blocks. */
  index: number;
  /** The block's text: its lines joined by "\n", without leading and trailing whitespace. */
  text: string;
  /** 1-based number of its first physical line. */
  firstLine: number;
  /** 1-based number of its last physical line. */
  lastLine: number;
}

/** How a capture's text is laid out in bytes, which its lines no longer show. */
export interface TextForm {
  /** How its lines end ("none" for a single line). */
  lineEnds: "LF" | "CRLF" | "CR" | "mixed" | "none";
  /** It starts with a byte-order mark. */
  bom: boolean;
  /** It ends with a line break. */
  finalNewline: boolean;
}

/** A decoded capture, split once into lines and blocks. */
export interface CaptureText {
  form: TextForm;
  /** Every physical line, as an editor numbers them (CRLF, CR and LF each end one). */
  lines: readonly string[];
  /** The blocks, in order. */
  blocks: readonly CaptureBlock[];
}

/** Spaces, tabs and line breaks: what is trimmed from a block's ends and makes a line blank. */
const EDGE_SPACE = /^[ \t\n]+|[ \t\n]+$/g;
const BLANK_LINE = /^[ \t]*$/;

/**
 * True when a text holds nothing but white space as JavaScript's `trim()`
 * takes it: spaces of every kind (U+00A0, U+3000 …), line breaks, U+2028,
 * U+2029 and the byte-order mark. A headline, publisher line or body like that
 * shows nothing: the importer and the build's content check both refuse it by
 * this one rule. (Between blocks, a line is blank only when it holds nothing
 * but spaces and tabs: a line of U+00A0 is a block.)
 */
export function isBlank(text: string): boolean {
  return text.trim() === "";
}

/**
 * The text a reader compares with: a leading byte-order mark dropped and every
 * CRLF (or lone CR) made LF. Nothing else is changed.
 */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/** How a text's lines end. */
function lineEnds(text: string): TextForm["lineEnds"] {
  const crlf = /\r\n/.test(text);
  const cr = /\r(?!\n)/.test(text);
  const lf = /(?<!\r)\n/.test(text);
  const kinds = [crlf, cr, lf].filter(Boolean).length;
  if (kinds === 0) return "none";
  if (kinds > 1) return "mixed";
  return crlf ? "CRLF" : cr ? "CR" : "LF";
}

/** Splits a decoded capture into its lines and blocks. */
export function splitCapture(decoded: string): CaptureText {
  const form: TextForm = {
    lineEnds: lineEnds(decoded),
    bom: decoded.startsWith("\uFEFF"),
    finalNewline: /[\r\n]$/.test(decoded),
  };
  const text = normaliseText(decoded);
  // A final line break ends the last line; it does not start a new one.
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const blocks: CaptureBlock[] = [];
  let start = -1;
  const close = (end: number): void => {
    const joined = lines.slice(start, end).join("\n");
    blocks.push({
      index: blocks.length,
      text: joined.replace(EDGE_SPACE, ""),
      firstLine: start + 1,
      lastLine: end,
    });
    start = -1;
  };
  lines.forEach((line, i) => {
    const blank = BLANK_LINE.test(line);
    if (!blank && start < 0) start = i;
    if (blank && start >= 0) close(i);
  });
  if (start >= 0) close(lines.length);
  return { form, lines, blocks };
}
