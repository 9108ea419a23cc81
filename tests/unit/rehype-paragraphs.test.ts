import { describe, expect, it } from "vitest";
import { addParagraphIds } from "../../src/lib/rehype-paragraphs.ts";

const p = (text: string) => ({
  type: "element" as const,
  tagName: "p",
  properties: {},
  children: [{ type: "text" as const, value: text }],
});

describe("addParagraphIds", () => {
  it("numbers top-level paragraphs and puts the permalink outside the text", () => {
    const h2 = { type: "element" as const, tagName: "h2", properties: {}, children: [] };
    const tree = { type: "root" as const, children: [p("one"), h2, p("two")] };
    addParagraphIds(tree);
    const [first, heading, second] = tree.children as unknown as {
      tagName: string;
      children: { properties: Record<string, unknown>; children: { value?: string }[] }[];
    }[];
    expect(heading?.tagName).toBe("h2");
    expect(first?.tagName).toBe("div");
    expect(first?.children[0]?.properties.id).toBe("p1");
    expect(first?.children[0]?.children).toEqual([{ type: "text", value: "one" }]);
    expect(first?.children[1]?.properties).toMatchObject({ href: "#p1" });
    expect(second?.children[0]?.properties.id).toBe("p2");
  });
});
