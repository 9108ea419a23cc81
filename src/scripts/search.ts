/**
 * The search UI, loaded only when a reader reaches for search. It runs
 * Pagefind's JS API and draws results with DOM text nodes only, so neither a
 * query nor an indexed text is ever parsed as HTML.
 */
import { excerptParts, normaliseQuery } from "../lib/excerpt";
import { HIGHLIGHT_PARAM } from "../lib/site";
import type { PagefindApi, PagefindFragment, PagefindSubResult } from "./pagefind";

const MAX_PAGES = 10;
const MAX_SECTIONS = 3;

let api: Promise<PagefindApi> | undefined;

/** Loads Pagefind from the site's own bundle, under the base path. */
function pagefind(base: string): Promise<PagefindApi> {
  api ??= (async () => {
    const url = `${base}pagefind/pagefind.js`;
    const loaded = (await import(/* @vite-ignore */ url)) as PagefindApi;
    // noWorker: the index is small, and a worker would cost another 43 KB
    // script and its start-up before the first result.
    await loaded.options({
      baseUrl: base,
      highlightParam: HIGHLIGHT_PARAM,
      excerptLength: 24,
      noWorker: true,
    });
    await loaded.init();
    return loaded;
  })();
  return api;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...children);
  return node;
}

/** The excerpt as text nodes and <mark> elements. */
function excerptNode(excerpt: string): HTMLElement {
  const p = el("p", "search-excerpt");
  for (const part of excerptParts(excerpt)) {
    p.append(part.marked ? el("mark", "search-mark", part.text) : part.text);
  }
  return p;
}

/** One result: headline, section heading (if any) and excerpt, linking to the section. */
function resultItem(page: PagefindFragment, sub: PagefindSubResult): HTMLLIElement {
  const headline = page.meta.title ?? "";
  const inSection = sub.anchor !== undefined && sub.anchor.element !== "h1";
  const link = el("a", "search-link", headline);
  link.href = sub.url;
  const item = el("li", "search-result", link);
  if (inSection) item.append(el("p", "search-section", sub.title));
  item.append(excerptNode(sub.excerpt));
  return item;
}

function sectionsOf(page: PagefindFragment): PagefindSubResult[] {
  const subs = page.sub_results.length > 0 ? page.sub_results : [];
  return subs.slice(0, MAX_SECTIONS);
}

/** Wires the search form: typing searches, Escape clears. */
export function start(form: HTMLElement): void {
  const base = form.dataset.base ?? "/";
  const input = form.querySelector<HTMLInputElement>("input[type=search]");
  const list = form.querySelector<HTMLOListElement>("[data-search-results]");
  const status = form.querySelector<HTMLElement>("[data-search-status]");
  const panel = form.querySelector<HTMLElement>("[data-search-panel]");
  const summary = form.querySelector<HTMLElement>("[data-search-summary]");
  if (!input || !list || !status || !panel || !summary) return;

  /** Says a line to screen readers (live region) and shows it in the panel. */
  const say = (text: string): void => {
    status.textContent = text;
    summary.textContent = text;
  };
  const clear = (): void => {
    list.replaceChildren();
    say("");
    panel.hidden = true;
  };

  const run = async (): Promise<void> => {
    const query = normaliseQuery(input.value);
    if (query === "") return clear();
    try {
      const search = await (await pagefind(base)).debouncedSearch(query, {}, 50);
      if (search === null || normaliseQuery(input.value) !== query) return;
      const pages = await Promise.all(search.results.slice(0, MAX_PAGES).map((r) => r.data()));
      const items = pages.flatMap((page) => sectionsOf(page).map((sub) => resultItem(page, sub)));
      list.replaceChildren(...items);
      const articles = pages.length === 1 ? "1 article" : `${pages.length} articles`;
      say(
        items.length === 0
          ? `No matches for “${query}”.`
          : `${items.length} ${items.length === 1 ? "match" : "matches"} in ${articles}.`,
      );
      panel.hidden = false;
    } catch (error) {
      list.replaceChildren();
      say("Search could not load. The articles still read in full.");
      panel.hidden = false;
      console.warn("Search failed to load", error);
    }
  };

  input.addEventListener("input", () => void run());
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      input.value = "";
      clear();
      input.focus();
    }
  });
  // The panel floats over the page: it closes when the reader tabs or clicks
  // away, and comes back with the same results when they return to the box.
  const closeIfOutside = (target: EventTarget | null): void => {
    if (target instanceof Node && !form.contains(target)) panel.hidden = true;
  };
  form.addEventListener("focusout", (event) => closeIfOutside(event.relatedTarget));
  document.addEventListener("pointerdown", (event) => closeIfOutside(event.target));
  input.addEventListener("focus", () => {
    if (list.childElementCount > 0 || summary.textContent) panel.hidden = false;
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector("a")?.focus();
  });
  void pagefind(base);
  if (input.value !== "") void run();
}
