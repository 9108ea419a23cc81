/**
 * The search merge's worker thread: merges the shards it is given
 * (src/node/search-merge.ts) under its own small heap, then ends, and its
 * memory with it. Posts { error } if the merge fails.
 */
import { parentPort, workerData } from "node:worker_threads";
import { mergeSearchIndexes } from "./search-merge.ts";

/** What the worker is given. */
export interface MergeJob {
  /** The shards' Pagefind bundles, in order. */
  shardDirs: string[];
  /** The folder of the merged bundle. */
  outDir: string;
  /** Each page's sort values, by its URL. */
  sortValues: [url: string, values: Record<string, string>][];
}

const job = workerData as MergeJob | undefined;
if (job) {
  try {
    await mergeSearchIndexes(job.shardDirs, job.outDir, new Map(job.sortValues));
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
