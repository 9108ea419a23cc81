/**
 * The ids of an article's blocks: p1, p2, … for paragraphs in reading order,
 * a slug of its text for each subheading. The article page (rehype-blocks)
 * and the capture page both take them from here, so a link from one to the
 * other always lands on the same block.
 */
import Slugger, { slug } from "github-slugger";

/**
 * Ids the article page itself uses (its header, landmarks, version note,
 * search panel, provenance and citation panels): a heading never takes one,
 * so its ¶ link and every control the page labels by id find one element.
 * tests/e2e/versions.test.ts checks that a versioned article's page has no
 * other id besides its blocks'.
 */
export const RESERVED_IDS = [
  "title",
  "publisher",
  "dateline",
  "main",
  "search",
  "search-panel",
  "search-input",
  "search-hint",
  "cite",
  "cite-heading",
  ...["apa", "mla", "chicago"].flatMap((style) => [`cite-${style}`, `cite-${style}-label`]),
  "provenance",
  "provenance-heading",
  "contents",
  "toc-heading",
  "version",
  "versions-heading",
] as const;

/**
 * The id of a heading whose text gives no slug (a sign, a numeral or an
 * emoji alone: the slugger keeps letters, digits and hyphens only).
 */
export const UNNAMED_HEADING = "section";

/** The id of the n-th paragraph (1-based). */
export const paragraphId = (n: number): string => `p${n}`;

/** One block as the ids need it. */
export interface IdBlock {
  heading: boolean;
  text: string;
}

/** Each block's id, in order. */
export function blockIds(blocks: readonly IdBlock[]): string[] {
  const paragraphs = blocks.filter((b) => !b.heading).length;
  const slugger = new Slugger();
  for (const id of RESERVED_IDS) slugger.slug(id);
  for (let n = 1; n <= paragraphs; n++) slugger.slug(paragraphId(n));
  let n = 0;
  return blocks.map((b) => {
    if (!b.heading) return paragraphId(++n);
    return slugger.slug(slug(b.text) === "" ? UNNAMED_HEADING : b.text);
  });
}
