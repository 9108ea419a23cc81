/**
 * The hosting page's layout: how a raw capture's blocks are read into an
 * article (headline, publisher line, dateline, paragraphs, subheadings) and
 * the page furniture around it. The rules are data, here and nowhere else:
 * the importer, the build's guard, the capture page and the WACZ's page text
 * all read captures through `readCapture`.
 *
 * The captures so far share one layout (the seed's):
 *
 *   job advert           "Find a Security Clearance Job!"        furniture
 *   section label        "Weapons of Mass Destruction (WMD)"     furniture (varies)
 *   source label         "Iran Press TV"                         furniture (= publisher line)
 *   headline             one line
 *   publisher line       "Iran Press TV"                         (varies: the outlet)
 *   dateline             "Sunday, 24 May 2020 7:18 AM"          (varies)
 *   paragraphs and subheadings
 *   mailing-list promotion "Join the mailing list"               furniture; ends the article
 *   podcast promotion    "Unconventional Threat podcast - …"     furniture (after the end)
 *
 * The dateline anchors the reading: the two blocks before it are the headline
 * and the publisher line, the blocks before those are matched against the
 * leading rules, and the article runs to the first block an ending rule names.
 */
import type { CaptureBlock } from "./capture-text.ts";
import { parseDateline, readDateline } from "./dateline.ts";

/** What a block was taken for. */
export type BlockRole =
  "furniture" | "headline" | "publisher" | "dateline" | "paragraph" | "subheading";

/** What the rules know when they look at a block. */
export interface RuleContext {
  /** The publisher line of this capture. */
  publisher: string;
}

/** A rule for the hosting page's furniture. */
export interface FurnitureRule {
  /** A stable id, shown in block maps. */
  id: string;
  /** Why the block is left out, as a reader is told ("job advert"). */
  reason: string;
  /** True when the block is this piece of furniture. */
  matches: (text: string, context: RuleContext) => boolean;
  /**
   * A trailing rule that names furniture after the end without deciding where
   * the article ends: from this layout version on (in earlier ones, the first
   * block it named ended the article).
   */
  followsEndFrom?: LayoutVersion;
  /**
   * A leading rule that names one particular piece of furniture, so a block
   * it names is never the headline (a rule by shape, such as the section
   * label's, names any short line and is not one).
   */
  particular?: true;
}

/** Rules for the blocks that make up the article itself. */
export interface ArticleRule {
  id: string;
  /** What the rule says, for block maps. */
  says: string;
}

const oneLine = (text: string): boolean => !text.includes("\n");

/** The layout rules: edit these, not code elsewhere, when a capture's page differs. */
export const LAYOUT = {
  /** Furniture before the headline, tried in this order for each leading block. */
  leading: [
    {
      id: "job-advert",
      reason: "job advert",
      matches: (text) => text === "Find a Security Clearance Job!",
      particular: true,
    },
    {
      id: "source-label",
      reason: "source label",
      matches: (text, { publisher }) => text === publisher,
      particular: true,
    },
    {
      id: "section-label",
      reason: "section label",
      matches: (text) => oneLine(text) && text.length <= 80,
    },
  ] as readonly FurnitureRule[],
  /**
   * Furniture after the article; the first block one of these names ends the
   * article, but for a rule that only follows the end (`followsEndFrom`), so
   * that a paragraph starting with its words is never cut.
   */
  trailing: [
    {
      id: "mailing-list",
      reason: "mailing-list promotion",
      matches: (text) => text === "Join the mailing list",
    },
    {
      id: "podcast",
      reason: "podcast promotion",
      matches: (text) => text.startsWith("Unconventional Threat podcast"),
      followsEndFrom: 3,
    },
  ] as readonly FurnitureRule[],
  /**
   * From layout `checkedFrom` on, the headline and publisher line must sit as
   * the layout has them, else the capture is refused: the headline is no block
   * a particular leading rule names, and a block before it is the publisher
   * line again (`label`, the source label's rule).
   */
  head: { checkedFrom: 3, label: "source-label" },
  /** The longest headline and publisher line taken with confidence (characters). */
  maxHeadline: 300,
  maxPublisher: 80,
  /**
   * A subheading: one line of at most `maxWords` words that starts with a
   * capital, a letter of a script without case (Arabic, Chinese …) or a digit,
   * does not end like a sentence, and is followed by a paragraph. Anything else
   * in the body is a paragraph. A sentence ends with any script's terminal
   * punctuation ("。", "।", "؟" as well as "." and "?"), a closing bracket or
   * quote; words are counted between spaces, and a run of a script written
   * without them (Chinese, Japanese, Thai …) counts the words Intl.Segmenter
   * finds in it. Layout 1 knew only the Latin endings and spaces
   * (`sentenceEndBefore2`): an article imported by it is read by it still.
   */
  subheading: {
    maxWords: 14,
    maxLength: 120,
    start: /^[\p{Lu}\p{Lt}\p{Lo}\p{N}]/u,
    sentenceEnd: /[\p{Terminal_Punctuation}\p{Pe}\p{Pf}"'…]$/u,
    sentenceEndBefore2: /[.!?…:;,"'”’»)\]]$/u,
    unspaced:
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u,
  },
  /** What the article blocks are taken by. */
  article: {
    headline: { id: "headline", says: "two blocks before the dateline" },
    publisher: { id: "publisher", says: "the block before the dateline" },
    dateline: { id: "dateline", says: 'reads as "Weekday, D Month YYYY H:MM AM"' },
    paragraph: { id: "paragraph", says: "between the dateline and the trailing furniture" },
    subheading: {
      id: "subheading",
      says: "one short line, capitalised, no sentence ending, followed by a paragraph",
    },
  } satisfies Record<string, ArticleRule>,
  /** Example lines quoted in messages when a part cannot be found. */
  examples: { dateline: "Sunday, 24 May 2020 7:18 AM", end: "Join the mailing list" },
} as const;

/** One block with what it was taken for and the rule that said so. */
export interface BlockReading {
  block: CaptureBlock;
  role: BlockRole;
  /** The rule's id ("job-advert", "headline", …), or "none" for furniture no rule names. */
  rule: string;
  /** Furniture: why it is left out ("job advert", or "outside the article: no rule"). */
  reason?: string;
}

/** A capture read into its article, or why it could not be read. */
export type CaptureReading =
  | {
      ok: true;
      headline: string;
      publisher: string;
      dateline: string;
      /** The dateline's local date-time ("2020-05-24T07:18"). */
      published: string;
      /** The paragraphs and subheadings, in order. */
      body: readonly BlockReading[];
      /** Every block of the capture, in order. */
      blocks: readonly BlockReading[];
    }
  | { ok: false; problem: string };

/** Reason given to furniture that no rule names. */
export const NO_RULE = "outside the article: no rule";

function furniture(
  block: CaptureBlock,
  rules: readonly FurnitureRule[],
  context: RuleContext,
): BlockReading {
  const rule = rules.find((r) => r.matches(block.text, context));
  return rule
    ? { block, role: "furniture", rule: rule.id, reason: rule.reason }
    : { block, role: "furniture", rule: "none", reason: NO_RULE };
}

/**
 * The versions of the layout rules. An article file names the version its
 * capture was read by (`layout`; none names 1), and the build reads the
 * capture by the same rules, so a better rule never changes a published page.
 * Version 2 reads subheadings in every script (`LAYOUT.subheading`); version 3
 * ends the article only at the mailing-list promotion, where earlier ones also
 * ended it at a paragraph starting like the podcast promotion, and refuses a
 * capture whose headline or publisher line is not laid out as the page has
 * them (`LAYOUT.head`), which earlier ones read as they came.
 */
export const LAYOUT_VERSIONS = [1, 2, 3] as const;

/** A version of the layout rules. */
export type LayoutVersion = (typeof LAYOUT_VERSIONS)[number];

/** The version the importer reads new captures by. */
export const CURRENT_LAYOUT: LayoutVersion = 3;

/**
 * Finds words in a run of a script written without spaces: by ICU's root
 * rules and dictionaries, named rather than the machine's locale, so that a
 * capture reads the same wherever it is built.
 */
const wordSegmenter = new Intl.Segmenter("und", { granularity: "word" });

/** A line's words, by the rules of layout `version`. */
function wordCount(text: string, version: LayoutVersion): number {
  const tokens = text.split(/\s+/);
  if (version < 2) return tokens.length;
  let words = 0;
  for (const token of tokens) {
    words += LAYOUT.subheading.unspaced.test(token)
      ? [...wordSegmenter.segment(token)].filter((s) => s.isWordLike).length
      : 1;
  }
  return words;
}

function isSubheading(text: string, version: LayoutVersion): boolean {
  const { maxWords, maxLength, start, sentenceEnd, sentenceEndBefore2 } = LAYOUT.subheading;
  return (
    oneLine(text) &&
    start.test(text) &&
    text.length <= maxLength &&
    wordCount(text, version) <= maxWords &&
    !(version < 2 ? sentenceEndBefore2 : sentenceEnd).test(text)
  );
}

/** Reads the body blocks: subheadings where the rule says so, else paragraphs. */
function readBody(blocks: readonly CaptureBlock[], version: LayoutVersion): BlockReading[] {
  const { paragraph, subheading } = LAYOUT.article;
  return blocks.map((block, i) => {
    const next = blocks[i + 1];
    const heading =
      next !== undefined && isSubheading(block.text, version) && !isSubheading(next.text, version);
    return heading
      ? { block, role: "subheading", rule: subheading.id }
      : { block, role: "paragraph", rule: paragraph.id };
  });
}

const quote = (text: string): string => JSON.stringify(text);

/**
 * What keeps the blocks before the dateline from being the headline and the
 * publisher line by the leading rules (`LAYOUT.head`), if anything: a
 * headline that is furniture, or no source label before it, as when a
 * capture has no headline, no publisher line, or its dateline first.
 */
function headProblem(
  leading: readonly CaptureBlock[],
  headline: CaptureBlock,
  publisher: CaptureBlock,
  context: RuleContext,
): string | undefined {
  const taken = LAYOUT.leading.find((r) => r.particular && r.matches(headline.text, context));
  if (taken) {
    return `found no headline: the block two before the dateline (line ${headline.firstLine}, ${quote(headline.text)}) is the page's ${taken.reason}, not a headline`;
  }
  const label = LAYOUT.leading.find((r) => r.id === LAYOUT.head.label);
  if (label && !leading.some((b) => label.matches(b.text, context))) {
    return `found no headline and publisher line laid out as the page has them: the block before the dateline (line ${publisher.firstLine}, ${quote(publisher.text)}) is not named again before the block taken for the headline (line ${headline.firstLine}, ${quote(headline.text)}), as the page's ${label.reason} names the publisher line`;
  }
  return undefined;
}

/** Reads a capture's blocks by the layout rules of `version` (the importer's, unless given). */
export function readCapture(
  blocks: readonly CaptureBlock[],
  version: LayoutVersion = CURRENT_LAYOUT,
): CaptureReading {
  const { examples } = LAYOUT;
  const at = blocks.findIndex((b, i) => i >= 2 && parseDateline(b.text) !== null);
  if (at < 0) {
    // A line laid out like a dateline that names no real moment: say what is wrong with it.
    for (const block of blocks) {
      const read = readDateline(block.text);
      if (read && "fault" in read) {
        return {
          ok: false,
          problem: `found no dateline: line ${block.firstLine} (${quote(block.text)}) is laid out like one, but ${read.fault}`,
        };
      }
    }
    return {
      ok: false,
      problem: `found no dateline (a line like ${quote(examples.dateline)}) after a headline and a publisher line`,
    };
  }
  const [headline, publisher, dateline] = [blocks[at - 2], blocks[at - 1], blocks[at]] as [
    CaptureBlock,
    CaptureBlock,
    CaptureBlock,
  ];
  if (!oneLine(headline.text) || headline.text.length > LAYOUT.maxHeadline) {
    return {
      ok: false,
      problem: `found no headline: the block two before the dateline (line ${headline.firstLine}) is not one line of at most ${LAYOUT.maxHeadline} characters`,
    };
  }
  if (!oneLine(publisher.text) || publisher.text.length > LAYOUT.maxPublisher) {
    return {
      ok: false,
      problem: `found no publisher line: the block before the dateline (line ${publisher.firstLine}) is not one line of at most ${LAYOUT.maxPublisher} characters`,
    };
  }
  const context: RuleContext = { publisher: publisher.text };
  if (version >= LAYOUT.head.checkedFrom) {
    const problem = headProblem(blocks.slice(0, at - 2), headline, publisher, context);
    if (problem) return { ok: false, problem };
  }
  const ends = LAYOUT.trailing.filter((r) => version < (r.followsEndFrom ?? Infinity));
  const end = blocks.findIndex((b, i) => i > at && ends.some((r) => r.matches(b.text, context)));
  if (end < 0) {
    return {
      ok: false,
      problem: `found no end of the article (a line like ${quote(examples.end)} after the dateline)`,
    };
  }
  if (end === at + 1) {
    return {
      ok: false,
      problem: `found no article text between the dateline and line ${blocks[end]?.firstLine}`,
    };
  }
  const { article } = LAYOUT;
  const body = readBody(blocks.slice(at + 1, end), version);
  const readings: BlockReading[] = [
    ...blocks.slice(0, at - 2).map((b) => furniture(b, LAYOUT.leading, context)),
    { block: headline, role: "headline", rule: article.headline.id },
    { block: publisher, role: "publisher", rule: article.publisher.id },
    { block: dateline, role: "dateline", rule: article.dateline.id },
    ...body,
    ...blocks.slice(end).map((b) => furniture(b, LAYOUT.trailing, context)),
  ];
  return {
    ok: true,
    headline: headline.text,
    publisher: publisher.text,
    dateline: dateline.text,
    published: parseDateline(dateline.text) ?? "",
    body,
    blocks: readings,
  };
}

/** The rule's own words for a block map line. */
export function ruleSays(reading: BlockReading): string {
  if (reading.role === "furniture") return reading.reason ?? NO_RULE;
  return LAYOUT.article[reading.role].says;
}
