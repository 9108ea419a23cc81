/**
 * What this Astro process builds: every page (`astro build`, `astro dev`), or,
 * when it assembles parts built apart (src/node/build-parts.ts), the pages
 * that span years and the pages of the years it builds itself (none, or the
 * few `npm run build` gives it, so that a small rebuild runs Astro once): every
 * other year's own pages (its articles, their versions, change and capture
 * pages, its listings) come from its part. The integration says so before the
 * routes list their pages, through a process slot (the routes run in the same
 * process, as another module instance).
 */
import { processSlot } from "../archive/process-slot.ts";

/** The years an assembly builds the pages of, and their articles (by id). */
interface Scope {
  years: ReadonlySet<string>;
  articles: ReadonlySet<string>;
}

const slot = processSlot<Scope>("build-scope");

/**
 * Tells the routes that this build assembles parts: of the years' own pages,
 * only those of `years` (whose articles are `articles`) are built here.
 */
export function assembleParts(years: Iterable<string>, articles: Iterable<string>): void {
  slot.set({ years: new Set(years), articles: new Set(articles) });
}

/** Whether this build renders the pages of any year (every build but an assembly of kept parts alone). */
export function yearPagesBuilt(): boolean {
  const scope = slot.get();
  return scope === undefined || scope.years.size > 0;
}

/** Whether this build renders the listings of `year`. */
export function yearBuilt(year: string): boolean {
  const scope = slot.get();
  return scope === undefined || scope.years.has(year);
}

/** Whether this build renders the pages of the article `article` (its version 1's id). */
export function articleBuilt(article: string): boolean {
  const scope = slot.get();
  return scope === undefined || scope.articles.has(article);
}
