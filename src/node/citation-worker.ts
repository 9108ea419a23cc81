/**
 * The build's citation worker (a worker thread): formats each article's
 * citations with citeproc while the main thread builds pages, so the two
 * cores share the work. Messages in: { key, item }; out: { key, citations }
 * or { key, error }.
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

parentPort?.on("message", ({ key, item }: { key: string; item: CslItem }) => {
  try {
    parentPort?.postMessage({ key, citations: articleCitations(item) });
  } catch (error) {
    parentPort?.postMessage({ key, error: String((error as Error).stack ?? error) });
  }
});
