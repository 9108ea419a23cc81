/**
 * The checked content of one build, handed from the integration (which reads
 * and checks it before Astro loads content) to the content loaders through a
 * process slot.
 */
import type {
  ArticleEntry,
  CheckedContent,
  PublishedEntry,
} from "../archive/content/content-check.ts";
import { processSlot } from "../archive/process-slot.ts";

/**
 * The content of a build: read and checked in this process, every entry
 * whole; or handed to an assembly by `npm run build`, which checked it
 * (src/node/handed-content.ts): entries without their Markdown or their
 * captures' text, which an assembly renders nothing from, but for the years
 * it builds itself, whose entries (`full`) it read whole.
 */
export type BuildContent =
  | (CheckedContent & { handed?: false })
  | {
      problems: string[];
      warnings: string[];
      entries: PublishedEntry[];
      handed: true;
      /** The whole entries of the years the assembly builds (among `entries`). */
      full: ArticleEntry[];
    };

/** The whole entries, which the pages of articles and captures are rendered from. */
export const fullEntries = (content: BuildContent): ArticleEntry[] =>
  content.handed ? content.full : content.entries;

const slot = processSlot<{ root: string; content: BuildContent; loaded: Set<string> }>(
  "checked-content",
);

/** Keeps the content checked for `root`. */
export function shareContent(root: string, content: BuildContent): void {
  slot.set({ root, content, loaded: new Set() });
}

/** The content checked for `root` in this process, if any. */
export function sharedContent(root: string): BuildContent | undefined {
  const held = slot.get();
  return held?.root === root ? held.content : undefined;
}

/**
 * Notes that `collection` has been loaded from the shared content; once all
 * of `collections` have, a build forgets it, so the full entries (the
 * captures' bytes and readings, the parsed front matter) do not stay in
 * memory for the rest of the build. What the pages still need, each
 * article's Markdown and each capture's lines and blocks, the loaders handed
 * over in page-text.ts.
 */
export function loadedFrom(root: string, collection: string, collections: readonly string[]): void {
  const held = slot.get();
  if (held?.root !== root) return;
  held.loaded.add(collection);
  if (collections.every((c) => held.loaded.has(c))) forgetContent();
}

/** Forgets the shared content (a build: every collection is loaded; dev: the files changed). */
export function forgetContent(): void {
  slot.forget();
}
