import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";

/**
 * The content folder: content/ in the project, or the folder named by
 * $ARCHIVE_CONTENT (fixture collections in tests, synthetic ones in the bench).
 */
export function contentDir(root = process.cwd()): string {
  return resolve(root, process.env.ARCHIVE_CONTENT || "content");
}

/** The folder holding the raw captures. */
export const capturesDir = (root?: string): string => join(contentDir(root), "captures");

/** The folder holding the Markdown articles. */
export const articlesDir = (root?: string): string => join(contentDir(root), "articles");

/** The raw bytes of a capture file. */
export function readCapture(file: string, root?: string): Promise<Buffer> {
  return readFile(join(capturesDir(root), file));
}

/** The size in bytes of a capture file. */
export async function captureSize(file: string, root?: string): Promise<number> {
  return (await stat(join(capturesDir(root), file))).size;
}
