/**
 * The anchors of earlier versions' text in an article's search copy
 * (search-copy.ts), and the way back from one to that version's own page:
 * shared by the build, which writes them, and the search panel, which follows
 * them. No dependencies, so the panel's bundle stays small.
 */

/**
 * The anchor of an earlier version's block in the indexed copy: "v1.p5",
 * "v2.title". A heading's own id never has a dot (the slugger removes them),
 * so no article's anchor is taken for one of these.
 */
export const earlierAnchor = (version: number, blockId: string): string => `v${version}.${blockId}`;

/** The version and block id an anchor of `earlierAnchor` names, if it is one. */
export function versionAnchor(anchor: string): { version: number; blockId: string } | undefined {
  const match = /^v([1-9][0-9]*)\.(.+)$/.exec(anchor);
  return match ? { version: Number(match[1]), blockId: match[2] ?? "" } : undefined;
}

/**
 * A search result's URL, led to the version that holds the match: a URL on
 * an article's indexed page whose anchor names an earlier version's block
 * becomes that version's page at that block (the rest is left as it is).
 */
export function atVersion(url: string): { url: string; version?: number } {
  const hash = url.indexOf("#");
  const found = hash < 0 ? undefined : versionAnchor(decodeURIComponent(url.slice(hash + 1)));
  if (!found) return { url };
  const [path = "", query] = url.slice(0, hash).split("?");
  const article = path.replace(/versions\/[0-9]+\/$/, "");
  const page = found.version === 1 ? article : `${article}versions/${found.version}/`;
  return {
    url: `${page}${query === undefined ? "" : `?${query}`}#${found.blockId}`,
    version: found.version,
  };
}
