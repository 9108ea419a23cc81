import { describe, expect, it } from "vitest";
import {
  FIELDS,
  changesBetween,
  newerText,
  olderText,
  summarise,
  wordParts,
  type Block,
  type Changes,
  type VersionText,
} from "../../src/archive/versions/changes.ts";

const P = (text: string): Block => ({ role: "paragraph", text });
const S = (text: string): Block => ({ role: "subheading", text });

const BASE: VersionText = {
  headline: "Libya's rebel commander urges forces to rally against Turkey",
  publisher: "Iran Press TV",
  dateline: "Sunday, 24 May 2020 7:18 AM",
  language: "en",
  body: [
    P("Khalifa Haftar has urged his forces to rally against Turkey."),
    P("The commander made the remarks in a televised speech on Saturday."),
    S("Government forces retake more areas near capital"),
    P("Forces loyal to the government said they had taken several towns."),
  ],
};

const edit = (changes: Partial<VersionText>): VersionText => ({ ...BASE, ...changes });
const body = (...blocks: Block[]): VersionText => edit({ body: blocks });
const [b0, b1, b2, b3] = BASE.body as [Block, Block, Block, Block];

/** Both versions rebuilt exactly from the changes: fields that differ, and every block. */
function expectExact(changes: Changes, older: VersionText, newer: VersionText): void {
  const was = olderText(changes);
  const is = newerText(changes);
  for (const field of FIELDS) {
    if (older[field] === newer[field]) {
      expect(was.fields[field]).toBeUndefined();
      expect(is.fields[field]).toBeUndefined();
    } else {
      expect(was.fields[field]).toBe(older[field]);
      expect(is.fields[field]).toBe(newer[field]);
    }
  }
  expect(was.body).toEqual(older.body);
  expect(is.body).toEqual(newer.body);
}

describe("changesBetween on hand examples", () => {
  it("finds no change between equal versions", () => {
    const changes = changesBetween(BASE, edit({}));
    expect(changes.fields).toEqual([]);
    expect(changes.blocks.every((b) => b.kind === "same")).toBe(true);
    expect(changes.counts).toEqual({ changed: 0, added: 0, removed: 0, moved: 0 });
    expect(summarise(changes)).toBe("no change in the text");
  });

  it("shows a phrase edited inside a paragraph", () => {
    const newer = body(b0, P("The commander made the remarks in a speech on Sunday."), b2, b3);
    const changes = changesBetween(BASE, newer);
    expect(changes.blocks[1]).toEqual({
      kind: "changed",
      role: "paragraph",
      oldRole: "paragraph",
      oldIndex: 1,
      newIndex: 1,
      parts: [
        { kind: "same", text: "The commander made the remarks in a " },
        { kind: "del", text: "televised " },
        { kind: "same", text: "speech on " },
        { kind: "del", text: "Saturday" },
        { kind: "ins", text: "Sunday" },
        { kind: "same", text: "." },
      ],
    });
    expect(summarise(changes)).toBe("1 block changed");
    expectExact(changes, BASE, newer);
  });

  it("shows a paragraph added and one removed", () => {
    const added = P("Turkey has sent drones and advisers to Tripoli.");
    const newer = body(b0, b1, added, b2);
    const changes = changesBetween(BASE, newer);
    expect(changes.blocks.map((b) => b.kind)).toEqual(["same", "same", "added", "same", "removed"]);
    expect(changes.blocks[2]).toEqual({ kind: "added", ...added, newIndex: 2 });
    expect(changes.blocks[4]).toEqual({ kind: "removed", ...b3, oldIndex: 3 });
    expect(summarise(changes)).toBe("1 block added, 1 removed");
    expectExact(changes, BASE, newer);
  });

  it("pairs an edited paragraph with the one it replaced, not with an unrelated one", () => {
    const newer = body(
      b0,
      P("Officials in Ankara did not comment."),
      P("The commander made the remarks in a televised address on Saturday."),
      b2,
      b3,
    );
    const changes = changesBetween(BASE, newer);
    expect(changes.blocks.map((b) => b.kind)).toEqual(["same", "added", "changed", "same", "same"]);
    expect(summarise(changes)).toBe("1 block changed, 1 added");
    expectExact(changes, BASE, newer);
  });

  it("marks a paragraph moved, and counts it once", () => {
    const newer = body(b1, b2, b3, b0);
    const changes = changesBetween(BASE, newer);
    expect(changes.blocks[0]).toEqual({ kind: "removed", ...b0, oldIndex: 0, movedTo: 3 });
    expect(changes.blocks.at(-1)).toEqual({ kind: "added", ...b0, newIndex: 3, movedFrom: 0 });
    expect(changes.counts).toEqual({ changed: 0, added: 0, removed: 0, moved: 1 });
    expect(summarise(changes)).toBe("1 block moved");
    expectExact(changes, BASE, newer);
  });

  it("shows a headline rewritten and a dateline updated, word by word", () => {
    const newer = edit({
      headline: "Libya's Haftar urges forces to rally against Turkey",
      dateline: "Sunday, 24 May 2020 9:05 AM",
    });
    const changes = changesBetween(BASE, newer);
    expect(changes.fields).toEqual([
      {
        field: "headline",
        parts: [
          { kind: "same", text: "Libya's " },
          { kind: "del", text: "rebel commander" },
          { kind: "ins", text: "Haftar" },
          { kind: "same", text: " urges forces to rally against Turkey" },
        ],
      },
      {
        field: "dateline",
        parts: [
          { kind: "same", text: "Sunday, 24 May 2020 " },
          { kind: "del", text: "7" },
          { kind: "ins", text: "9" },
          { kind: "same", text: ":" },
          { kind: "del", text: "18" },
          { kind: "ins", text: "05" },
          { kind: "same", text: " AM" },
        ],
      },
    ]);
    expect(summarise(changes)).toBe("headline and dateline changed");
    expectExact(changes, BASE, newer);
  });

  it("shows a subheading reworded, and a paragraph turned into a subheading", () => {
    const newer = body(b0, S(b1.text), S("Government forces retake areas near Tripoli"), b3);
    const changes = changesBetween(BASE, newer);
    expect(changes.blocks[1]).toEqual({
      kind: "changed",
      role: "subheading",
      oldRole: "paragraph",
      parts: [{ kind: "same", text: b1.text }],
      oldIndex: 1,
      newIndex: 1,
    });
    expect(changes.blocks[2]).toMatchObject({
      kind: "changed",
      role: "subheading",
      oldRole: "subheading",
      parts: [
        { kind: "same", text: "Government forces retake " },
        { kind: "del", text: "more " },
        { kind: "same", text: "areas near " },
        { kind: "del", text: "capital" },
        { kind: "ins", text: "Tripoli" },
      ],
    });
    expect(summarise(changesBetween(BASE, { ...newer, headline: "x" }))).toBe(
      "headline changed; 2 blocks changed",
    );
    expectExact(changes, BASE, newer);
  });

  it("shows a change of whitespace alone: a tab, a non-breaking space, two spaces, a line break", () => {
    const older = "Haftar said the offensive would continue.";
    const newer = "Haftar\tsaid the\u00a0offensive  would\ncontinue.";
    const parts = wordParts(older, newer, "en");
    expect(parts).toEqual([
      { kind: "same", text: "Haftar" },
      { kind: "del", text: " " },
      { kind: "ins", text: "\t" },
      { kind: "same", text: "said the" },
      { kind: "del", text: " " },
      { kind: "ins", text: "\u00a0" },
      { kind: "same", text: "offensive " },
      { kind: "ins", text: " " },
      { kind: "same", text: "would" },
      { kind: "del", text: " " },
      { kind: "ins", text: "\n" },
      { kind: "same", text: "continue." },
    ]);
    const changes = changesBetween(body(P(older)), body(P(newer)));
    expect(changes.blocks.map((b) => b.kind)).toEqual(["changed"]);
    expectExact(changes, body(P(older)), body(P(newer)));
  });

  it("shows a change of punctuation alone: a comma, curly quotes", () => {
    expect(wordParts(`He said "it's over" today`, "He said, “it’s over” today", "en")).toEqual([
      { kind: "same", text: "He said" },
      { kind: "ins", text: "," },
      { kind: "same", text: " " },
      { kind: "del", text: '"' },
      { kind: "ins", text: "“" },
      { kind: "same", text: "it" },
      { kind: "del", text: "'" },
      { kind: "ins", text: "’" },
      { kind: "same", text: "s over" },
      { kind: "del", text: '"' },
      { kind: "ins", text: "”" },
      { kind: "same", text: " today" },
    ]);
  });

  it("splits Chinese and Japanese into words, not whole sentences", () => {
    expect(wordParts("我们今天去北京。", "我们明天去北京。", "zh")).toEqual([
      { kind: "same", text: "我们" },
      { kind: "del", text: "今天" },
      { kind: "ins", text: "明天" },
      { kind: "same", text: "去北京。" },
    ]);
    expect(wordParts("私は昨日東京へ行きました。", "私は昨日大阪へ行きました。", "ja")).toEqual([
      { kind: "same", text: "私は昨日" },
      { kind: "del", text: "東京" },
      { kind: "ins", text: "大阪" },
      { kind: "same", text: "へ行きました。" },
    ]);
  });

  it("splits Arabic into words, not letters", () => {
    expect(
      wordParts("قال الرئيس إن المحادثات مستمرة.", "قال الوزير إن المحادثات مستمرة.", "ar"),
    ).toEqual([
      { kind: "same", text: "قال " },
      { kind: "del", text: "الرئيس" },
      { kind: "ins", text: "الوزير" },
      { kind: "same", text: " إن المحادثات مستمرة." },
    ]);
  });

  it("keeps an unrelated replacement as a block removed and one added", () => {
    const newer = body(b0, P("Oil exports resumed from two ports."), b2, b3);
    const changes = changesBetween(BASE, newer);
    expect(changes.blocks.map((b) => b.kind)).toEqual(["same", "removed", "added", "same", "same"]);
    expect(summarise(changes)).toBe("1 block added, 1 removed");
  });
});

describe("summarise", () => {
  it("names the fields, then counts the blocks", () => {
    const changes = (fields: string[], counts: Changes["counts"]): Changes =>
      ({ fields: fields.map((field) => ({ field, parts: [] })), blocks: [], counts }) as Changes;
    expect(summarise(changes(["headline"], { changed: 0, added: 0, removed: 2, moved: 0 }))).toBe(
      "headline changed; 2 blocks removed",
    );
    expect(
      summarise(
        changes(["headline", "publisher", "dateline"], {
          changed: 3,
          added: 1,
          removed: 1,
          moved: 2,
        }),
      ),
    ).toBe(
      "headline, publisher and dateline changed; 3 blocks changed, 1 added, 1 removed, 2 moved",
    );
  });
});

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = {
  en: [
    "Khalifa Haftar has urged his forces to rally against Turkey.",
    "The commander made the remarks in a televised speech on Saturday.",
    "Government forces retake more areas near capital",
    "Forces loyal to the government said they had taken several towns.",
    "\u201cWe will not stop,\u201d he said, adding that talks had failed.",
    "Turkey's parliament approved the deployment in January.",
  ],
  zh: [
    "我们今天去北京参加会议。",
    "外交部发言人在记者会上表示，双方将继续谈判。",
    "政府军收复首都附近更多地区",
    "据报道，这次袭击造成至少三人死亡。",
  ],
  ar: [
    "قال الرئيس إن المحادثات مستمرة.",
    "أعلنت الحكومة عن خطة جديدة لإعادة الإعمار، بحسب وكالة الأنباء.",
    "القوات الحكومية تستعيد مناطق قرب العاصمة",
    "وأضاف المتحدث أن الوضع \u00abمستقر\u00bb في الوقت الحالي.",
  ],
};
type Language = keyof typeof SENTENCES;
const WORDS: Record<Language, readonly string[]> = {
  en: ["officials", "said", "Tripoli", "not", "on Sunday", "the", "ceasefire", "2020"],
  zh: ["政府", "明天", "上海", "表示", "没有", "会议", "记者"],
  ar: ["الوزير", "غدا", "طرابلس", "لم", "الحكومة", "قال"],
};
const MARKS = [
  ",",
  ".",
  ";",
  ":",
  "!",
  "?",
  '"',
  "'",
  "\u201c",
  "\u201d",
  "\u2019",
  "\u060c",
  "\u3002",
  "\uff0c",
  "-",
];
const SPACES = [" ", "  ", "\u00a0", "\t", "\n", " \u00a0 ", "\t\t", "\r\n"];

describe("changesBetween on generated edits", () => {
  const random = generator(20200524);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (n: number): number => Math.floor(random() * n);

  /** The text with one random edit of a word, a mark or a run of whitespace. */
  function editText(text: string, language: Language): string {
    const chars = Array.from(text);
    const at = int(chars.length + 1);
    const splice = (remove: number, insert: string) =>
      [...chars.slice(0, at), insert, ...chars.slice(at + remove)].join("");
    switch (int(6)) {
      case 0:
        return splice(0, pick(WORDS[language]) + (language === "en" ? " " : ""));
      case 1:
        return splice(1 + int(12), "");
      case 2: {
        // Replace one word (a run between spaces), or a few characters where there are no spaces.
        const tokens = text.split(/(\s+)/u);
        const words = tokens.flatMap((t, k) => (t.trim() ? [k] : []));
        if (words.length > 1) {
          tokens[pick(words)] = pick(WORDS[language]);
          return tokens.join("");
        }
        return splice(1 + int(3), pick(WORDS[language]));
      }
      case 3:
        return splice(int(2), pick(MARKS));
      case 4: {
        const spaces = [...text.matchAll(/\s+/gu)];
        if (spaces.length === 0) return splice(0, pick(SPACES));
        const run = pick(spaces);
        return text.slice(0, run.index) + pick(SPACES) + text.slice(run.index + run[0].length);
      }
      default:
        return splice(0, pick(SPACES));
    }
  }

  function version(language: Language): VersionText {
    const sentences = SENTENCES[language];
    return {
      headline: pick(sentences),
      publisher: "Iran Press TV",
      dateline: `Sunday, ${1 + int(28)} May 2020 ${int(24)}:${10 + int(50)} AM`,
      language,
      body: Array.from({ length: int(7) }, () => (random() < 0.2 ? S : P)(pick(sentences))),
    };
  }

  /** The version with one random edit of a block, the body's order or a field. */
  function editVersion(v: VersionText): VersionText {
    const blocks = [...v.body];
    const at = int(blocks.length);
    const sentences = SENTENCES[v.language as Language];
    switch (int(10)) {
      case 0:
        blocks.splice(int(blocks.length + 1), 0, P(pick(sentences)));
        break;
      case 1:
        blocks.splice(at, 1);
        break;
      case 2: {
        const [moved] = blocks.splice(at, 1);
        if (moved) blocks.splice(int(blocks.length + 1), 0, moved);
        break;
      }
      case 3:
        if (blocks[at]) blocks.splice(int(blocks.length + 1), 0, blocks[at]);
        break;
      case 4:
        if (blocks[at]) blocks[at] = (blocks[at].role === "paragraph" ? S : P)(blocks[at].text);
        break;
      case 5:
        return { ...v, headline: editText(v.headline, v.language as Language) };
      case 6:
        return { ...v, dateline: editText(v.dateline, "en") };
      default:
        if (blocks[at])
          blocks[at] = { ...blocks[at], text: editText(blocks[at].text, v.language as Language) };
    }
    return { ...v, body: blocks };
  }

  const repeat = (v: VersionText, times: number): VersionText =>
    Array.from({ length: times }).reduce<VersionText>((w) => editVersion(w), v);

  const pairs = Array.from({ length: 300 }, () => {
    const older = repeat(version(pick<Language>(["en", "en", "zh", "ar"])), int(4));
    return { older, newer: repeat(older, int(8)) };
  });

  it("rebuilds both versions exactly, 300 times", () => {
    const seen = { changed: 0, added: 0, removed: 0, moved: 0, fields: 0, same: 0 };
    for (const { older, newer } of pairs) {
      const changes = changesBetween(older, newer);
      expectExact(changes, older, newer);
      for (const [kind, count] of Object.entries(changes.counts)) seen[kind as "moved"] += count;
      seen.fields += changes.fields.length;
      if (summarise(changes) === "no change in the text") seen.same++;
    }
    // The generated edits reach every kind of change.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(5);
  });

  it("lists every block once, in both versions' order, with merged parts and consistent moves", () => {
    for (const { older, newer } of pairs) {
      const changes = changesBetween(older, newer);
      const olds = changes.blocks.flatMap((b) => (b.kind === "added" ? [] : [b.oldIndex]));
      const news = changes.blocks.flatMap((b) => (b.kind === "removed" ? [] : [b.newIndex]));
      expect(olds).toEqual(older.body.map((_, k) => k));
      expect(news).toEqual(newer.body.map((_, k) => k));
      const parts = [
        ...changes.fields.map((f) => f.parts),
        ...changes.blocks.flatMap((b) => (b.kind === "changed" ? [b.parts] : [])),
      ];
      for (const list of parts) {
        expect(list.every((p) => p.text !== "")).toBe(true);
        expect(list.every((p, k) => p.kind !== list[k - 1]?.kind)).toBe(true);
      }
      let moved = 0;
      for (const b of changes.blocks) {
        if (b.kind !== "removed" || b.movedTo === undefined) continue;
        moved++;
        expect(changes.blocks).toContainEqual({
          kind: "added",
          role: b.role,
          text: b.text,
          newIndex: b.movedTo,
          movedFrom: b.oldIndex,
        });
      }
      expect(changes.counts.moved).toBe(moved);
      if (JSON.stringify(older) === JSON.stringify(newer)) {
        expect(summarise(changes)).toBe("no change in the text");
      }
    }
  });
});
