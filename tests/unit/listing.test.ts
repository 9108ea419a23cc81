import { describe, expect, it } from "vitest";
import {
  BROWSE,
  byMonth,
  byOutlet,
  byYear,
  feedEntries,
  monthName,
  newestFirst,
  type Listed,
} from "../../src/archive/browse/listing.ts";
import { visibleRuns } from "../../src/archive/capture/visible-space.ts";

const article = (
  id: string,
  published: string,
  publication = "Press TV",
  archived = "2026-11-25",
): Listed => ({
  id,
  headline: id,
  publisher: publication,
  publication,
  published,
  archived,
  versions: 1,
  language: "en",
});

describe("listings", () => {
  const items = [
    article("a", "2020-05-24T07:18"),
    article("b", "2021-01-02T10:00", "Daily Meridian"),
    article("c", "2020-05-30T09:00"),
    article("d", "2020-06-01T09:00", "Daily Meridian", "2026-11-28"),
  ];
  it("orders newest first, ties by id", () => {
    expect([...items].sort(newestFirst).map((a) => a.id)).toEqual(["b", "d", "c", "a"]);
    expect(
      [article("y", "2020-01-01T00:00"), article("x", "2020-01-01T00:00")]
        .sort(newestFirst)
        .map((a) => a.id),
    ).toEqual(["x", "y"]);
  });
  it("groups by year, month and outlet", () => {
    expect([...byYear(items)].map(([y, list]) => [y, list.map((a) => a.id)])).toEqual([
      ["2020", ["d", "c", "a"]],
      ["2021", ["b"]],
    ]);
    expect([...byMonth(items).keys()]).toEqual(["2020-05", "2020-06", "2021-01"]);
    expect([...byOutlet(items).keys()]).toEqual(["daily-meridian", "press-tv"]);
    expect(monthName("2020-05")).toBe("May 2020");
  });
  it("feeds the newest archive day first, a fixed number at most", () => {
    expect(feedEntries(items).map((a) => a.id)).toEqual(["d", "b", "c", "a"]);
    const many = Array.from({ length: BROWSE.feed + 7 }, (_, i) =>
      article(`n${i}`, "2020-01-01T00:00"),
    );
    expect(feedEntries(many)).toHaveLength(BROWSE.feed);
  });
});

describe("visibleRuns", () => {
  it("cuts out tabs, no-break spaces and trailing spaces, and joins back to the line", () => {
    const line = "a\tb\u00a0c  d \t";
    const runs = visibleRuns(line);
    expect(runs.map((r) => r.text).join("")).toBe(line);
    expect(runs.map((r) => r.kind)).toEqual([
      "text",
      "tab",
      "text",
      "nbsp",
      "text",
      "trailing",
      "tab",
    ]);
  });
});
