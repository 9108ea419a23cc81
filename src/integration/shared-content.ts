/**
 * The checked content of one build, handed from the integration (which reads
 * and checks it before Astro loads content) to the content loader and the
 * pages. Astro loads the integration with Node and the loader and pages
 * through Vite, as separate module instances, so the hand-over goes through
 * one well-known global slot rather than module state.
 */
import type { CheckedContent } from "../archive/content-check.ts";

const SLOT = Symbol.for("news-archive.checked-content");

type Slot = { [SLOT]?: { root: string; content: CheckedContent } };

/** Keeps the content checked for `root`. */
export function shareContent(root: string, content: CheckedContent): void {
  (globalThis as Slot)[SLOT] = { root, content };
}

/** The content checked for `root` in this process, if any. */
export function sharedContent(root: string): CheckedContent | undefined {
  const held = (globalThis as Slot)[SLOT];
  return held?.root === root ? held.content : undefined;
}

/** Forgets the shared content (dev: the files changed). */
export function forgetContent(): void {
  Reflect.deleteProperty(globalThis, SLOT);
}
