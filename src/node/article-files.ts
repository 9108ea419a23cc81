/**
 * The files a build publishes beside each article version's page without
 * rendering a route for them: the raw capture and any recaptures, copied byte
 * for byte to captures/<file>, and the citation files
 * articles/<page id>/citation.{bib,ris,json}
 * written from the citations the build's worker formatted. (Under `astro dev`
 * routes in src/integration/routes/ serve the same files.)
 */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PublishedEntry } from "../archive/content/content-check.ts";
import { CITATION_FORMATS, citationFile } from "../archive/paths.ts";
import type { PreparedCitations } from "../citation/prepared.ts";
import { CAPTURES } from "./content-paths.ts";

/** Files written at once, at most: enough to keep the disk busy, few enough to bound memory. */
const AT_ONCE = 32;

/**
 * Writes each of `entries`' capture files (from the folder `sources`) and
 * citation files into the build in `dir`.
 */
export async function writeArticleFiles(
  dir: string,
  sources: string,
  entries: readonly PublishedEntry[],
  citations: (entry: PublishedEntry) => ReturnType<PreparedCitations["get"]>,
): Promise<void> {
  const captures = join(dir, CAPTURES);
  await mkdir(captures, { recursive: true });
  const write = async (entry: PublishedEntry): Promise<void> => {
    for (const { file } of [entry.capture, ...entry.recaptures]) {
      await copyFile(join(sources, file), join(captures, file));
    }
    const prepared = await citations(entry);
    if (!prepared) throw new Error(`${entry.path}: its citations were not formatted`);
    const page = join(dir, "articles", entry.id);
    await mkdir(page, { recursive: true });
    await Promise.all(
      CITATION_FORMATS.map((format) =>
        writeFile(join(page, citationFile(format)), prepared.files[format]),
      ),
    );
  };
  for (let i = 0; i < entries.length; i += AT_ONCE) {
    await Promise.all(entries.slice(i, i + AT_ONCE).map(write));
  }
}
