import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

/** Folder (relative to the project root) that holds the raw captures. */
export const CAPTURES_DIR = join("content", "captures");

/** The raw bytes of a capture file, read from content/captures/. */
export function readCapture(file: string, root = process.cwd()): Promise<Buffer> {
  return readFile(join(root, CAPTURES_DIR, file));
}

/** The size in bytes of a capture file. */
export async function captureSize(file: string, root = process.cwd()): Promise<number> {
  return (await stat(join(root, CAPTURES_DIR, file))).size;
}
