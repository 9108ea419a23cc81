/** "Copy quote": a selected passage with its citation and paragraph link. */

/** Folds runs of white space (line breaks from selection across lines) into single spaces. */
export function cleanSelection(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The text put on the clipboard for a quoted passage. */
export function composeQuote(passage: string, citation: string, link: string): string {
  return `“${cleanSelection(passage)}”\n${citation}\n${link}`;
}
