import { describe, expect, it } from "vitest";
import { findRun, firstDifference, splitBlocks } from "../../src/lib/blocks.ts";

describe("splitBlocks", () => {
  it("splits at blank lines and keeps each block's text exactly", () => {
    expect(splitBlocks("a 'b'\n\n\"c\"\r\n\r\nd\n")).toEqual(["a 'b'", '"c"', "d"]);
  });
  it("drops empty blocks", () => {
    expect(splitBlocks("\n\n\n a \n\n \n")).toEqual([" a "]);
  });
});

describe("firstDifference", () => {
  it("is null for equal strings and names the first differing character", () => {
    expect(firstDifference("same", "same")).toBeNull();
    expect(firstDifference("it's here", "it’s here")).toEqual({
      index: 2,
      expected: "'s here",
      actual: "’s here",
    });
  });
});

describe("findRun", () => {
  const source = ["ad", "headline", "p1", "p2", "promo"];
  it("finds a contiguous run in order", () => {
    expect(findRun(source, ["headline", "p1", "p2"])).toEqual({ ok: true, start: 1 });
  });
  it("names the first block that differs", () => {
    const result = findRun(source, ["headline", "p2"]);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ block: 1, expected: "p1", actual: "p2" });
  });
});
