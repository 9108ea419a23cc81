/**
 * The search index: Pagefind's Node API over the built pages, into
 * <outDir>/pagefind/, every error reported; then what the archive never
 * loads is removed.
 */
import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import * as pagefind from "pagefind";

/** Fails with every message Pagefind reported for one step. */
function assertNoErrors(step: string, errors: readonly string[]): void {
  if (errors.length > 0) {
    throw new Error(`Pagefind ${step} failed:\n  ${errors.join("\n  ")}`);
  }
}

/** Builds the search index over the built pages into <outDir>/pagefind/. */
export async function indexSite(outDir: string): Promise<{ pages: number }> {
  try {
    // The ¶ and "in the capture" links beside each block are the archive's, not the article's.
    const created = await pagefind.createIndex({ excludeSelectors: [".permalink", ".in-capture"] });
    assertNoErrors("createIndex", created.errors);
    const index = created.index;
    if (!index) throw new Error("Pagefind createIndex returned no index");
    const added = await index.addDirectory({ path: outDir });
    assertNoErrors(`addDirectory(${outDir})`, added.errors);
    if (added.page_count === 0) {
      throw new Error(`Pagefind found no page with data-pagefind-body in ${outDir}`);
    }
    const written = await index.writeFiles({ outputPath: join(outDir, "pagefind") });
    assertNoErrors("writeFiles", written.errors);
    await pruneIndex(join(outDir, "pagefind"));
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

/**
 * Removes what Pagefind writes but the archive never loads: its three
 * prebuilt UIs (we use the JS API), its Web Worker (search runs with
 * noWorker) and the WebAssembly of languages no page is in. Less to publish,
 * precache and package.
 */
async function pruneIndex(dir: string): Promise<void> {
  const entry = JSON.parse(await readFile(join(dir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { wasm?: string }>;
  };
  const used = new Set(
    Object.values(entry.languages).map(({ wasm }) => `wasm.${wasm ?? "unknown"}.pagefind`),
  );
  for (const name of await readdir(dir)) {
    const unusedUi = /^pagefind-(ui|component-ui|modular-ui|worker)\.(js|css)$/.test(name);
    const unusedWasm = /^wasm\..+\.pagefind$/.test(name) && !used.has(name);
    if (unusedUi || unusedWasm) await rm(join(dir, name));
  }
}
