import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPartOf, SHARED_PART } from "../../src/archive/publish/build-parts.ts";
import { packagePlan } from "../../src/archive/publish/packages.ts";
import { partFolderYear } from "../../src/archive/search/search-parts.ts";
import type { ArticleEntry } from "../../src/archive/content/content-check.ts";
import type { InputDigests } from "../../src/node/build-inputs.ts";
import { ownEntries } from "../../src/node/content-parts.ts";
import { plannedPackages } from "../../src/node/publish.ts";
import { listFiles } from "../../src/node/files.ts";
import { sha256 } from "../../src/archive/hash.ts";
import {
  changedSincePlanned,
  groupParts,
  moveBuilt,
  PART_ARTICLES,
  partArticles,
  type PartPlan,
  planParts,
  pruneParts,
  readPartsFile,
  removeLeftovers,
  whyBuildPart,
  writePartsFile,
} from "../../src/node/build-parts.ts";

const plan = packagePlan([
  {
    article: "2020-05-24-libya",
    year: "2020",
    captures: ["000_03d7a90d1c96a686.txt", "301_seed_edited.txt"],
    archived: ["2026-11-28", "2026-11-29"],
  },
  {
    article: "2023-11-14-valdmark",
    year: "2023",
    captures: ["101_af2d.txt"],
    archived: ["2026-11-28"],
  },
]);

describe("the parts of a built site", () => {
  it.each([
    ["articles/2020-05-24-libya/index.html", "2020"],
    ["articles/2020-05-24-libya/versions/2/index.html", "2020"],
    ["articles/2020-05-24-libya/changes/1-2/index.html", "2020"],
    ["articles/2023-11-14-valdmark/citation.ris", "2023"],
    ["captures/000_03d7a90d1c96a686.txt", "2020"],
    ["captures/301_seed_edited/index.html", "2020"],
    ["captures/101_af2d.txt", "2023"],
    ["years/2020/index.html", "2020"],
    ["years/2023/months/11/index.html", "2023"],
    ["pagefind/parts/en-2020-1-99bc0860c1/pagefind-entry.json", "2020"],
    ["pagefind/parts/zh-tw-2023-2-0123abcdef/index/zh-tw_1a2b3c4.pf_index", "2023"],
    // A part of a year no article has is no year's.
    ["pagefind/parts/en-1999-1-0123abcdef/pagefind-entry.json", SHARED_PART],
    ["years/1999/index.html", SHARED_PART],
    ["packages/2023.wacz", "2023"],
    // What spans years is shared.
    ["index.html", SHARED_PART],
    ["browse/index.html", SHARED_PART],
    ["years/index.html", SHARED_PART],
    ["outlets/press-tv/index.html", SHARED_PART],
    ["outlets/press-tv/2/index.html", SHARED_PART],
    ["feed.xml", SHARED_PART],
    ["sitemap.xml", SHARED_PART],
    ["sitemaps/1.xml", SHARED_PART],
    ["pagefind/pagefind-entry.json", SHARED_PART],
    ["pagefind/pagefind.en_c2d7d8912e.pf_meta", SHARED_PART],
    ["pagefind/index/en_1881ff0.pf_index", SHARED_PART],
    ["packages/shared.wacz", SHARED_PART],
    ["sw.js", SHARED_PART],
    ["_headers", SHARED_PART],
    ["manifest-sha256.txt", SHARED_PART],
    ["articles/an-article-not-in-the-plan/index.html", SHARED_PART],
  ])("%s is in the part %s", (path, part) => {
    expect(buildPartOf(path, plan)).toBe(part);
  });

  it("reads a part folder's year, whatever its language's name", () => {
    expect(partFolderYear("en-2020-1-99bc0860c1")).toBe("2020");
    expect(partFolderYear("pt-br-1999-12-0a")).toBe("1999");
    expect(partFolderYear("en-undated-3-ff")).toBe("undated");
    expect(partFolderYear("en-2020")).toBeUndefined();
  });
});

describe("the parts cache", () => {
  const digests = (code: string, capture: string): InputDigests => ({
    inputs: "",
    code,
    content: new Map([
      ["articles/2020-05-24-libya.md", "a1"],
      ["captures/000_03d7a90d1c96a686.txt", capture],
    ]),
  });
  const content = new Map([
    ["2020", { articles: ["2020-05-24-libya.md"], captures: ["000_03d7a90d1c96a686.txt"] }],
  ]);

  it("keys a part by the code and its own files' bytes", () => {
    const [part] = planParts(digests("code", "c1"), content, "/cache");
    expect(part?.folder).toBe(`/cache/2020-${part?.key ?? ""}`);
    expect(planParts(digests("code", "c1"), content, "/cache")[0]?.key).toBe(part?.key);
    expect(planParts(digests("code", "c2"), content, "/cache")[0]?.key).not.toBe(part?.key);
    expect(planParts(digests("other", "c1"), content, "/cache")[0]?.key).not.toBe(part?.key);
  });

  it("reuses a part only when its folder holds every file it built, at its size, and says why not", async () => {
    const cache = await mkdtemp(join(tmpdir(), "archive-parts-cache-"));
    try {
      const [part] = planParts(digests("code", "c1"), content, cache);
      if (!part) throw new Error("no part planned");
      expect(await whyBuildPart(part)).toBe("not built before");
      await mkdir(join(part.folder, "site", "years", "2020"), { recursive: true });
      await writeFile(join(part.folder, "site", "years", "2020", "index.html"), "<p>2020</p>");
      await writeFile(
        join(part.folder, "part.json"),
        JSON.stringify({
          year: "2020",
          key: part.key,
          files: { "years/2020/index.html": { size: 11, sha256: "0".repeat(64), policy: 0 } },
          policies: ["default-src 'self'"],
          content: part.digests,
        }),
      );
      expect(await whyBuildPart(part)).toBeUndefined();
      await writeFile(join(part.folder, "site", "years", "2020", "index.html"), "<p>changed</p>");
      expect(await whyBuildPart(part)).toBe(
        "years/2020/index.html in its folder is not the file it built",
      );
      await rm(join(part.folder, "site", "years", "2020", "index.html"));
      expect(await whyBuildPart(part)).toBe("years/2020/index.html is missing from its folder");
      // A newer content of the year: what changed since the part in the cache.
      const [changed] = planParts(digests("code", "c2"), content, cache);
      if (!changed) throw new Error("no part planned");
      expect(await whyBuildPart(changed)).toBe("1 capture changed");
      const [recoded] = planParts(digests("new code", "c1"), content, cache);
      if (!recoded) throw new Error("no part planned");
      expect(await whyBuildPart(recoded)).toBe("the code or settings changed");
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
  it("names the content files an import rewrote after the build planned its parts", async () => {
    const root = await mkdtemp(join(tmpdir(), "archive-planned-"));
    const previous = process.env.ARCHIVE_CONTENT;
    delete process.env.ARCHIVE_CONTENT;
    try {
      const files = {
        "articles/2020-05-24-libya.md": "---\nheadline: x\n---\n",
        "captures/000_03d7a90d1c96a686.txt": "capture",
      };
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(root, "content", path)), { recursive: true });
        await writeFile(join(root, "content", path), text);
      }
      const read: InputDigests = {
        inputs: "",
        code: "code",
        content: new Map(Object.entries(files).map(([path, text]) => [path, sha256(text)])),
      };
      const planned = planParts(read, content, join(root, "cache"));
      expect(await changedSincePlanned(root, planned)).toEqual([]);
      await writeFile(join(root, "content", "articles/2020-05-24-libya.md"), "rewritten");
      await rm(join(root, "content", "captures/000_03d7a90d1c96a686.txt"));
      expect(await changedSincePlanned(root, planned)).toEqual([
        "content/articles/2020-05-24-libya.md",
        "content/captures/000_03d7a90d1c96a686.txt",
      ]);
    } finally {
      if (previous !== undefined) process.env.ARCHIVE_CONTENT = previous;
      await rm(root, { recursive: true, force: true });
    }
  });

  it("loses what a build stopped midway left, and keeps every part", async () => {
    const cache = await mkdtemp(join(tmpdir(), "archive-leftovers-"));
    try {
      await mkdir(join(cache, ".building-123", "site"), { recursive: true });
      await writeFile(join(cache, ".assemble-123.json"), "{}");
      await mkdir(join(cache, "2020-0123456789abcdef"));
      await removeLeftovers(cache);
      expect(await readdir(cache)).toEqual(["2020-0123456789abcdef"]);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it("drops a year's older part and a year gone at once, removed after or, for one job's years, before it ends", async () => {
    const cache = await mkdtemp(join(tmpdir(), "archive-prune-"));
    try {
      const [part] = planParts(digests("code", "c1"), content, cache);
      if (!part) throw new Error("no part planned");
      for (const folder of [part.folder, join(cache, "2020-old"), join(cache, "2019-gone")]) {
        await mkdir(join(folder, "site"), { recursive: true });
        await writeFile(join(folder, "site", "index.html"), "<p>part</p>");
      }
      await pruneParts(cache, [part]);
      const parts = (await readdir(cache)).filter((name) => !name.startsWith("."));
      expect(parts).toEqual([part.folder.slice(cache.length + 1)]);
      // What is set aside is scratch: a build that finds it removes it.
      await removeLeftovers(cache);
      expect(await readdir(cache)).toEqual(parts);
      // A job building one year leaves its cache with nothing being removed, to be saved whole.
      await mkdir(join(cache, "2020-older"));
      await pruneParts(cache, [part], new Set(["2020"]));
      expect(await readdir(cache)).toEqual(parts);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});

describe("an assembly's own pages beside the years' files", () => {
  it("join the linked site, folder by folder, and never replace a part's file", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "archive-move-built-"));
    try {
      const [built, site] = [join(scratch, "built"), join(scratch, "site")];
      const files: Record<string, [string, string]> = {
        "index.html": [built, "front"],
        "outlets/press-tv/index.html": [built, "outlet"],
        "packages/shared.wacz": [built, "shared"],
        "packages/2020.wacz": [site, "2020"],
        "years/2020/index.html": [site, "year"],
      };
      for (const [path, [root, text]] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), text);
      }
      await moveBuilt(built, site);
      expect(await listFiles(site)).toEqual(Object.keys(files).sort());
      expect(await readFile(join(site, "packages/shared.wacz"), "utf8")).toBe("shared");
      expect(await listFiles(built)).toEqual([]);

      await mkdir(join(built, "years", "2020"), { recursive: true });
      await writeFile(join(built, "years", "2020", "index.html"), "assembly's");
      await expect(moveBuilt(built, site)).rejects.toThrow(
        "both the assembly and a year's part wrote years/2020/index.html",
      );
      expect(await readFile(join(site, "years/2020/index.html"), "utf8")).toBe("year");
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

describe("builds of parts too large for one", () => {
  /** A year's part with `n` article files. */
  const part = (year: string, n: number): PartPlan => ({
    year,
    key: "k",
    folder: `/cache/${year}-k`,
    content: { articles: Array.from({ length: n }, (_, i) => `${year}-${i}.md`), captures: [] },
    digests: {},
  });
  const years = (groups: PartPlan[][]): string[][] => groups.map((g) => g.map((p) => p.year));

  it("groups years in their order, each group at most the articles one build holds", () => {
    const parts = [
      part("2018", 3),
      part("2019", 4),
      part("2020", 9),
      part("2021", 1),
      part("2022", 2),
    ];
    expect(years(groupParts(parts, 8))).toEqual([["2018", "2019"], ["2020"], ["2021", "2022"]]);
    // A group may hold exactly the most.
    expect(years(groupParts(parts, 7))).toEqual([["2018", "2019"], ["2020"], ["2021", "2022"]]);
    expect(years(groupParts(parts, 100))).toEqual([["2018", "2019", "2020", "2021", "2022"]]);
    expect(years(groupParts(parts, 1))).toEqual([["2018"], ["2019"], ["2020"], ["2021"], ["2022"]]);
    expect(groupParts([], 8)).toEqual([]);
  });

  it("reads the most a build holds from ARCHIVE_PART_ARTICLES, refusing what is not a count", () => {
    expect(partArticles({})).toBe(PART_ARTICLES);
    expect(partArticles({ ARCHIVE_PART_ARTICLES: "" })).toBe(PART_ARTICLES);
    expect(partArticles({ ARCHIVE_PART_ARTICLES: "500" })).toBe(500);
    for (const bad of ["0", "-3", "1.5", "many"]) {
      expect(() => partArticles({ ARCHIVE_PART_ARTICLES: bad })).toThrow(
        `ARCHIVE_PART_ARTICLES=${bad}: must be a whole number of articles, 1 or more`,
      );
    }
  });
});

describe("what an assembly is given", () => {
  it("names each kept year's folder, and the years it builds from their own content", async () => {
    const dir = await mkdtemp(join(tmpdir(), "parts-file-"));
    try {
      const file = join(dir, "assemble.json");
      const digests: InputDigests = { inputs: "", code: "code", content: new Map() };
      const kept = planParts(digests, new Map([["2023", { articles: [], captures: [] }]]), dir);
      await writePartsFile(file, kept, { years: ["2020"], content: join(dir, "content") });
      expect(await readPartsFile(file)).toEqual({
        years: new Map([["2023", kept[0]?.folder]]),
        build: { years: ["2020"], content: join(dir, "content") },
      });
      await writePartsFile(file, kept);
      expect((await readPartsFile(file)).build).toBeUndefined();
      await writeFile(file, JSON.stringify({ years: {}, build: { years: "2020" } }));
      await expect(readPartsFile(file)).rejects.toThrow(
        `ARCHIVE_PARTS=${file}: its "build" names no years and content folder to build`,
      );
      await writeFile(file, "{");
      await expect(readPartsFile(file)).rejects.toThrow(`ARCHIVE_PARTS=${file}: `);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the years an assembly builds itself", () => {
  /** An entry as the check gives it, with only what the plan reads. */
  const entry = (article: string, version: number, published: string, path: string) =>
    ({
      id: version === 1 ? article : `${article}/versions/${version}`,
      article,
      version,
      path,
      data: { published, archived: "2026-11-28" },
      capture: { file: `${article}-${version}.txt` },
      recaptures: [],
    }) as unknown as ArticleEntry;
  const checked = [
    entry("2020-a", 1, "2020-05-24T07:18", "content/articles/2020-a.md"),
    // A later version dated in another year goes with its article.
    entry("2020-a", 2, "2021-01-01T09:00", "content/articles/2020-a/versions/2.md"),
    entry("2021-b", 1, "2021-03-01T10:00", "content/articles/2021-b.md"),
  ];

  it("are the articles planned for those years, named as the content names them", () => {
    const read = checked.slice(0, 2).map((e) => ({ ...e, path: `../part/${e.path}` }));
    const own = ownEntries(read, checked, new Set(["2020"]), plannedPackages(checked));
    expect(own.problems).toEqual([]);
    expect(own.entries.map((e) => [e.id, e.path])).toEqual([
      ["2020-a", "content/articles/2020-a.md"],
      ["2020-a/versions/2", "content/articles/2020-a/versions/2.md"],
    ]);
  });

  it("name each file read that was not planned, and each planned one not read", () => {
    const read = [checked[0], checked[2]].flatMap((e) => (e ? [e] : []));
    expect(ownEntries(read, checked, new Set(["2020"]), plannedPackages(checked)).problems).toEqual(
      [
        "content/articles/2021-b.md: not among the articles the build was planned from",
        "content/articles/2020-a/versions/2.md: missing from the content of its year as it was built",
      ],
    );
  });
});
