/**
 * The scale bench's collections: N raw captures from the realistic corpus
 * (bench/corpus.ts), imported with the importer into a temporary content
 * folder, exactly as an archivist adds captures, then a tenth of them
 * captured again, edited, as versions 2 and 3. Never committed.
 */
import { mkdir, stat } from "node:fs/promises";
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
  /** How many versions of its articles it holds besides their first (a tenth of its captures). */
  versions: number;
}

/** Writes N captures into `scratch`/raw and imports them into `scratch`/content. */
export async function scaleContent(scratch: string, n: number): Promise<ScaleContent> {
  const raw = join(scratch, "raw");
  const { markers, common, versions } = await writeCorpus(raw, { n });
  const content = join(scratch, "content");
  await mkdir(content, { recursive: true });
  const previous = process.env.ARCHIVE_CONTENT;
  process.env.ARCHIVE_CONTENT = content;
  const started = performance.now();
  try {
    const imported = async (folder: string, archived: string, status: string): Promise<void> => {
      const results = await importCaptures(await captureFiles([folder]), {
        root: scratch,
        archived,
        language: "en",
        dryRun: false,
      });
      const wrong = results.filter((r) => r.status !== status);
      if (wrong.length > 0) {
        throw new Error(
          `The corpus did not import as ${status}: ${wrong.length} did not, e.g. ${JSON.stringify({ ...wrong[0], blocks: undefined })}`,
        );
      }
    };
    // The captures, then their later captures, as versions 2 and 3, on the following days.
    await imported(raw, "2026-11-28", "imported");
    for (const [version, day] of [
      ["2", "2026-11-29"],
      ["3", "2026-11-30"],
    ] as const) {
      const folder = join(`${raw}-versions`, version);
      if (await stat(folder).catch(() => null)) await imported(folder, day, "version");
    }
  } finally {
    if (previous === undefined) delete process.env.ARCHIVE_CONTENT;
    else process.env.ARCHIVE_CONTENT = previous;
  }
  return {
    content,
    importSeconds: (performance.now() - started) / 1000,
    markers,
    common,
    versions,
  };
}
