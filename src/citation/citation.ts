/**
 * Citations as pages use them, inside Astro (Vite): the styles' CSL imported
 * as text and registered, and each article's citations taken from the ones the
 * build formatted beforehand in its citation worker (src/node/citations.ts),
 * or formatted here when there are none (`astro dev`, tests).
 */
import { sharedCitations } from "./prepared.ts";
import apa from "./styles/apa.csl?raw";
import chicago from "./styles/chicago-note-bibliography.csl?raw";
import mla from "./styles/modern-language-association.csl?raw";
import { articleCitations, citationKey, useStyles, type ArticleCitations } from "./format.ts";
import type { CslItem } from "../archive/citation/csl.ts";

export * from "./format.ts";

useStyles({
  apa,
  "modern-language-association": mla,
  "chicago-note-bibliography": chicago,
});

/** The article's citations: formatted by the build beforehand, or now. */
export async function citationsOf(item: CslItem): Promise<ArticleCitations> {
  return (await sharedCitations()?.get(citationKey(item))) ?? articleCitations(item);
}
