/**
 * Citations the build formatted beforehand (in its citation worker), handed
 * to the pages. The integration runs in Node and the pages through Vite, as
 * separate module instances in one process, so the hand-over goes through one
 * well-known global slot rather than module state.
 */
import type { ArticleCitations } from "./format.ts";

const SLOT = Symbol.for("news-archive.prepared-citations");

/** Citations by citationKey(item), each ready when its promise settles. */
export type PreparedCitations = ReadonlyMap<string, Promise<ArticleCitations>>;

type Slot = { [SLOT]?: PreparedCitations };

/** Keeps the citations being prepared for this build (or forgets them: undefined). */
export function shareCitations(citations: PreparedCitations | undefined): void {
  if (citations) (globalThis as Slot)[SLOT] = citations;
  else Reflect.deleteProperty(globalThis, SLOT);
}

/** The citations being prepared in this process, if any. */
export function sharedCitations(): PreparedCitations | undefined {
  return (globalThis as Slot)[SLOT];
}
