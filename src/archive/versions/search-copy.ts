/**
 * One search entry per article, however many versions it has. Search counts
 * and ranks Pagefind pages, so each article is handed to Pagefind once: the
 * copy of its newest version's page that the index reads (never the published
 * page) gets, after its own text, each earlier version's text that no later
 * version has (a headline, a removed or reworded block), each under an anchor
 * that names the version and the block ("v1.p5"). The earlier versions' pages
 * are not indexed. A match in that text is a sub-result whose anchor the
 * search panel turns back into the earlier version's own address
 * (`versionAnchor`), so a search finds the article once and leads to the
 * version that holds the words. Pure.
 */
import { blockIds } from "../page/block-ids.ts";
import { escapeMarkup } from "../browse/xml.ts";
import { earlierAnchor } from "./anchors.ts";
import { byCapture } from "./history.ts";

/** What the copy needs of one version: its page id, place in time and text. */
export interface VersionPage {
  /** Its page id ("<article>" or "<article>/versions/<n>"). */
  id: string;
  number: number;
  archived: string;
  headline: string;
  /** Its body blocks in order. */
  body: readonly { heading: boolean; text: string }[];
}

/** What the index is handed for one article: the page that carries it and the pages left out. */
export interface ArticleSearchCopy {
  /** The page id of the newest version, which the index reads. */
  indexed: string;
  /** The earlier versions' page ids, not indexed. */
  skipped: string[];
  /** The HTML added inside the indexed copy's article, after its own text ("" when none). */
  extra: string;
}

/** The search copy of one article's versions (any order; one version: nothing added). */
export function articleSearchCopy(versions: readonly VersionPage[]): ArticleSearchCopy {
  const ordered = [...versions].sort(byCapture);
  const newest = ordered.at(-1);
  if (!newest) throw new Error("an article has at least one version");
  const later = new Set(newest.body.map((b) => `${b.heading}\n${b.text}`));
  const headlines = new Set([newest.headline]);
  const parts: string[] = [];
  for (const version of ordered.slice(0, -1).reverse()) {
    const ids = blockIds(version.body);
    const section = (anchor: string, text: string): string =>
      `<h6 id="${earlierAnchor(version.number, anchor)}">Version ${version.number}</h6><p>${escapeMarkup(text)}</p>`;
    const own: string[] = [];
    if (!headlines.has(version.headline)) own.push(section("title", version.headline));
    version.body.forEach((block, i) => {
      const key = `${block.heading}\n${block.text}`;
      if (!later.has(key)) own.push(section(ids[i] ?? "", block.text));
    });
    parts.unshift(...own);
    for (const b of version.body) later.add(`${b.heading}\n${b.text}`);
    headlines.add(version.headline);
  }
  return {
    indexed: newest.id,
    skipped: ordered.slice(0, -1).map((v) => v.id),
    extra: parts.length ? `<div hidden>${parts.join("")}</div>` : "",
  };
}
