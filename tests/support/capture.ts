/** The real article's capture and Markdown, read as the tests need them. */
import { readFileSync } from "node:fs";
import { splitBlocks } from "../../src/lib/blocks.ts";

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

/** The raw capture's blocks (blank-line separated). */
export const captureBlocks = (): string[] => splitBlocks(captureBytes().toString("utf8"));
