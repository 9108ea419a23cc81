/**
 * The pure rules of the search index in parts: the order parts are searched
 * in, the year a part is cut at, and which queries are searched in every part.
 */
import { describe, expect, it } from "vitest";
import {
  partsInSearchOrder,
  partYear,
  searchedWhole,
  type PartEntry,
} from "../../src/archive/search/search-parts.ts";

const PARTS: PartEntry[] = [
  ["en-2021-1-b", 2, "2021-01-02", "2021-06-01"],
  ["en-2020-1-a", 2, "2020-01-02", "2020-12-30"],
  ["en-2021-2-c", 1, "2021-06-01", "2021-12-31"],
];

describe("the search index's parts", () => {
  it("are searched newest first, or oldest first when the oldest results come first", () => {
    const names = (parts: PartEntry[]): string[] => parts.map(([name]) => name);
    expect(names(partsInSearchOrder(PARTS, "newest"))).toEqual([
      "en-2021-2-c",
      "en-2021-1-b",
      "en-2020-1-a",
    ]);
    expect(names(partsInSearchOrder(PARTS, "relevance"))).toEqual(
      names(partsInSearchOrder(PARTS, "newest")),
    );
    expect(names(partsInSearchOrder(PARTS, "oldest"))).toEqual([
      "en-2020-1-a",
      "en-2021-1-b",
      "en-2021-2-c",
    ]);
  });

  it("are cut at each year of their pages' dates, undated pages apart", () => {
    expect(partYear("2020-05-24T07:18")).toBe("2020");
    expect(partYear("")).toBe("undated");
  });

  it("are all searched for a word of three letters, or a character written without spaces, not for a first keystroke", () => {
    for (const query of ["the", "t h e", "Turkey", "2020", "北", "ロ", "한", "ไ", "é t é"]) {
      expect(searchedWhole(query), query).toBe(!["t h e", "é t é"].includes(query));
    }
    for (const query of ["t", "tu", "“t”", "a b", "ы"])
      expect(searchedWhole(query), query).toBe(false);
  });
});
