import { describe, expect, it } from "vitest";
import { isBlank, normaliseText, splitCapture } from "../../src/archive/capture/capture-text.ts";

describe("splitCapture", () => {
  it("numbers lines as editors do and keeps each block's inner text exactly", () => {
    const { lines, blocks } = splitCapture("a  b\n\tc \n\n\n \nd\n");
    expect(lines).toEqual(["a  b", "\tc ", "", "", " ", "d"]);
    expect(blocks).toEqual([
      { index: 0, text: "a  b\n\tc", firstLine: 1, lastLine: 2 },
      { index: 1, text: "d", firstLine: 6, lastLine: 6 },
    ]);
  });
  it("treats CRLF and lone CR as one line break and drops a leading BOM", () => {
    const { lines, blocks, form } = splitCapture("\uFEFFone\r\ntwo\r\rthree");
    expect(lines).toEqual(["one", "two", "", "three"]);
    expect(form).toEqual({ lineEnds: "mixed", bom: true, finalNewline: false });
    expect(splitCapture("a\r\nb\r\n").form).toEqual({
      lineEnds: "CRLF",
      bom: false,
      finalNewline: true,
    });
    expect(blocks.map((b) => b.text)).toEqual(["one\ntwo", "three"]);
  });
  it("keeps non-breaking spaces, which are not blank", () => {
    expect(splitCapture("x\n\n\u00a0\n\ny").blocks.map((b) => b.text)).toEqual([
      "x",
      "\u00a0",
      "y",
    ]);
  });
  it("has no lines for an empty text", () => {
    expect(splitCapture("")).toMatchObject({ lines: [], blocks: [] });
  });
});

describe("normaliseText", () => {
  it("changes only line ends and a leading BOM", () => {
    expect(normaliseText("\uFEFFa\r\nb\rc\u2028d\uFEFF")).toBe("a\nb\nc\u2028d\uFEFF");
  });
});

describe("isBlank", () => {
  it("is true of text that holds only white space, of any kind", () => {
    for (const text of ["", " \t\n", "\u00a0", "\u3000", "\u2028", "\uFEFF"]) {
      expect(isBlank(text), JSON.stringify(text)).toBe(true);
    }
    for (const text of ["x", "\u200b", "\u00a0.\u00a0"]) {
      expect(isBlank(text), JSON.stringify(text)).toBe(false);
    }
  });
});
