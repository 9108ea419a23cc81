/**
 * The capture page's column of lines as HTML: one <pre> holding every
 * physical line (numbered by a generated mark, anchored #L<n>), grouped by
 * block; the article's blocks marked and linked to their place on the
 * article page, the rest marked as left out with the layout rule's reason.
 * Built as a tree (hastscript) and serialised by hast-util-to-html, so every
 * character of the capture is escaped, and with no whitespace of its own
 * between elements: inside a <pre> that would show, and be copied.
 */
import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import type { CaptureView } from "./schema.ts";
import { visibleRuns } from "./visible-space.ts";

type Block = CaptureView["blocks"][number];

const ROLE_NAMES: Record<Block["role"], string> = {
  furniture: "left out",
  headline: "headline",
  publisher: "publisher line",
  dateline: "dateline",
  paragraph: "paragraph",
  subheading: "subheading",
};

/** The note after a block: where it went in the article, or why it is left out. */
function note(block: Block, articleHref: string) {
  if (block.role === "furniture") {
    return h("span.note", { lang: "en" }, `left out: ${block.reason ?? "outside the article"}`);
  }
  const number = block.target && /^p\d+$/.test(block.target) ? ` ${block.target.slice(1)}` : "";
  return h("span.note", { lang: "en" }, [
    `${ROLE_NAMES[block.role]}${number}: `,
    h("a", { href: `${articleHref}#${block.target ?? ""}` }, "in the article"),
  ]);
}

/** One physical line: its number (generated), its text with whitespace made visible. */
function line(view: CaptureView, n: number) {
  const runs = visibleRuns(view.lines[n - 1] ?? "").map((run) =>
    run.kind === "text" ? run.text : h(`span.ws.${run.kind}`, run.text),
  );
  return h("span.line", { id: `L${n}`, dataN: String(n) }, [
    h("span.text", { dir: "auto" }, [...runs, "\n"]),
  ]);
}

/** The <pre> of every line, as HTML. */
export function captureLinesHtml(view: CaptureView, articleHref: string): string {
  const blockAt = new Map<number, Block>();
  for (const block of view.blocks) {
    for (let n = block.first; n <= block.last; n++) blockAt.set(n, block);
  }
  const groups: ReturnType<typeof h>[] = [];
  for (let n = 1; n <= view.lines.length; n++) {
    const block = blockAt.get(n);
    if (!block) {
      groups.push(h("span.group", [line(view, n)]));
      continue;
    }
    const used = block.role !== "furniture";
    const lines = [];
    for (let k = block.first; k <= block.last; k++) lines.push(line(view, k));
    groups.push(
      h(
        `span.group.${used ? "used" : "left-out"}`,
        {
          id: used && block.target ? `article-${block.target}` : undefined,
          lang: used ? view.article.language : undefined,
          dataRole: block.role,
          dataRule: block.rule,
        },
        [...lines, note(block, articleHref)],
      ),
    );
    n = block.last;
  }
  return toHtml(h("pre.capture-lines", { ariaLabel: "The capture, line by line" }, groups));
}
