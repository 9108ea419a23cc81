/**
 * The search index's writer on a worker thread: writes the shards it is given
 * as the archive's parts and directory (src/node/search-merge.ts) under its
 * own small heap, then ends, and its memory with it. Posts { error } if it fails.
 */
import { parentPort, workerData } from "node:worker_threads";
import { writeSearchParts, type PartLimits } from "./search-merge.ts";

/** What the worker is given. */
export interface MergeJob {
  /** The shards' Pagefind bundles, in order. */
  shardDirs: string[];
  /** The folder of the published index. */
  outDir: string;
  /** Each page's sort values, by its URL. */
  sortValues: [url: string, values: Record<string, string>][];
  /** How the index is cut, when not as the archive publishes it. */
  limits?: PartLimits;
  /** Each page's year whose parts hold it, by its URL (else its date's). */
  partYears?: [url: string, year: string][];
  /** Parts kept from an earlier build, already in the index (SearchSources). */
  kept?: string[];
  /** Folders holding the index's own files for the kept parts' languages. */
  rootFiles?: string[];
}

const job = workerData as MergeJob | undefined;
if (job) {
  try {
    await writeSearchParts(job.shardDirs, job.outDir, new Map(job.sortValues), job.limits, {
      partYears: new Map(job.partYears),
      kept: job.kept ?? [],
      rootFiles: job.rootFiles ?? [],
    });
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
