/**
 * The ids of an article's blocks: p1, p2, … for paragraphs in reading order,
 * a slug of its text for each subheading. The article page (rehype-blocks)
 * and the capture page both take them from here, so a link from one to the
 * other always lands on the same block.
 */
import Slugger from "github-slugger";

/** Ids the article page itself uses; a heading never takes one. */
export const RESERVED_IDS = [
  "title",
  "publisher",
  "dateline",
  "main",
  "search",
  "cite",
  "provenance",
  "contents",
] as const;

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
  return blocks.map((b) => (b.heading ? slugger.slug(b.text) : paragraphId(++n)));
}
