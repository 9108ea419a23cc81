/**
 * The content as `npm run build` read and checked it (its child process,
 * src/node/content-years.ts), handed to the assembly's `astro build` in a
 * file, so the assembly neither reads nor checks the whole content again:
 * the shared pages are built from the content the parts were planned from,
 * whatever an import writes meanwhile. (A year's part is built from its files
 * as they are when it is built, and checks them: an import that changes them
 * meanwhile stops that build, naming the file, and the next build has it.)
 * It holds what an assembly needs, the entries without their Markdown or
 * their captures' text (PublishedEntry), in Node's own serialization: the
 * file lives for one build, between processes of one Node.
 */
import { readFile, writeFile } from "node:fs/promises";
import { deserialize, serialize } from "node:v8";
// Types only: `npm run build` itself loads this module (for CHECKED_ENV), and none of the check's.
import type { PublishedEntry } from "../archive/content/content-check.ts";

/** The setting that hands an assembly the checked content: the file's path. */
export const CHECKED_ENV = "ARCHIVE_CHECKED";

/** What the file holds: the checked content's warnings and entries, as an assembly needs them. */
export interface HandedContent {
  warnings: string[];
  entries: PublishedEntry[];
}

/** Writes content that passed its check to `file`, for an assembly. */
export async function handContent(file: string, handed: HandedContent): Promise<void> {
  await writeFile(file, serialize(handed));
}

/** The content handed on in `file`; rejects, naming the file, when it cannot be read. */
export async function handedContent(file: string): Promise<HandedContent> {
  try {
    const handed = deserialize(await readFile(file)) as Partial<HandedContent>;
    if (!Array.isArray(handed.entries) || !Array.isArray(handed.warnings)) {
      throw new Error("it holds no checked content");
    }
    return { warnings: handed.warnings, entries: handed.entries };
  } catch (error) {
    throw new Error(`${CHECKED_ENV}=${file}: ${(error as Error).message}`, { cause: error });
  }
}
