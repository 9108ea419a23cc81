import { describe, expect, it } from "vitest";
import { sha256 } from "../../src/archive/hash.ts";
import { fixityManifest, parseFixityManifest } from "../../src/archive/publish/fixity.ts";
import { dayTimestamp, fileUrl, mediaType, recordId } from "../../src/archive/publish/warc.ts";

describe("fixity manifest", () => {
  it("lists files sorted by path with their SHA-256, and parses back", () => {
    const text = fixityManifest(
      new Map([
        ["b/index.html", sha256("b")],
        ["a.txt", sha256("")],
      ]),
    );
    expect(text).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.txt\n" +
        "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b/index.html\n",
    );
    expect(parseFixityManifest(text).get("a.txt")).toMatch(/^e3b0/);
    expect(() => parseFixityManifest("nope  a.txt\n")).toThrow(/line 1/);
  });
});

describe("WARC helpers", () => {
  it("gives each built file its URL on the site", () => {
    expect(fileUrl("https://a.example/archive/", "index.html")).toBe("https://a.example/archive/");
    expect(fileUrl("https://a.example/", "articles/x/index.html")).toBe(
      "https://a.example/articles/x/",
    );
    expect(fileUrl("https://a.example/", "captures/c.txt")).toBe(
      "https://a.example/captures/c.txt",
    );
  });
  it("names media types, record ids and timestamps the same on every build", () => {
    expect(mediaType("a/b.html")).toBe("text/html; charset=utf-8");
    expect(mediaType("pagefind/wasm.en.pagefind")).toBe("application/octet-stream");
    expect(recordId("response", "u")).toBe(recordId("response", "u"));
    expect(recordId("response", "u")).toMatch(
      /^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}>$/,
    );
    expect(dayTimestamp("2026-11-25")).toBe("2026-11-25T00:00:00Z");
  });
});
