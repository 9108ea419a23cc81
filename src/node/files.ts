/** File-system helpers the build, the bench and the tests share. */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, link, readdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root folder. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Every file under `dir`, as sorted "/"-separated paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .split("\\")
        .join("/"),
    )
    .sort();
}

/** Lower-case hex SHA-256 of the file at `path`, read a piece at a time (the WACZ is hundreds of MB). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest("hex");
}

/**
 * Removes the folder at `path` after the caller has moved on: a detached
 * `rm -rf` (a site's old copy holds tens of thousands of files, seconds of
 * work nobody needs to wait for), or, where no such command can be started,
 * at once.
 */
export async function removeLater(path: string): Promise<void> {
  const started = await new Promise<boolean>((done) => {
    const child = spawn("rm", ["-rf", "--", path], { detached: true, stdio: "ignore" });
    child.once("spawn", () => {
      child.unref();
      done(true);
    });
    child.once("error", () => done(false));
  });
  if (!started) await rm(path, { recursive: true, force: true });
}

/**
 * Runs `work` on every item, `atOnce` at a time (the file system works on
 * several while each waits); its results, in the items' order.
 */
export async function inBatches<T, R>(
  items: readonly T[],
  atOnce: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += atOnce) {
    results.push(...(await Promise.all(items.slice(at, at + atOnce).map(work))));
  }
  return results;
}

/** Links `from` at `to`, or copies it where they are on different file systems (no link can cross). */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  await link(from, to).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "EXDEV") throw error;
    await copyFile(from, to);
  });
}
