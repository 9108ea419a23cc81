/**
 * The fixity manifest: every published file with its SHA-256, in the BagIt
 * `manifest-sha256.txt` style ("<hash>  <path>", paths relative to the site
 * root, "/" separated, sorted). Pure: given the paths and their hashes.
 */

/** The manifest's file name, at the site root. */
export const FIXITY_MANIFEST = "manifest-sha256.txt";

/** The manifest for files and their SHA-256s: one line per file, sorted by path. */
export function fixityManifest(hashes: ReadonlyMap<string, string>): string {
  return [...hashes.keys()]
    .sort()
    .map((path) => `${hashes.get(path) ?? ""}  ${path}\n`)
    .join("");
}

/** Parses a manifest back into path → hash; throws on a malformed line. */
export function parseFixityManifest(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [i, line] of text.split("\n").entries()) {
    if (line === "") continue;
    const match = /^([0-9a-f]{64}) {2}(\S.*)$/.exec(line);
    if (!match?.[1] || !match[2])
      throw new Error(`${FIXITY_MANIFEST}: line ${i + 1}: not "<sha256>  <path>"`);
    entries.set(match[2], match[1]);
  }
  return entries;
}
