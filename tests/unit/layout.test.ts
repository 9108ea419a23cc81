import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitCapture } from "../../src/archive/capture/capture-text.ts";
import { LAYOUT, NO_RULE, readCapture } from "../../src/archive/capture/layout.ts";
import { captureBytes } from "../support/capture.ts";

const FIXTURES = new URL("../fixtures/import/", import.meta.url);
const read = (text: string) => readCapture(splitCapture(text).blocks);
const seed = (): string => captureBytes().toString("utf8");

describe("readCapture on the seed", () => {
  const reading = read(seed());
  if (!reading.ok) throw new Error(reading.problem);

  it("finds the headline, publisher line and dateline", () => {
    expect(reading.headline).toBe("Libya's rebel commander urges forces to rally against Turkey");
    expect(reading.publisher).toBe("Iran Press TV");
    expect(reading.dateline).toBe("Sunday, 24 May 2020 7:18 AM");
    expect(reading.published).toBe("2020-05-24T07:18");
  });
  it("reads 16 paragraphs and the 2 subheadings", () => {
    expect(reading.body.filter((b) => b.role === "paragraph")).toHaveLength(16);
    expect(reading.body.filter((b) => b.role === "subheading").map((b) => b.block.text)).toEqual([
      "Government forces retake more areas near capital",
      "Trump, Erdogan discuss Libya in phone call",
    ]);
  });
  it("names every piece of furniture by its rule", () => {
    const furniture = reading.blocks.filter((b) => b.role === "furniture");
    expect(furniture.map((b) => [b.block.firstLine, b.rule])).toEqual([
      [1, "job-advert"],
      [3, "section-label"],
      [5, "source-label"],
      [49, "mailing-list"],
      [51, "podcast"],
    ]);
    expect(reading.blocks).toHaveLength(splitCapture(seed()).blocks.length);
  });
});

describe("readCapture on other outlets and section labels", () => {
  const files = readdirSync(new URL("captures/", FIXTURES)).filter((f) => f.endsWith(".txt"));
  it.each(files)("reads %s with every furniture block named", (file) => {
    const reading = read(readFileSync(new URL(`captures/${file}`, FIXTURES), "utf8"));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.publisher).not.toBe("Iran Press TV");
    expect(reading.blocks.filter((b) => b.rule === "none")).toEqual([]);
    expect(reading.body.length).toBeGreaterThan(2);
  });
  it("does not take table-like or marked lines for subheadings", () => {
    const reading = read(
      readFileSync(new URL("captures/101_af2d07cb14df449c.txt", FIXTURES), "utf8"),
    );
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.body.filter((b) => b.role === "subheading").map((b) => b.block.text)).toEqual([
      "Lab #4 funding in doubt",
      "Fibre*Plus rollout slips to 2025",
    ]);
  });
});

describe("readCapture refusals and unnamed furniture", () => {
  it("says which part it could not find", () => {
    const noDateline = seed().replace("Sunday, 24 May 2020 7:18 AM", "Posted recently");
    expect(read(noDateline)).toEqual({
      ok: false,
      problem: expect.stringContaining("found no dateline"),
    });
    const noEnd = seed().replace(/\n\nJoin the mailing list[\s\S]*$/, "\n");
    expect(read(noEnd)).toEqual({
      ok: false,
      problem: expect.stringContaining("found no end of the article"),
    });
    const twoLineHeadline = seed().replace("Libya's rebel", "Libya's\nrebel");
    expect(read(twoLineHeadline)).toEqual({
      ok: false,
      problem: expect.stringContaining("found no headline"),
    });
    const empty = seed().replace(/AM\n\n[\s\S]*\n\nJoin/, "AM\n\nJoin");
    expect(read(empty)).toEqual({ ok: false, problem: expect.stringContaining("no article text") });
  });
  it("marks a block no rule names as outside the article", () => {
    const reading = read(`${seed()}\n\nSome other promotion\nover two lines`);
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.blocks.at(-1)).toMatchObject({
      role: "furniture",
      rule: "none",
      reason: NO_RULE,
    });
  });
  it("keeps its rules as data", () => {
    expect(LAYOUT.leading.map((r) => r.id)).toEqual([
      "job-advert",
      "source-label",
      "section-label",
    ]);
    expect(LAYOUT.trailing.map((r) => r.id)).toEqual(["mailing-list", "podcast"]);
  });
});
