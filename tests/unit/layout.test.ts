import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitCapture } from "../../src/archive/capture/capture-text.ts";
import {
  CURRENT_LAYOUT,
  LAYOUT,
  NO_RULE,
  readCapture,
  type LayoutVersion,
} from "../../src/archive/capture/layout.ts";
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

describe("subheadings in every script", () => {
  /** The seed's layout around `body`'s blocks; the roles its body is read as. */
  const roles = (body: string[], version: LayoutVersion = CURRENT_LAYOUT): string[] => {
    const capture = [
      "Outlet",
      "A headline",
      "Outlet",
      "Sunday, 24 May 2020 7:18 AM",
      ...body,
      "Join the mailing list",
    ].join("\n\n");
    const reading = readCapture(splitCapture(capture).blocks, version);
    if (!reading.ok) throw new Error(reading.problem);
    return reading.body.map((b) => `${b.role === "subheading" ? "h" : "p"} ${b.block.text}`);
  };
  const long = (sentence: string): string => Array.from({ length: 20 }, () => sentence).join(" ");

  it("ends a sentence with any script's punctuation: a short one is no subheading", () => {
    for (const sentence of [
      "警方已经展开调查。",
      "警察は捜査を始めた。",
      "पुलिस ने जांच शुरू कर दी है।",
      "هل تنجح المفاوضات هذه المرة؟",
      "Τι θα γίνει τώρα;",
      "Will the talks succeed this time?",
    ]) {
      expect(roles([sentence, long(sentence)]), sentence).toEqual([
        `p ${sentence}`,
        `p ${long(sentence)}`,
      ]);
    }
  });
  it("counts the words of a script written without spaces, so a long line is no subheading", () => {
    const thai = "ตำรวจได้เริ่มการสอบสวนเหตุการณ์ที่เกิดขึ้นในเมืองหลวงเมื่อคืนนี้แล้วและคาดว่าจะมีการแถลงข่าวในวันพรุ่งนี้";
    expect(roles([thai, long(thai)])).toEqual([`p ${thai}`, `p ${long(thai)}`]);
    // A short one is a subheading, as in any script.
    for (const heading of ["การช่วยเหลือ", "政府军收复首都附近更多地区", "मतगणना की तैयारी"]) {
      const paragraph = long(heading === "การช่วยเหลือ" ? thai : `${heading}।`);
      expect(roles([heading, paragraph])[0], heading).toBe(`h ${heading}`);
    }
  });
  it("reads an article imported by layout 1 as layout 1 read it", () => {
    const sentence = "警方已经展开调查";
    const body = [`${sentence}。`, long(`${sentence}。`)];
    expect(roles(body, 1)[0]).toBe(`h ${sentence}。`);
    expect(roles(body, 2)[0]).toBe(`p ${sentence}。`);
    // English reads the same by both.
    const seedReading = (version: LayoutVersion) => {
      const reading = readCapture(splitCapture(seed()).blocks, version);
      return reading.ok ? reading.body.map((b) => b.role) : [];
    };
    expect(seedReading(1)).toEqual(seedReading(2));
  });
});

describe("readCapture refusals and unnamed furniture", () => {
  it("says which part it could not find", () => {
    const noDateline = seed().replace("Sunday, 24 May 2020 7:18 AM", "Posted recently");
    expect(read(noDateline)).toEqual({
      ok: false,
      problem: expect.stringContaining("found no dateline"),
    });
    const noSuchDay = seed().replace(
      "Sunday, 24 May 2020 7:18 AM",
      "Monday, 31 February 2020 7:18 AM",
    );
    expect(read(noSuchDay)).toEqual({
      ok: false,
      problem:
        'found no dateline: line 11 ("Monday, 31 February 2020 7:18 AM") is laid out like one, but 31 February 2020 is not a day of the calendar',
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

describe("the end of the article", () => {
  const capture = [
    "Outlet",
    "A headline",
    "Outlet",
    "Monday, 8 June 2020 7:18 AM",
    "First paragraph.",
    "Unconventional Threat podcast hosts said on Monday that the story was true.",
    "Third paragraph, still part of the article.",
    "Join the mailing list",
    "Unconventional Threat podcast - Threats Foreign and Domestic: 'An episode'",
  ].join("\n\n");
  const bodyBy = (version: LayoutVersion): string[] => {
    const reading = readCapture(splitCapture(capture).blocks, version);
    if (!reading.ok) throw new Error(reading.problem);
    return reading.body.map((b) => b.block.text);
  };

  it("never comes at a paragraph that starts like the podcast promotion", () => {
    expect(bodyBy(CURRENT_LAYOUT)).toEqual([
      "First paragraph.",
      "Unconventional Threat podcast hosts said on Monday that the story was true.",
      "Third paragraph, still part of the article.",
    ]);
    const reading = readCapture(splitCapture(capture).blocks);
    expect(reading.ok && reading.blocks.slice(-2).map((b) => b.rule)).toEqual([
      "mailing-list",
      "podcast",
    ]);
  });
  it("comes where earlier layouts put it for the articles they read", () => {
    expect(bodyBy(2)).toEqual(["First paragraph."]);
    expect(bodyBy(1)).toEqual(["First paragraph."]);
  });
});

describe("the headline and publisher line", () => {
  const HEADLINE = "Libya's rebel commander urges forces to rally against Turkey";
  const DATELINE = "Sunday, 24 May 2020 7:18 AM";
  const head = `${HEADLINE}\n\nIran Press TV\n\n${DATELINE}\n\n`;
  const captures = {
    "no headline": seed().replace(head, `Iran Press TV\n\n${DATELINE}\n\n`),
    "no publisher line": seed().replace(head, `${HEADLINE}\n\n${DATELINE}\n\n`),
    "the dateline first": seed().replace(head, `${DATELINE}\n\n${HEADLINE}\n\nIran Press TV\n\n`),
  };

  it("refuses a capture whose head is not laid out as the page has it, saying what it found", () => {
    expect(seed()).toContain(head);
    expect(read(captures["no headline"])).toEqual({
      ok: false,
      problem:
        'found no headline: the block two before the dateline (line 5, "Iran Press TV") is the page\'s source label, not a headline',
    });
    expect(read(captures["no publisher line"])).toEqual({
      ok: false,
      problem: `found no headline and publisher line laid out as the page has them: the block before the dateline (line 7, ${JSON.stringify(HEADLINE)}) is not named again before the block taken for the headline (line 5, "Iran Press TV"), as the page's source label names the publisher line`,
    });
    expect(read(captures["the dateline first"])).toEqual({
      ok: false,
      problem: expect.stringContaining(
        'the block before the dateline (line 5, "Iran Press TV") is not named again before the block taken for the headline (line 3, "Weapons of Mass Destruction (WMD)")',
      ),
    });
  });
  it("reads them as earlier layouts did for the articles those read", () => {
    for (const capture of Object.values(captures)) {
      expect(readCapture(splitCapture(capture).blocks, 2).ok).toBe(true);
    }
  });
});
