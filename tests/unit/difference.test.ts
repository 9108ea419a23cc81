import { describe, expect, it } from "vitest";
import { describeDifference, firstDifference } from "../../src/archive/page/difference.ts";

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

describe("describeDifference", () => {
  it("names the place, the character and both sides", () => {
    expect(describeDifference("c.txt", "on his forces", "upon his forces")).toBe(
      'differs from c.txt at character 1: the capture has "on his forces", the page "upon his forces"',
    );
    expect(describeDifference("c.txt", "same", "same")).toBe("");
  });
});
