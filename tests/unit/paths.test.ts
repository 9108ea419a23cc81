import { describe, expect, it } from "vitest";
import { articleDescription } from "../../src/lib/describe.ts";
import { isSha256, sha256 } from "../../src/lib/hash.ts";
import { articlePath, capturePath, withBase } from "../../src/lib/paths.ts";
import { normaliseBase } from "../../scripts/serve.ts";

describe("paths", () => {
  it("carries the base path", () => {
    expect(withBase("/", "/x")).toBe("/x");
    expect(withBase("/archive", "x")).toBe("/archive/x");
    expect(articlePath("/archive/", "a-b")).toBe("/archive/articles/a-b/");
    expect(capturePath("/", "c.txt")).toBe("/captures/c.txt");
  });
  it("normalises a base path given by a user", () => {
    expect(normaliseBase(undefined)).toBe("/");
    expect(normaliseBase("archive")).toBe("/archive/");
    expect(normaliseBase("/archive//")).toBe("/archive/");
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
