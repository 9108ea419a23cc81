/**
 * What this Astro process builds: every page (`astro build`, `astro dev`), or,
 * when it assembles parts built apart (src/node/build-parts.ts), only the
 * pages that span years: each year's own pages (its articles, their
 * versions, change and capture pages, its listings) come from its part.
 * The integration says so before the routes list their pages, through a
 * process slot (the routes run in the same process, as another module
 * instance).
 */
import { processSlot } from "../archive/process-slot.ts";

const slot = processSlot<{ assembling: true }>("build-scope");

/** Tells the routes that this build assembles parts: the years' pages are not built here. */
export function assembleParts(): void {
  slot.set({ assembling: true });
}

/** Whether this build renders the years' own pages (every build but an assembly). */
export const yearPagesBuilt = (): boolean => slot.get() === undefined;
