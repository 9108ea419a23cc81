/**
 * An article's versions in time: their order, which version comes before
 * which, and which change pages exist. Pure: given the versions as the
 * content check lists them (captured first, then imported first).
 *
 * A version's number is its place in import order and never changes; its
 * place in the list is its capture day's. A capture of an earlier day
 * imported later (a backfill) takes the next number and its day's place.
 */

/** What these rules need of a version. */
export interface Version {
  /** Its number: 1 for the article file, then 2, 3, … in import order. */
  number: number;
  /** The day it was captured, "YYYY-MM-DD". */
  archived: string;
}

/** One change page: the differences from version `from` to version `to`. */
export interface ChangePair {
  from: number;
  to: number;
}

/** Capture day first, then import order: the order versions are listed and compared in. */
export const byCapture = (a: Version, b: Version): number =>
  a.archived.localeCompare(b.archived) || a.number - b.number;

/** The version listed just before version `n`, if any. */
export function previousOf<V extends Version>(versions: readonly V[], n: number): V | undefined {
  const ordered = [...versions].sort(byCapture);
  const at = ordered.findIndex((v) => v.number === n);
  return at > 0 ? ordered[at - 1] : undefined;
}

/** The earliest and the latest capture. */
export function endsOf<V extends Version>(versions: readonly V[]): { first: V; newest: V } {
  const ordered = [...versions].sort(byCapture);
  const first = ordered[0];
  const newest = ordered.at(-1);
  if (!first || !newest) throw new Error("an article has at least one version");
  return { first, newest };
}

/**
 * Every change page the article has ever had, so that none disappears: for
 * each number m, the versions numbered up to m are what the archive held
 * once; each version beside another in that list, and the first beside the
 * newest, had a page then, and keep it. Without backfills this is each
 * version against the one before it and against the first.
 */
export function changePairs(versions: readonly Version[]): ChangePair[] {
  const pairs = new Map<string, ChangePair>();
  const add = (from: Version | undefined, to: Version | undefined): void => {
    if (from && to && from.number !== to.number) {
      pairs.set(`${from.number}-${to.number}`, { from: from.number, to: to.number });
    }
  };
  const numbers = versions.map((v) => v.number).sort((a, b) => a - b);
  for (const m of numbers) {
    const held = versions.filter((v) => v.number <= m).sort(byCapture);
    held.forEach((v, i) => add(held[i - 1], v));
    add(held[0], held.at(-1));
  }
  return [...pairs.values()].sort((a, b) => a.to - b.to || a.from - b.from);
}
