/** The real article's capture, read as the tests need it. */
import { readFileSync } from "node:fs";
import { splitCapture } from "../../src/archive/capture/capture-text.ts";
import { readCapture } from "../../src/archive/capture/layout.ts";

export const CAPTURE_FILE = "000_03d7a90d1c96a686.txt";
export const CAPTURE_SHA256 = "dadecb18dbdd0af67559d52d2015ad175af170e3c8ebbb0f88d0ac25b929ad51";
export const ARTICLE_ID = "2020-05-24-libyas-rebel-commander-urges-forces-to-rally-against-turkey";
export const ARTICLE_PATH = `articles/${ARTICLE_ID}/`;
export const HEADLINE = "Libya's rebel commander urges forces to rally against Turkey";
export const HEADINGS = [
  "Government forces retake more areas near capital",
  "Trump, Erdogan discuss Libya in phone call",
] as const;

/** The raw capture's bytes, from content/captures/. */
export const captureBytes = (): Buffer =>
  readFileSync(new URL(`../../content/captures/${CAPTURE_FILE}`, import.meta.url));

/**
 * What a capture says the page must show, read independently of the build:
 * headline, publisher line, dateline, then the body blocks' text, in order.
 */
export function expectedBlocks(bytes: Uint8Array, encoding = "utf-8"): string[] {
  const reading = readCapture(splitCapture(new TextDecoder(encoding).decode(bytes)).blocks);
  if (!reading.ok) throw new Error(`test capture unreadable: ${reading.problem}`);
  return [
    reading.headline,
    reading.publisher,
    reading.dateline,
    ...reading.body.map((b) => b.block.text),
  ];
}
