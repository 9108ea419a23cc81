/**
 * The text the article and capture pages show, handed from the content
 * loaders to the pages beside Astro's content store rather than through it:
 * each article's Markdown, rendered when its page is built, and each
 * capture's lines and blocks. Astro bundles the whole store into the build as
 * one module and keeps both copies for the rest of the build, so what is
 * large stays out of it (the figures are in the README's Speed section). The
 * hand-over goes through a process slot, as the checked content's does; a
 * build lets it go once every page is built.
 */
import type { LoaderContext } from "astro/loaders";
import { processSlot } from "../archive/process-slot.ts";
import type { CapturePageText } from "../archive/capture/capture-view.ts";
import type { Changes } from "../archive/versions/changes.ts";

type Render = LoaderContext["renderMarkdown"];

/** An article body as its page shows it. */
type RenderedBody = Awaited<ReturnType<Render>>;

interface PageText {
  /** Astro's Markdown processor, as configured for the site (the loaders' `renderMarkdown`). */
  render?: Render;
  /** Each article's Markdown, by article id. */
  sources: Map<string, string>;
  /** Each capture's blocks and physical lines, by capture id (its file name without .txt). */
  captures: Map<string, CapturePageText>;
  /** What changed between two versions, by change page id ("<article>/changes/<a>-to-<b>"). */
  changes: Map<string, Changes>;
}

const slot = processSlot<PageText>("page-text");

function held(): PageText {
  let text = slot.get();
  if (!text) slot.set((text = { sources: new Map(), captures: new Map(), changes: new Map() }));
  return text;
}

/** Keeps the articles' Markdown, by id, and the processor their pages render it with. */
export function shareArticleSources(render: Render, sources: Map<string, string>): void {
  const text = held();
  text.render = render;
  text.sources = sources;
}

/** Keeps the captures' blocks and lines, by capture id. */
export function shareCaptureText(captures: Map<string, CapturePageText>): void {
  held().captures = captures;
}

/** Keeps what changed between versions, by change page id. */
export function shareChanges(changes: Map<string, Changes>): void {
  held().changes = changes;
}

/** Forgets the text once every page is built, so the build's last steps do not carry it. */
export function forgetPageText(): void {
  slot.forget();
}

/** Why a page finds no text: the loaders have not run, or the pages are built and it is let go. */
const NOT_HELD =
  "the content loader has not handed it over (or the pages are built and it is let go)";

/** The article `id`'s body, rendered now; fails, naming the article, when it is not held. */
export async function renderedBody(id: string): Promise<RenderedBody> {
  const text = slot.get();
  const source = text?.sources.get(id);
  if (source === undefined || !text?.render) {
    throw new Error(`articles/${id}: no Markdown to render: ${NOT_HELD}`);
  }
  return text.render(source);
}

/** The capture `id`'s blocks and lines; fails, naming the capture, when they are not held. */
export function captureText(id: string): CapturePageText {
  const text = slot.get()?.captures.get(id);
  if (!text) throw new Error(`captures/${id}.txt: no lines for its page: ${NOT_HELD}`);
  return text;
}

/** What changed on the change page `id`; fails, naming it, when it is not held. */
export function changesOf(id: string): Changes {
  const changes = slot.get()?.changes.get(id);
  if (!changes) throw new Error(`articles/${id}: no changes for its page: ${NOT_HELD}`);
  return changes;
}
