import { describe, expect, it } from "vitest";
import { addBlockIds } from "../../src/markdown/rehype-blocks.ts";

const el = (tagName: string, text: string) => ({
  type: "element" as const,
  tagName,
  properties: {},
  children: [{ type: "text" as const, value: text }],
});

type Wrapped = {
  tagName: string;
  properties: Record<string, unknown>;
  children: {
    tagName: string;
    properties: Record<string, unknown>;
    children: { value?: string }[];
  }[];
};

describe("addBlockIds", () => {
  it("numbers paragraphs, slugs headings, and puts every link outside the text", () => {
    const tree = {
      type: "root" as const,
      children: [el("p", "one"), el("h2", "A heading"), el("p", "two")],
    };
    addBlockIds(tree, "/captures/x/");
    const [first, heading, second] = tree.children as unknown as Wrapped[];
    expect(first?.properties.className).toEqual(["block"]);
    expect(first?.children[0]?.properties.id).toBe("p1");
    expect(first?.children[0]?.children).toEqual([{ type: "text", value: "one" }]);
    expect(first?.children[1]?.properties).toMatchObject({ href: "#p1", className: ["permalink"] });
    expect(first?.children[2]?.properties).toMatchObject({
      href: "/captures/x/#article-p1",
      className: ["in-capture"],
    });
    expect(heading?.properties.className).toEqual(["block"]);
    expect(heading?.children[0]?.properties.id).toBe("a-heading");
    expect(heading?.children[1]?.properties).toMatchObject({ href: "#a-heading" });
    expect(second?.children[0]?.properties.id).toBe("p2");
  });
  it("never gives a heading an id the page or a paragraph uses", () => {
    const tree = {
      type: "root" as const,
      children: [el("p", "one"), el("h2", "P1"), el("h2", "Title")],
    };
    addBlockIds(tree);
    const ids = (tree.children as unknown as Wrapped[]).map((b) => b.children[0]?.properties.id);
    expect(ids).toEqual(["p1", "p1-1", "title-1"]);
    expect((tree.children as unknown as Wrapped[])[0]?.children).toHaveLength(2);
  });
  it("gives a heading that makes no slug an id of its own, and one named like a control the next", () => {
    const tree = {
      type: "root" as const,
      children: [
        el("h2", "①"),
        el("p", "one"),
        el("h2", "🔥"),
        el("h2", "Search panel"),
        el("h2", "Version"),
      ],
    };
    addBlockIds(tree);
    const ids = (tree.children as unknown as Wrapped[]).map((b) => b.children[0]?.properties.id);
    expect(ids).toEqual(["section", "p1", "section-1", "search-panel-1", "version-1"]);
  });
  it("marks the links' English names as English in an article of another language", () => {
    const langs = (language: string) => {
      const tree = { type: "root" as const, children: [el("p", "نص")] };
      addBlockIds(tree, "/captures/x/", language);
      const [block] = tree.children as unknown as Wrapped[];
      return block?.children.slice(1).map((a) => a.properties.lang);
    };
    expect(langs("ar")).toEqual(["en", "en"]);
    expect(langs("en")).toEqual([undefined, undefined]);
    expect(langs("en-GB")).toEqual([undefined, undefined]);
  });
});
