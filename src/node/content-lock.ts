/**
 * Turns at the content folder: an import writing to it, and a build reading
 * it, hold its lock, so two imports never overwrite one another's files and a
 * build never reads an import half done. The lock is `.lock` in the content
 * folder (proper-lockfile: a directory made atomically, its time refreshed
 * while held, taken over when a killed holder left it stale).
 */
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import lockfile from "proper-lockfile";

/**
 * How long a lock lives without being refreshed (every second, between the
 * holder's awaits) before it counts as left by a killed process; one whose
 * holder's process id is gone is taken at once.
 */
const STALE_MS = 5_000;
const UPDATE_MS = 1_000;
/** How long to wait for the other holder, at most. */
const WAIT_MS = 10 * 60_000;

/** The lock's path in a content folder. */
export const lockPath = (content: string): string => join(content, ".lock");

/** Beside the lock: the holder's process id, so a lock a killed process left is taken at once. */
const holderPath = (content: string): string => join(content, ".lock.pid");

/** True when the lock's holder, by the process id it wrote, is no longer running here. */
async function holderGone(content: string): Promise<boolean> {
  const pid = Number(await readFile(holderPath(content), "utf8").catch(() => ""));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Says whether the lock is still held: throws, naming the folder, once it was
 * lost (taken over as stale while the holder was stuck), so the holder writes
 * nothing more. The importer asks before each file it writes.
 */
export type StillHeld = () => void;

/**
 * Runs `work` holding the content folder's lock. If another import or build
 * holds it, `waiting` is told once (with a line naming the folder) and the
 * lock is awaited; after ten minutes this fails with a message saying so.
 */
export async function withContentLock<T>(
  content: string,
  what: "import" | "build",
  work: (stillHeld: StillHeld) => Promise<T>,
  waiting: (line: string) => void = (line) => console.error(line),
): Promise<T> {
  const unlocked: StillHeld = () => undefined;
  if (what === "build") {
    // A build only reads: a folder that is missing or read-only has no import to wait for.
    const folder = await stat(content).catch(() => null);
    if (!folder?.isDirectory()) return work(unlocked);
  } else await mkdir(content, { recursive: true });
  let lost: Error | undefined;
  const options = {
    stale: STALE_MS,
    update: UPDATE_MS,
    realpath: false,
    lockfilePath: lockPath(content),
    onCompromised: (error: Error) => {
      lost = error;
    },
  };
  const stillHeld: StillHeld = () => {
    if (lost) {
      throw new Error(
        `${what}: lost the lock on ${relative(process.cwd(), content) || content}/ (${lost.message}); stopped before writing more. Run it again to complete it.`,
      );
    }
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(content, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (what === "build" && (code === "EACCES" || code === "EROFS" || code === "EPERM")) {
      return work(unlocked);
    }
    if (code !== "ELOCKED") throw error;
    const folder = relative(process.cwd(), content) || content;
    if (await holderGone(content)) {
      // Left by a process that was killed: taken now, not when it counts as stale.
      await rm(lockPath(content), { recursive: true, force: true });
      waiting(`${what}: took over ${folder}/.lock, left by an import or build that was stopped`);
    } else waiting(`${what}: waiting for another import or build to finish with ${folder}/ …`);
    try {
      release = await lockfile.lock(content, {
        ...options,
        retries: { retries: Math.ceil(WAIT_MS / 250), factor: 1, minTimeout: 250, maxTimeout: 250 },
      });
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== "ELOCKED") throw again;
      throw new Error(
        `${what}: ${folder}/ was still locked by another import or build after ${WAIT_MS / 60_000} minutes; nothing was written. If no import or build is running, remove ${folder}/.lock and try again.`,
        { cause: again },
      );
    }
  }
  try {
    await writeFile(holderPath(content), String(process.pid));
    return await work(stillHeld);
  } finally {
    await rm(holderPath(content), { force: true });
    await release().catch(() => undefined);
  }
}
