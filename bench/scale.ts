/**
 * The scale bench's collections: N raw captures from the realistic corpus
 * (bench/corpus.ts), imported with the importer into a temporary content
 * folder, exactly as an archivist adds captures. Never committed.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { captureFiles, importCaptures } from "../src/node/import.ts";
import { writeCorpus, type CorpusMarkers } from "./corpus.ts";

/** A scale collection ready to build. */
export interface ScaleContent {
  /** The content folder (ARCHIVE_CONTENT). */
  content: string;
  /** Seconds the import of the N captures took. */
  importSeconds: number;
  /** Words in exactly 1 and exactly 10 captures. */
  markers: CorpusMarkers;
  /** The corpus's most frequent word. */
  common: string;
}

/** Writes N captures into `scratch`/raw and imports them into `scratch`/content. */
export async function scaleContent(scratch: string, n: number): Promise<ScaleContent> {
  const raw = join(scratch, "raw");
  const { markers, common } = await writeCorpus(raw, { n });
  const content = join(scratch, "content");
  await mkdir(content, { recursive: true });
  const previous = process.env.ARCHIVE_CONTENT;
  process.env.ARCHIVE_CONTENT = content;
  const started = performance.now();
  try {
    const results = await importCaptures(await captureFiles([raw]), {
      root: scratch,
      archived: "2026-11-28",
      language: "en",
      dryRun: false,
    });
    const refused = results.filter((r) => r.status === "refused");
    if (refused.length > 0) {
      throw new Error(
        `The corpus did not import: ${refused.length} refused, e.g. ${JSON.stringify(refused[0])}`,
      );
    }
  } finally {
    if (previous === undefined) delete process.env.ARCHIVE_CONTENT;
    else process.env.ARCHIVE_CONTENT = previous;
  }
  return { content, importSeconds: (performance.now() - started) / 1000, markers, common };
}
