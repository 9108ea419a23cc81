/**
 * What a capture's own page shows besides its lines: for each block what
 * the layout rules took it for, the reason it is left out or the id of
 * its place on the article page. Made once per build from the checked entry
 * (the same reading the guard compared the article with), never re-derived.
 */
import { blockIds } from "./block-ids.ts";
import type { ArticleEntry } from "./content-check.ts";
import type { BlockView, StoredCapture } from "./schema.ts";

/** The article page ids of the headline, publisher line and dateline. */
export const HEAD_IDS = {
  headline: "title",
  publisher: "publisher",
  dateline: "dateline",
} as const;

/**
 * The capture page's data for a checked article's capture: what the store
 * keeps, and its blocks, which go beside the store with the lines
 * (`entry.capture.text.lines`).
 */
export function captureView(entry: ArticleEntry): {
  stored: StoredCapture;
  blocks: BlockView[];
} {
  const { capture, data } = entry;
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
  const stored: StoredCapture = {
    file: capture.file,
    sha256: data.capture.sha256,
    bytes: capture.bytes,
    ...(data.capture.encoding ? { encoding: data.capture.encoding } : {}),
    article: { id: entry.id, headline: data.headline, language: data.language },
    form: capture.text.form,
  };
  return { stored, blocks };
}
