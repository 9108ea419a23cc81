import { describe, expect, it } from "vitest";
import { articleDescription } from "../../src/archive/page/describe.ts";
import { sha256 } from "../../src/archive/hash.ts";
import { isSha256 } from "../../src/archive/content/schema.ts";
import {
  articlePath,
  builtBase,
  capturePath,
  normaliseBasePath,
  normaliseSiteUrl,
  withBase,
} from "../../src/archive/paths.ts";

describe("paths", () => {
  it("carries the base path", () => {
    expect(withBase("/", "/x")).toBe("/x");
    expect(withBase("/archive", "x")).toBe("/archive/x");
    expect(articlePath("/archive/", "a-b")).toBe("/archive/articles/a-b/");
    expect(capturePath("/", "c.txt")).toBe("/captures/c.txt");
  });
  it("normalises a base path given by a user", () => {
    expect(normaliseBasePath(undefined)).toBe("/");
    expect(normaliseBasePath("archive")).toBe("/archive/");
    expect(normaliseBasePath("/archive//")).toBe("/archive/");
    expect(normaliseBasePath("/a/b")).toBe("/a/b/");
    expect(normaliseBasePath("//")).toBe("/");
  });
  it("refuses a base path that is not a path, naming the variable", () => {
    expect(() => normaliseBasePath("/arch ive/")).toThrow(/BASE_PATH="\/arch ive\/"/);
    expect(() => normaliseBasePath("/a/../b/")).toThrow(/BASE_PATH/);
    expect(() => normaliseBasePath("https://x.org/")).toThrow(/BASE_PATH/);
  });
  it("reads a site URL or says why not", () => {
    expect(normaliseSiteUrl(undefined)).toBeUndefined();
    expect(normaliseSiteUrl("https://example.org/")).toBe("https://example.org");
    expect(() => normaliseSiteUrl("example.org")).toThrow(/SITE_URL="example.org"/);
    expect(() => normaliseSiteUrl("ftp://example.org")).toThrow(/SITE_URL/);
    expect(() => normaliseSiteUrl("https://example.org/sub/")).toThrow(
      'SITE_URL="https://example.org/sub/" must be the site\'s origin alone, such as https://example.org: put its path in BASE_PATH (SITE_URL=https://example.org BASE_PATH=/sub/)',
    );
    expect(() => normaliseSiteUrl("https://example.org/?a=1")).toThrow(/no query or fragment/);
  });
  it("reads the base a page was built for", () => {
    expect(builtBase('<link rel="icon" href="/archive/favicon.svg" type="x">')).toBe("/archive/");
    expect(builtBase("<p>")).toBeUndefined();
  });
});

describe("hash", () => {
  it("computes and recognises SHA-256", () => {
    expect(sha256("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(isSha256(sha256("x"))).toBe(true);
    expect(isSha256("ABC")).toBe(false);
  });
});

describe("articleDescription", () => {
  it("is made only of what the capture prints", () => {
    expect(articleDescription({ headline: "H", publisher: "P", dateline: "D" })).toBe(
      'Read-only archive copy of "H" (P, D), verbatim from a raw capture.',
    );
  });
});
