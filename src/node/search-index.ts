/**
 * The search index: Pagefind's Node API, fed each built page by the publish
 * step's one walk (the page's HTML as it is published, never read again from
 * disk), written into <outDir>/pagefind/ (SEARCH_DIR) with every error reported; then what
 * the archive never loads is removed. Pagefind indexes in its own process, so
 * it works on the other core while the walk hashes and packages the files.
 */
import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { SEARCH_DIR } from "../archive/site.ts";

/** Pages sent to Pagefind and not yet answered, at most: bounds the memory they hold. */
const IN_FLIGHT = 32;

/** Fails with every message Pagefind reported for one step. */
function assertNoErrors(step: string, errors: readonly string[]): void {
  if (errors.length > 0) {
    throw new Error(`Pagefind ${step} failed:\n  ${errors.join("\n  ")}`);
  }
}

/** An index being built: pages go in one by one, then it is written once. */
export interface SearchIndex {
  /**
   * Adds the built page at `path` (relative to the site, e.g. "articles/x/index.html").
   * A page without data-pagefind-body is not sent: Pagefind leaves such pages out
   * of an index in which any page has it, and parsing them costs it time and memory.
   */
  add(path: string, html: string): Promise<void>;
  /**
   * Writes the index into <outDir>/pagefind/ and closes Pagefind; fails unless
   * it holds exactly `articles` pages (an article page that lost its
   * data-pagefind-body would otherwise drop out of search without a word).
   */
  write(outDir: string, articles: number): Promise<void>;
  /** Closes Pagefind without writing (a failed build). */
  close(): Promise<void>;
}

/** Starts an index. The ¶ and "in the capture" links beside each block are the archive's, not the article's. */
export async function openSearchIndex(): Promise<SearchIndex> {
  const created = await pagefind.createIndex({ excludeSelectors: [".permalink", ".in-capture"] });
  assertNoErrors("createIndex", created.errors);
  const index = created.index;
  if (!index) throw new Error("Pagefind createIndex returned no index");
  const pending = new Set<Promise<void>>();
  const problems: string[] = [];
  const settle = async (): Promise<void> => {
    await Promise.all(pending);
    assertNoErrors("addHTMLFile", problems);
  };
  return {
    async add(path, html) {
      if (!html.includes("data-pagefind-body")) return;
      const added: Promise<void> = index
        .addHTMLFile({ sourcePath: path, content: html })
        .then(({ errors }) => {
          problems.push(...errors.map((e) => `${path}: ${e}`));
        })
        .finally(() => pending.delete(added));
      pending.add(added);
      if (pending.size >= IN_FLIGHT) await Promise.race(pending);
    },
    async write(outDir, articles) {
      try {
        await settle();
        const written = await index.writeFiles({ outputPath: join(outDir, SEARCH_DIR) });
        assertNoErrors("writeFiles", written.errors);
        const pages = await pruneIndex(join(outDir, SEARCH_DIR));
        if (pages !== articles) {
          throw new Error(
            `Pagefind indexed ${pages} of the ${articles} article pages in ${outDir}: each article page must carry data-pagefind-body, and no other page`,
          );
        }
      } finally {
        await pagefind.close();
      }
    },
    async close() {
      await Promise.allSettled(pending);
      await pagefind.close();
    },
  };
}

/**
 * Removes what Pagefind writes but the archive never loads: its three
 * prebuilt UIs (we use the JS API), its Web Worker (search runs with
 * noWorker) and the WebAssembly of languages no page is in. Less to publish,
 * precache and package. Returns the pages the index holds.
 */
async function pruneIndex(dir: string): Promise<number> {
  const entry = JSON.parse(await readFile(join(dir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { wasm?: string; page_count?: number }>;
  };
  const used = new Set(
    Object.values(entry.languages).map(({ wasm }) => `wasm.${wasm ?? "unknown"}.pagefind`),
  );
  for (const name of await readdir(dir)) {
    const unusedUi = /^pagefind-(ui|component-ui|modular-ui|worker)\.(js|css)$/.test(name);
    const unusedWasm = /^wasm\..+\.pagefind$/.test(name) && !used.has(name);
    if (unusedUi || unusedWasm) await rm(join(dir, name));
  }
  return Object.values(entry.languages).reduce((sum, l) => sum + (l.page_count ?? 0), 0);
}
