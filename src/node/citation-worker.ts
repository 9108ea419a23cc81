/**
 * The build's citation worker (a worker thread): formats each article's
 * citations with citeproc while the main thread builds pages, so the two
 * cores share the work. Messages in: { items: [key, item][] } once, the work
 * in the order given; { next: key }, a page waiting on that item: it is
 * formatted next, and the work goes on from there, as pages of a route are
 * built in an order. Out: { key, citations } or { key, error }, one item at a
 * time, so a request is read between two items.
 */
import { readFileSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import type { CslItem } from "../archive/citation/csl.ts";
import { articleCitations, STYLES, useStyles } from "../citation/format.ts";

const styles = new URL("../citation/styles/", import.meta.url);
useStyles(
  Object.fromEntries(
    STYLES.map((s) => [s.template, readFileSync(new URL(`${s.template}.csl`, styles), "utf8")]),
  ) as Parameters<typeof useStyles>[0],
);

/** The work in its order, and where each key is in it. */
const order: [key: string, item: CslItem][] = [];
const placeOf = new Map<string, number>();
/** The keys not yet formatted. */
const left = new Set<string>();
/** Where the work goes on. */
let at = 0;
let running = false;

/** Formats the next item left from `at` on (then from the start), one a turn of the event loop. */
function formatNext(): void {
  if (left.size === 0) {
    running = false;
    return;
  }
  let next = order[at];
  while (!next || !left.has(next[0])) {
    at = (at + 1) % order.length;
    next = order[at];
  }
  const [key, item] = next;
  left.delete(key);
  at = (at + 1) % order.length;
  try {
    parentPort?.postMessage({ key, citations: articleCitations(item) });
  } catch (error) {
    parentPort?.postMessage({ key, error: String((error as Error).stack ?? error) });
  }
  setImmediate(formatNext);
}

type Message = { items: [string, CslItem][] } | { next: string };

parentPort?.on("message", (message: Message) => {
  if ("items" in message) {
    for (const [key, item] of message.items) {
      if (placeOf.has(key)) continue;
      placeOf.set(key, order.length);
      order.push([key, item]);
      left.add(key);
    }
  } else if (left.has(message.next)) {
    at = placeOf.get(message.next) ?? at;
  }
  if (!running) {
    running = true;
    setImmediate(formatNext);
  }
});
