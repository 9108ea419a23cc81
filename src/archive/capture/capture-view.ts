/**
 * What a capture's own page shows besides its lines: for each block what
 * the layout rules took it for, the reason it is left out or the id of
 * its place on the article page. Made once per build from the checked entry
 * (the same reading the guard compared the article with), never re-derived.
 */
import { blockIds } from "../page/block-ids.ts";
import type { ArticleEntry, CaptureEntry, RecaptureEntry } from "../content/content-check.ts";
import type { BlockRole } from "./layout.ts";
import type { StoredCapture } from "../content/schema.ts";

/** One block as the capture page shows it: its lines, what it was taken for and by which rule, and where it went. */
export interface BlockView {
  /** 1-based first and last physical line. */
  first: number;
  last: number;
  role: BlockRole;
  /** The layout rule that said so ("none": no rule names it). */
  rule: string;
  /** Furniture: why it is left out. */
  reason?: string;
  /** Article blocks: the id of the same block on the article page. */
  target?: string;
}

/** What a capture's page shows beside what is stored: each block's reading, and every physical line, line breaks removed. */
export interface CapturePageText {
  blocks: readonly BlockView[];
  lines: readonly string[];
}

/** A capture's page data: as stored, with its blocks and lines. */
export type CaptureView = StoredCapture & CapturePageText;

/** The article page ids of the headline, publisher line and dateline. */
export const HEAD_IDS = {
  headline: "title",
  publisher: "publisher",
  dateline: "dateline",
} as const;

/**
 * The capture page's data for a checked version's capture (or one of its
 * recaptures), in its two parts: what the store keeps, and the blocks and
 * lines that go beside it.
 */
export function captureView(
  entry: ArticleEntry,
  capture: CaptureEntry | RecaptureEntry = entry.capture,
): {
  stored: StoredCapture;
  text: CapturePageText;
} {
  const { data } = entry;
  const recapture = "archived" in capture ? capture : undefined;
  const ids = blockIds(
    capture.reading.body.map((b) => ({ heading: b.role === "subheading", text: b.block.text })),
  );
  const bodyIds = new Map(capture.reading.body.map((b, i) => [b.block.index, ids[i]]));
  const blocks = capture.reading.blocks.map(({ block, role, rule, reason }): BlockView => {
    const target =
      role === "headline" || role === "publisher" || role === "dateline"
        ? HEAD_IDS[role]
        : bodyIds.get(block.index);
    return {
      first: block.firstLine,
      last: block.lastLine,
      role,
      rule,
      ...(reason ? { reason } : {}),
      ...(target ? { target } : {}),
    };
  });
  const ref = recapture ?? data.capture;
  const stored: StoredCapture = {
    file: capture.file,
    sha256: ref.sha256,
    bytes: capture.bytes,
    ...(ref.encoding ? { encoding: ref.encoding } : {}),
    article: {
      id: entry.id,
      headline: data.headline,
      language: data.language,
      version: entry.version,
      versions: entry.versions.length,
    },
    recapture: recapture !== undefined,
    archived: recapture?.archived ?? data.archived,
    form: capture.text.form,
  };
  return { stored, text: { blocks, lines: capture.text.lines } };
}
