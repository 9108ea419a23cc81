import fs from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { CDXIndexer, WARCParser } from "warcio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPagesListed, WaczWriter } from "../../src/node/wacz.ts";
import { packagePlan, SHARED_PACKAGE } from "../../src/archive/publish/packages.ts";

const sha = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
async function* chunks(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

const FILES = [
  {
    path: "index.html",
    body: encode("<!doctype html><p>front</p>"),
    type: "text/html; charset=utf-8",
  },
  {
    path: "captures/a b.txt",
    body: encode("Headline\r\n\r\nText é\n"),
    type: "text/plain; charset=windows-1252",
    capture: true,
  },
  { path: "articles/x/citation.bib", body: encode("@article{x}\n"), type: "application/x-bibtex" },
];

describe("the WACZ writer", () => {
  let dir: string;
  let zip: Record<string, Uint8Array>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wacz-test-"));
    const writer = await WaczWriter.open("https://archive.example/archive/", "2026-11-25", dir);
    for (const f of FILES)
      await writer.add(f.path, f.body, f.type, f.capture === true, sha(f.body));
    await writer.finish(join(dir, "test.wacz"), []);
    zip = unzipSync(new Uint8Array(await readFile(join(dir, "test.wacz"))));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the CDXJ index warcio's indexer would write from the WARC", async () => {
    const warc = zip["archive/archive.warc.gz"] ?? new Uint8Array();
    const indexer = new CDXIndexer({ format: "cdxj" });
    const lines: string[] = [];
    for await (const cdx of indexer.iterIndex([
      { reader: chunks(warc), filename: "archive.warc.gz" },
    ])) {
      lines.push(indexer.serializeCDXJ(cdx));
    }
    expect(lines).toHaveLength(FILES.length);
    const written = new TextDecoder().decode(zip["indexes/index.cdx"]);
    expect(written).toBe(lines.sort().join(""));
  });

  it("gives every record its payload and block digests", async () => {
    const warc = zip["archive/archive.warc.gz"] ?? new Uint8Array();
    let records = 0;
    for await (const record of WARCParser.iterRecords([warc], { keepHeadersCase: true })) {
      if (record.warcType === "warcinfo") continue;
      records++;
      const payload = await record.readFully(false);
      const http = record.httpHeaders ? `${record.httpHeaders.toString()}\r\n` : "";
      const block = Buffer.concat([encode(http), payload]);
      expect(record.warcPayloadDigest).toBe(`sha256:${sha(payload)}`);
      expect(record.warcBlockDigest).toBe(`sha256:${sha(block)}`);
    }
    expect(records).toBe(FILES.length);
  });

  it("grows its WARC in the scratch folder it is given, and leaves nothing there", async () => {
    const scratch = join(dir, "beside-the-site");
    const writer = await WaczWriter.open("https://archive.example/archive/", "2026-11-25", scratch);
    const [first] = FILES;
    if (!first) throw new Error("no test file");
    await writer.add(first.path, first.body, first.type, false, sha(first.body));
    const growing = await readdir(scratch);
    expect(growing).toHaveLength(1);
    expect(await readdir(join(scratch, growing[0] ?? ""))).toContain("archive.warc.gz");
    await writer.finish(join(dir, "scratch.wacz"), []);
    expect(await readdir(scratch)).toEqual([]);
  });

  it("writes the same bytes when the file system answers out of turn, under any umask", async () => {
    const write = async (name: string): Promise<Buffer> => {
      const writer = await WaczWriter.open("https://archive.example/archive/", "2026-11-25", dir);
      for (const f of FILES)
        await writer.add(f.path, f.body, f.type, f.capture === true, sha(f.body));
      await writer.finish(join(dir, name), []);
      return readFile(join(dir, name));
    };
    const first = await write("first.wacz");
    // A loaded machine: the zip writer's look at pages.jsonl answers after the WARC's,
    // and the scratch files are made with another mode.
    const lstat = fs.lstat;
    const umask = process.umask(0o077);
    const late = ((path: fs.PathLike, ...rest: unknown[]) => {
      const answer = (): void => void Reflect.apply(lstat, fs, [path, ...rest]);
      if (String(path).endsWith("pages.jsonl")) setTimeout(answer, 200);
      else answer();
    }) as typeof fs.lstat;
    fs.lstat = late;
    try {
      expect((await write("second.wacz")).equals(first)).toBe(true);
    } finally {
      fs.lstat = lstat;
      process.umask(umask);
    }
    expect(Object.keys(unzipSync(new Uint8Array(first)))).toEqual([
      "indexes/index.cdx",
      "pages/pages.jsonl",
      "archive/archive.warc.gz",
      "datapackage.json",
      "datapackage-digest.json",
    ]);
  });
});

describe("the page list", () => {
  it("keeps an article whose text holds U+2028 and U+2029, each line read back whole", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wacz-pages-"));
    try {
      const writer = await WaczWriter.open("https://archive.example/", "2026-11-25", dir);
      const [first] = FILES;
      if (!first) throw new Error("no test file");
      await writer.add(first.path, first.body, first.type, false, sha(first.body));
      const page = {
        id: "2020-06-03-a",
        headline: "A line\u2028separator",
        archived: "2026-11-25",
        text: "Before\u2028after\u2029the next.",
      };
      await writer.finish(join(dir, "lines.wacz"), [page]);
      const zip = unzipSync(new Uint8Array(await readFile(join(dir, "lines.wacz"))));
      const jsonl = new TextDecoder().decode(zip["pages/pages.jsonl"] ?? new Uint8Array());
      expect(jsonl).not.toBe("");
      expect(jsonl).not.toMatch(/[\u2028\u2029]/);
      const cdx = new TextDecoder().decode(zip["indexes/index.cdx"] ?? new Uint8Array());
      expect(cdx).not.toMatch(/[\u2028\u2029]/);
      const lines = jsonl
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.at(-1)).toMatchObject({ title: page.headline, text: page.text });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("stops a package that was written without it, naming the package", () => {
    const written = [{ path: "archive/archive.warc.gz" }, { path: "datapackage.json" }];
    expect(() => checkPagesListed("dist/packages/2020.wacz", written)).toThrow(
      "dist/packages/2020.wacz: the package has no pages/pages.jsonl",
    );
    expect(() =>
      checkPagesListed("x.wacz", [...written, { path: "pages/pages.jsonl" }]),
    ).not.toThrow();
  });
});

describe("the packages' plan", () => {
  const plan = packagePlan([
    {
      article: "a",
      year: "2020",
      captures: ["1.txt", "1b.txt"],
      archived: ["2026-11-25", "2026-11-30"],
    },
    { article: "b", year: "2021", captures: ["2.txt"], archived: ["2026-11-26"] },
  ]);

  it("packs each article's pages and captures, its year's listing and search parts in its year, the rest in the shared package", () => {
    expect(
      [
        "articles/a/index.html",
        "articles/a/versions/2/index.html",
        "articles/a/changes/1-to-2/index.html",
        "articles/a/citation.bib",
        "captures/1b.txt",
        "captures/1b/index.html",
        "years/2020/index.html",
        "years/2020/months/05/index.html",
        "pagefind/parts/en-2020-1-99bc0860c1/pagefind-entry.json",
        "pagefind/parts/pt-br-2020-2-0a/index/pt-br_1a2b3c4.pf_index",
        "articles/b/index.html",
        "captures/2.txt",
        "index.html",
        "years/index.html",
        "years/1999/index.html",
        "pagefind/pagefind.js",
        "pagefind/parts/en-1999-1-0a/pagefind-entry.json",
        "sw.js",
      ].map((path) => plan.packageOf(path)),
    ).toEqual([...Array(10).fill("2020"), "2021", "2021", ...Array(6).fill(SHARED_PACKAGE)]);
  });

  it("dates each package by its own newest archive day, the shared one by the newest of all", () => {
    expect([...plan.days]).toEqual([
      ["2020", "2026-11-30"],
      ["2021", "2026-11-26"],
      [SHARED_PACKAGE, "2026-11-30"],
    ]);
  });
});
