/**
 * The checked content of one build, handed from the integration (which reads
 * and checks it before Astro loads content) to the content loader and the
 * pages. Astro loads the integration with Node and the loader and pages
 * through Vite, as separate module instances, so the hand-over goes through
 * one well-known global slot rather than module state.
 */
import type { CheckedContent } from "../archive/content-check.ts";

const SLOT = Symbol.for("news-archive.checked-content");

type Slot = { [SLOT]?: { root: string; content: CheckedContent; loaded: Set<string> } };

/** Keeps the content checked for `root`. */
export function shareContent(root: string, content: CheckedContent): void {
  (globalThis as Slot)[SLOT] = { root, content, loaded: new Set() };
}

/** The content checked for `root` in this process, if any. */
export function sharedContent(root: string): CheckedContent | undefined {
  const held = (globalThis as Slot)[SLOT];
  return held?.root === root ? held.content : undefined;
}

/**
 * Notes that `collection` has been loaded from the shared content; once all
 * of `collections` have, a build forgets it, so the full entries (the
 * captures' bytes and readings, the parsed front matter) do not stay in
 * memory for the rest of the build. What the pages still need, each
 * article's Markdown and each capture's lines, the loaders handed over in
 * page-text.ts.
 */
export function loadedFrom(root: string, collection: string, collections: readonly string[]): void {
  const held = (globalThis as Slot)[SLOT];
  if (held?.root !== root) return;
  held.loaded.add(collection);
  if (collections.every((c) => held.loaded.has(c))) forgetContent();
}

/** Forgets the shared content (dev: the files changed). */
export function forgetContent(): void {
  Reflect.deleteProperty(globalThis, SLOT);
}
