/**
 * Turns at the content folder: an import writing to it, and a build reading
 * it, hold its lock, so two imports never overwrite one another's files and a
 * build never reads an import half done. The lock is `.lock` in the content
 * folder (proper-lockfile: a directory made atomically, its time refreshed
 * while held, taken over when a killed holder left it stale). Turns at a
 * project's build, too: two builds of one project never run at once.
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

/** A lock: where it is, and how its messages name it. */
interface Lock {
  /** The lock folder (proper-lockfile's `lockfilePath`). */
  path: string;
  /** What is locked, as messages name it ("content/", "this project"). */
  subject: string;
  /** Who else takes turns at it, as messages name them ("import or build"). */
  others: string;
  /** What a holder writes, as messages name it ("nothing was written"). */
  nothing: string;
}

/** Beside a lock: the holder's process id, so a lock a killed process left is taken at once. */
const holderPath = (lock: string): string => `${lock}.pid`;

/** True when the lock's holder, by the process id it wrote, is no longer running here. */
async function holderGone(lock: string): Promise<boolean> {
  const pid = Number(await readFile(holderPath(lock), "utf8").catch(() => ""));
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
  if (what === "build") {
    // A build only reads: a folder that is missing or read-only has no import to wait for.
    const folder = await stat(content).catch(() => null);
    if (!folder?.isDirectory()) return work(() => undefined);
  } else await mkdir(content, { recursive: true });
  const folder = relative(process.cwd(), content) || content;
  const lock: Lock = {
    path: lockPath(content),
    subject: `${folder}/`,
    others: "import or build",
    nothing: "nothing was written",
  };
  return withLock(lock, what, work, waiting, what === "build");
}

/**
 * Runs `work` holding the build lock of the project at `root`: Astro writes
 * its prerender chunks into the project's own `.astro/`, and a build in parts
 * prunes the parts cache, so two builds of one project take turns. If another
 * build holds it, `waiting` is told once and the lock is awaited (ten minutes
 * at most).
 */
export async function withBuildLock<T>(
  root: string,
  work: () => Promise<T>,
  waiting: (line: string) => void = (line) => console.error(line),
): Promise<T> {
  const cache = join(root, "node_modules", ".cache");
  await mkdir(cache, { recursive: true });
  const lock: Lock = {
    path: join(cache, "news-archive-build.lock"),
    subject: "this project",
    others: "build",
    nothing: "nothing was built",
  };
  return withLock(lock, "build", work, waiting, false);
}

/**
 * Runs `work` holding `lock` (a folder made atomically, its time refreshed
 * while held, taken over when stale or when its holder's process is gone).
 * `readOnly`: a holder that cannot write the lock (a read-only folder) goes on
 * without it.
 */
async function withLock<T>(
  lock: Lock,
  what: string,
  work: (stillHeld: StillHeld) => Promise<T>,
  waiting: (line: string) => void,
  readOnly: boolean,
): Promise<T> {
  let lost: Error | undefined;
  const options = {
    stale: STALE_MS,
    update: UPDATE_MS,
    realpath: false,
    lockfilePath: lock.path,
    onCompromised: (error: Error) => {
      lost = error;
    },
  };
  const stillHeld: StillHeld = () => {
    if (lost) {
      throw new Error(
        `${what}: lost the lock on ${lock.subject} (${lost.message}); stopped before writing more. Run it again to complete it.`,
      );
    }
  };
  const shown = relative(process.cwd(), lock.path) || lock.path;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(lock.path, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (readOnly && (code === "EACCES" || code === "EROFS" || code === "EPERM")) {
      return work(() => undefined);
    }
    if (code !== "ELOCKED") throw error;
    if (await holderGone(lock.path)) {
      // Left by a process that was killed: taken now, not when it counts as stale.
      await rm(lock.path, { recursive: true, force: true });
      const article = /^[aeiou]/.test(lock.others) ? "an" : "a";
      waiting(`${what}: took over ${shown}, left by ${article} ${lock.others} that was stopped`);
    } else waiting(`${what}: waiting for another ${lock.others} to finish with ${lock.subject} …`);
    try {
      release = await lockfile.lock(lock.path, {
        ...options,
        retries: { retries: Math.ceil(WAIT_MS / 250), factor: 1, minTimeout: 250, maxTimeout: 250 },
      });
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== "ELOCKED") throw again;
      throw new Error(
        `${what}: ${lock.subject} was still locked by another ${lock.others} after ${WAIT_MS / 60_000} minutes; ${lock.nothing}. If no ${lock.others} is running, remove ${shown} and try again.`,
        { cause: again },
      );
    }
  }
  try {
    await writeFile(holderPath(lock.path), String(process.pid));
    return await work(stillHeld);
  } finally {
    await rm(holderPath(lock.path), { force: true });
    await release().catch(() => undefined);
  }
}
