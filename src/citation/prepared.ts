/**
 * Citations the build formatted beforehand (in its citation worker), handed
 * from the integration to the pages through a process slot.
 */
import { processSlot } from "../archive/process-slot.ts";
import type { ArticleCitations } from "./format.ts";

/** Citations by citationKey(item), each ready when its promise settles. */
export interface PreparedCitations {
  /** The item's citations; asking for one not yet formatted has it formatted next. */
  get(key: string): Promise<ArticleCitations> | undefined;
}

const slot = processSlot<PreparedCitations>("prepared-citations");

/** Keeps the citations being prepared for this build (or forgets them: undefined). */
export function shareCitations(citations: PreparedCitations | undefined): void {
  if (citations) slot.set(citations);
  else slot.forget();
}

/** The citations being prepared in this process, if any. */
export function sharedCitations(): PreparedCitations | undefined {
  return slot.get();
}
