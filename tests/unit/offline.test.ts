import { describe, expect, it } from "vitest";
import {
  cacheKey,
  isArticlePage,
  versionOfPage,
  offlineRole,
  pathUnderBase,
  runtimeCaches,
} from "../../src/archive/publish/offline.ts";
import { precacheEntry } from "../../src/node/service-worker.ts";

const SHA = "ab".repeat(32);

/** The files a build of `n` articles publishes, as the publish step walks them. */
function builtFiles(n: number): string[] {
  const files = [
    "index.html",
    "404.html",
    "offline/index.html",
    "browse/index.html",
    "favicon.svg",
    "manifest.webmanifest",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "modules/search.js",
    "modules/search-panel.css",
    "_astro/index.Dz1x2c3v.css",
    "pagefind/pagefind.js",
    "pagefind/pagefind-highlight.js",
    "pagefind/pagefind-entry.json",
    "pagefind/pagefind.en_e2db33d828.pf_meta",
    "pagefind/wasm.en.pagefind",
    "pagefind/wasm.unknown.pagefind",
    "packages/2020.wacz",
    "packages/shared.wacz",
    "manifest-sha256.txt",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "_headers",
  ];
  for (let i = 0; i < n; i += 1) {
    const id = `2020-05-24-article-${i}`;
    const capture = `${String(i).padStart(3, "0")}_0123456789abcdef`;
    files.push(
      `articles/${id}/index.html`,
      `articles/${id}/citation.bib`,
      `articles/${id}/citation.ris`,
      `articles/${id}/citation.json`,
      `captures/${capture}.txt`,
      `captures/${capture}/index.html`,
      `pagefind/fragment/en_${i.toString(16).padStart(7, "0")}.pf_fragment`,
      `pagefind/index/en_${(i + 1).toString(16).padStart(7, "0")}.pf_index`,
      `years/2020/${i + 2}/index.html`,
      `outlets/press-tv/${i + 2}/index.html`,
    );
  }
  return files;
}

/** Expects each of `paths` to have `role`. */
function expectRole(role: ReturnType<typeof offlineRole>, paths: readonly string[]): void {
  for (const path of paths) expect(offlineRole(path), path).toBe(role);
}

const precached = (files: readonly string[]): string[] =>
  files.flatMap((path) => precacheEntry("/archive/", path, SHA)?.url ?? []);

describe("what the service worker keeps offline", () => {
  it("precaches the shell and search's code and entry, and nothing of the articles", () => {
    expect(precached(builtFiles(2))).toEqual([
      "/archive/index.html",
      "/archive/404.html",
      "/archive/offline/index.html",
      "/archive/favicon.svg",
      "/archive/manifest.webmanifest",
      "/archive/icons/icon-192.png",
      "/archive/icons/icon-512.png",
      "/archive/modules/search.js",
      "/archive/modules/search-panel.css",
      "/archive/_astro/index.Dz1x2c3v.css",
      "/archive/pagefind/pagefind.js",
      "/archive/pagefind/pagefind-highlight.js",
      "/archive/pagefind/pagefind-entry.json",
      "/archive/pagefind/pagefind.en_e2db33d828.pf_meta",
      "/archive/pagefind/wasm.en.pagefind",
      "/archive/pagefind/wasm.unknown.pagefind",
    ]);
  });

  it("precaches as much for 10,000 articles as for one", () => {
    expect(precached(builtFiles(10_000))).toEqual(precached(builtFiles(1)));
  });

  it("gives each precached file a revision, except Pagefind's hash-named metadata", () => {
    expect(precacheEntry("/", "modules/search.js", SHA)).toEqual({
      url: "/modules/search.js",
      revision: SHA.slice(0, 32),
    });
    expect(precacheEntry("/", "pagefind/pagefind.en_e2db33d828.pf_meta", SHA)).toEqual({
      url: "/pagefind/pagefind.en_e2db33d828.pf_meta",
      revision: null,
    });
    expect(precacheEntry("/", "articles/a/index.html", SHA)).toBeNull();
    expect(precacheEntry("/", "pagefind/index/en_3cc9bc7.pf_index", SHA)).toBeNull();
  });

  it("precaches a small index's chunks too, by their hash-carrying names, and nothing more", () => {
    expect(precacheEntry("/", "pagefind/index/en_3cc9bc7.pf_index", SHA, true)).toEqual({
      url: "/pagefind/index/en_3cc9bc7.pf_index",
      revision: null,
    });
    expect(
      precacheEntry(
        "/",
        "pagefind/parts/en-2020-1-99bc0860c1/fragment/en_b34d200.pf_fragment",
        SHA,
        true,
      ),
    ).not.toBeNull();
    // A part's page table is in its folder named by its hash: precached only with the whole index.
    const partMeta = "pagefind/parts/en-2020-1-99bc0860c1/pagefind.en_99bc0860c1.pf_meta";
    expect(precacheEntry("/", partMeta, SHA, true)).toEqual({
      url: `/${partMeta}`,
      revision: null,
    });
    expect(precacheEntry("/", partMeta, SHA, false)).toBeNull();
    expect(precacheEntry("/", "articles/a/index.html", SHA, true)).toBeNull();
    expect(precacheEntry("/", "packages/shared.wacz", SHA, true)).toBeNull();
  });

  it("keeps pages, their files and listings as they are opened", () => {
    expectRole("page", [
      "articles/a/",
      "articles/a/index.html",
      "articles/a/citation.bib",
      "articles/a/citation.json",
      "captures/000_0123456789abcdef.txt",
      "captures/000_0123456789abcdef/",
      "browse/",
      "years/2020/",
      "years/2020/months/05/",
      "outlets/press-tv/2/",
    ]);
  });

  it("keeps Pagefind's chunks as searches fetch them, and leaves the rest to the network", () => {
    expectRole("search-chunk", [
      "pagefind/index/en_3cc9bc7.pf_index",
      "pagefind/filter/en_a45bfd7.pf_filter",
      "pagefind/parts/en-2020-1-99bc0860c1/pagefind-entry.json",
      "pagefind/parts/en-2020-1-99bc0860c1/pagefind.en_99bc0860c1.pf_meta",
      "pagefind/parts/en-2020-1-99bc0860c1/index/en_be926eb.pf_index",
      "pagefind/parts/en-2020-1-99bc0860c1/fragment/en_b34d200.pf_fragment",
      "pagefind/parts/en-2020-1-99bc0860c1/filter/en_4e450aa.pf_filter",
    ]);
    expectRole("none", [
      "packages/2020.wacz",
      "packages/shared.wacz",
      "manifest-sha256.txt",
      "feed.xml",
      "sitemap.xml",
      "robots.txt",
      "_headers",
      "sw.js",
      "pagefind/pagefind-ui.js",
      // A fragment is a part's: the directory has none.
      "pagefind/fragment/en_b34d200.pf_fragment",
    ]);
  });

  it("finds a page's path under the base and knows an article's own page", () => {
    expect(pathUnderBase(new URL("http://x/archive/articles/a/"), "/archive/")).toBe("articles/a/");
    expect(pathUnderBase(new URL("http://x/elsewhere/"), "/archive/")).toBeNull();
    expect(isArticlePage("articles/a/")).toBe(true);
    expect(isArticlePage("articles/a/index.html")).toBe(true);
    expect(isArticlePage("articles/a/citation.bib")).toBe(false);
    expect(isArticlePage("captures/a/")).toBe(false);
    // A later version's page is an article page too, and says which version it is.
    expect(isArticlePage("articles/a/versions/2/")).toBe(true);
    expect(isArticlePage("articles/a/changes/1-to-2/")).toBe(false);
    expect(versionOfPage("articles/a/versions/12/index.html")).toBe(12);
    expect(versionOfPage("articles/a/")).toBeUndefined();
  });

  it("keeps a copy under its URL without ?highlight=, ?ts=, utm_ parameters or a fragment", () => {
    expect(cacheKey("http://x/archive/articles/a/?highlight=Gnounou&utm_source=y#h2")).toBe(
      "http://x/archive/articles/a/",
    );
    expect(cacheKey("http://x/archive/pagefind/pagefind-entry.json?ts=123")).toBe(
      "http://x/archive/pagefind/pagefind-entry.json",
    );
    expect(cacheKey("http://x/archive/years/2020/?page=2")).toBe(
      "http://x/archive/years/2020/?page=2",
    );
  });

  it("names its caches per scope, so two archives on one origin never share one", () => {
    expect(runtimeCaches("http://x/a/").pages).not.toBe(runtimeCaches("http://x/b/").pages);
  });
});
