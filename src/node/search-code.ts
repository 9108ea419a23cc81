/**
 * One change to the search code Pagefind writes (`pagefind.js`), made where
 * the index is written, so every build (whole, in parts, assembled) publishes
 * the same bytes.
 *
 * Pagefind's instance starts loading its page table and WebAssembly when it
 * is created, and its search waits for them by checking every 50 ms
 * (`getPtr`). The archive's first search creates an instance for its
 * directory and one for each part it names, one after the other, so a
 * reader's first answer waited up to 50 ms more for each. Checking every
 * 4 ms (browsers do not wake a repeated timer sooner) answers as soon as the
 * instance is ready: a few more checks while the files load, on a path taken
 * once an instance.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The loop in Pagefind 1.6's `pagefind.js` that waits for an instance to be ready. */
export const READY_WAIT = {
  from: "async getPtr(){while(this.raw_ptr===null){if(this.initError){throw this.initError;}await asyncSleep(50);}",
  to: "async getPtr(){while(this.raw_ptr===null){if(this.initError){throw this.initError;}await asyncSleep(4);}",
};

/** Whether `text` holds `part` exactly once. */
const once = (text: string, part: string): boolean => {
  const at = text.indexOf(part);
  return at >= 0 && text.indexOf(part, at + 1) < 0;
};

/**
 * `code` (a `pagefind.js`) waiting 4 ms between checks (as it is, when it
 * already does: a part's copy may come from an earlier build's index); fails,
 * naming `file`, if its loop is not there once.
 */
export function quickerReadyWait(code: string, file: string): string {
  if (once(code, READY_WAIT.to) && !code.includes(READY_WAIT.from)) return code;
  const at = code.indexOf(READY_WAIT.from);
  if (!once(code, READY_WAIT.from)) {
    throw new Error(
      `${file}: Pagefind's wait for a ready instance (getPtr's 50 ms loop) is not there exactly once: a new Pagefind version? Check src/node/search-code.ts against its pagefind.js.`,
    );
  }
  return code.slice(0, at) + READY_WAIT.to + code.slice(at + READY_WAIT.from.length);
}

/** Makes the change in `<dir>/pagefind.js`, Pagefind's search code in the index folder `dir`. */
export async function tuneSearchCode(dir: string): Promise<void> {
  const file = join(dir, "pagefind.js");
  await writeFile(file, quickerReadyWait(await readFile(file, "utf8"), file));
}
