// @ts-check
import { unified } from "@astrojs/markdown-remark";
import { defineConfig } from "astro/config";
import { normaliseBasePath, normaliseSiteUrl, settingError } from "./src/archive/paths.ts";
import archive from "./src/integration/index.ts";
import { markdownOptions } from "./src/markdown/options.ts";

/**
 * Names Vite reserves for import.meta.env. Set in the environment (vitest
 * sets BASE_URL, for one), they silently override Astro's own values, so a
 * build with BASE_PATH=/archive/ would link to "/": they are dropped here.
 */
for (const name of ["BASE_URL", "MODE", "DEV", "PROD", "SSR", "SITE", "ASSETS_PREFIX"]) {
  Reflect.deleteProperty(process.env, name);
}
// An archive that promises privacy does not phone home from its build.
process.env.ASTRO_TELEMETRY_DISABLED ??= "1";

const base = normaliseBasePath(process.env.BASE_PATH);
const site = normaliseSiteUrl(process.env.SITE_URL);
// Pages a Pagefind process indexes before its part of the search index is merged (tests set few).
const shardPages = process.env.ARCHIVE_SEARCH_SHARD_PAGES;
if (shardPages && !/^[1-9]\d*$/.test(shardPages)) {
  throw settingError(
    `ARCHIVE_SEARCH_SHARD_PAGES must be a whole number of pages, at least 1 (got "${shardPages}")`,
  );
}

// Pages a part of the published search index holds at most (tests set few).
const partPages = process.env.ARCHIVE_SEARCH_PART_PAGES;
if (partPages && !/^[1-9]\d*$/.test(partPages)) {
  throw settingError(
    `ARCHIVE_SEARCH_PART_PAGES must be a whole number of pages, at least 1 (got "${partPages}")`,
  );
}

// The search chunks' bytes at most for the whole index to be precached (tests set 0).
const precacheBytes = process.env.ARCHIVE_SEARCH_PRECACHE_BYTES;
if (precacheBytes && !/^\d+$/.test(precacheBytes)) {
  throw settingError(
    `ARCHIVE_SEARCH_PRECACHE_BYTES must be a whole number of bytes (got "${precacheBytes}")`,
  );
}

export default defineConfig({
  ...(site ? { site } : {}),
  // Builds that run side by side (tests, the bench) each keep their own content cache.
  ...(process.env.ARCHIVE_CACHE_DIR ? { cacheDir: process.env.ARCHIVE_CACHE_DIR } : {}),
  base,
  trailingSlash: "always",
  // Pages inline their CSS and loader script: one request reads an article. Scoped styles
  // mark elements with a short class rather than a data attribute: fewer bytes a page.
  build: { format: "directory", inlineStylesheets: "always" },
  scopedStyleStrategy: "class",
  // Every page's Content Security Policy is written by the build's publish step, with the
  // hashes of that page's own inline scripts and styles (src/archive/publish/csp.ts).
  markdown: {
    syntaxHighlight: false,
    processor: unified(markdownOptions(base, true)),
  },
  integrations: [
    archive({
      search: {
        ...(shardPages ? { pagesPerShard: Number(shardPages) } : {}),
        ...(partPages ? { partPages: Number(partPages) } : {}),
      },
      ...(precacheBytes ? { searchPrecacheBytes: Number(precacheBytes) } : {}),
    }),
  ],
});
