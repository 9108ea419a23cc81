/**
 * Formats every article's citations in a worker thread, started as soon as
 * the build knows its base and site, so citeproc (the costliest step of an
 * article page) runs on the second core while Astro loads content and renders
 * pages on the first. Pages await their own (src/citation/citation.ts); one
 * that asks for an item not yet formatted has it formatted next, and the
 * worker goes on from there, so it works in the order the pages are built
 * rather than making them wait for the items before theirs.
 */
import { Worker } from "node:worker_threads";
import type { CslItem } from "../archive/citation/csl.ts";
import { citationKey, type ArticleCitations } from "../citation/format.ts";
import type { PreparedCitations } from "../citation/prepared.ts";

/** Citations being formatted, and how to stop the worker. */
export interface CitationWork {
  /** By citationKey(item), for the pages (which make their own item). */
  citations: PreparedCitations;
  /** The article `id`'s citations, for the files the build writes itself. */
  ofArticle(id: string): Promise<ArticleCitations> | undefined;
  stop(): Promise<void>;
}

type Reply = { key: string; citations?: ArticleCitations; error?: string };

/** Starts formatting the citations of each article's item (by article id), in the order given. */
export function prepareCitations(items: ReadonlyMap<string, CslItem>): CitationWork {
  const worker = new Worker(new URL("./citation-worker.ts", import.meta.url));
  const waiting = new Map<
    string,
    { ok: (c: ArticleCitations) => void; fail: (e: Error) => void }
  >();
  const citations = new Map<string, Promise<ArticleCitations>>();
  const keys = new Map<string, string>();
  const work: [string, CslItem][] = [];
  for (const [id, item] of items) {
    const key = citationKey(item);
    keys.set(id, key);
    if (citations.has(key)) continue;
    const promise = new Promise<ArticleCitations>((ok, fail) => waiting.set(key, { ok, fail }));
    promise.catch(() => undefined); // a page that needs it sees the failure
    citations.set(key, promise);
    work.push([key, item]);
  }
  if (work.length > 0) worker.postMessage({ items: work });
  const failAll = (error: Error): void => {
    for (const { fail } of waiting.values()) fail(error);
    waiting.clear();
  };
  worker.on("message", ({ key, citations: done, error }: Reply) => {
    const waiter = waiting.get(key);
    waiting.delete(key);
    if (done) waiter?.ok(done);
    else waiter?.fail(new Error(`Formatting a citation failed: ${error}`));
    // Its work done, the worker goes, and its memory with it (the results are kept here).
    if (waiting.size === 0) void worker.terminate();
  });
  worker.on("error", failAll);
  worker.on("exit", () => failAll(new Error("The citation worker stopped early")));
  // While it works, a page may be waiting on it: it keeps the process alive until it is done.
  if (waiting.size === 0) void worker.terminate();
  /** Keys already asked for first. */
  const asked = new Set<string>();
  return {
    citations: {
      get(key) {
        if (waiting.has(key) && !asked.has(key)) {
          asked.add(key);
          worker.postMessage({ next: key });
        }
        return citations.get(key);
      },
    },
    ofArticle: (id) => {
      const key = keys.get(id);
      return key === undefined ? undefined : citations.get(key);
    },
    async stop() {
      await worker.terminate();
    },
  };
}
