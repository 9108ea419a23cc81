/**
 * The capture page's column of lines as HTML: one <pre> holding every
 * physical line (numbered by a generated mark, anchored #L<n>), grouped by
 * block; the article's blocks marked and linked to their place on the
 * article page, the rest marked as left out with the layout rule's reason.
 * Written as a string (a capture page holds every line, and ten thousand of
 * them are built at a time), every piece of text through `text` and every
 * attribute value through `attr`, escaped as hast-util-to-html escapes them,
 * and with no whitespace of its own between elements: inside a <pre> that
 * would show, and be copied.
 */
import type { BlockView, CaptureView } from "./capture-view.ts";
import { visibleRuns } from "./visible-space.ts";

const ROLE_NAMES: Record<BlockView["role"], string> = {
  furniture: "left out",
  headline: "headline",
  publisher: "publisher line",
  dateline: "dateline",
  paragraph: "paragraph",
  subheading: "subheading",
};

/** Text content: `&` and `<` escaped (all a parser needs; as hast-util-to-html writes them). */
const text = (value: string): string => value.replace(/&/g, "&#x26;").replace(/</g, "&#x3C;");

/** A double-quoted attribute value: `&` and `"` escaped. */
const attr = (value: string): string => value.replace(/&/g, "&#x26;").replace(/"/g, "&#x22;");

/** Attributes in order, leaving out those without a value. */
function attrs(pairs: readonly (readonly [string, string | undefined])[]): string {
  return pairs
    .map(([name, value]) => (value === undefined ? "" : ` ${name}="${attr(value)}"`))
    .join("");
}

/** The note after a block: where it went in the article, or why it is left out. */
function note(block: BlockView, articleHref: string): string {
  if (block.role === "furniture") {
    return `<span class="note" lang="en">${text(`left out: ${block.reason ?? "outside the article"}`)}</span>`;
  }
  const number = block.target && /^p\d+$/.test(block.target) ? ` ${block.target.slice(1)}` : "";
  const href = `${articleHref}#${block.target ?? ""}`;
  // The link's name says which block, as the article page's links do ("Paragraph 3 in the capture").
  const name = `${ROLE_NAMES[block.role]}${number}`;
  return `<span class="note" lang="en">${text(`${name}: `)}<a href="${attr(href)}" aria-label="${attr(`${name} in the article`)}">in the article</a></span>`;
}

/** One physical line: its number (generated), its text with whitespace made visible. */
function line(view: CaptureView, n: number): string {
  const runs = visibleRuns(view.lines[n - 1] ?? "").map((run) =>
    run.kind === "text" ? text(run.text) : `<span class="ws ${run.kind}">${text(run.text)}</span>`,
  );
  return `<span class="line" id="L${n}" data-n="${n}"><span class="text" dir="auto">${runs.join("")}\n</span></span>`;
}

/** The <pre> of every line, as HTML. */
export function captureLinesHtml(view: CaptureView, articleHref: string): string {
  const blockAt = new Map<number, BlockView>();
  for (const block of view.blocks) {
    for (let n = block.first; n <= block.last; n++) blockAt.set(n, block);
  }
  const groups: string[] = [];
  for (let n = 1; n <= view.lines.length; n++) {
    const block = blockAt.get(n);
    if (!block) {
      groups.push(`<span class="group">${line(view, n)}</span>`);
      continue;
    }
    const used = block.role !== "furniture";
    const lines: string[] = [];
    for (let k = block.first; k <= block.last; k++) lines.push(line(view, k));
    const open = attrs([
      ["class", `group ${used ? "used" : "left-out"}`],
      ["id", used && block.target ? `article-${block.target}` : undefined],
      ["lang", used ? view.article.language : undefined],
      ["data-role", block.role],
      ["data-rule", block.rule],
    ]);
    groups.push(`<span${open}>${lines.join("")}${note(block, articleHref)}</span>`);
    n = block.last;
  }
  return `<pre class="capture-lines" aria-label="The capture, line by line">${groups.join("")}</pre>`;
}
