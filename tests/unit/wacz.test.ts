import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { CDXIndexer, WARCParser } from "warcio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WaczWriter } from "../../src/node/wacz.ts";

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
    const writer = await WaczWriter.open("https://archive.example/archive/", "2026-11-25");
    for (const f of FILES)
      await writer.add(f.path, f.body, f.type, f.capture === true, sha(f.body));
    await writer.finish(dir, []);
    zip = unzipSync(new Uint8Array(await readFile(join(dir, "archive.wacz"))));
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
});
