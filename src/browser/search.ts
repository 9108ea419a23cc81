/**
 * The search UI, loaded only when a reader reaches for search. It runs
 * Pagefind's JS API and draws results with DOM text nodes only, so neither a
 * query nor an indexed text is ever parsed as HTML.
 *
 * Offline, a search may need index chunks this browser has not kept. Pagefind
 * then answers with fewer results or none (a chunk that fails to load is
 * logged and skipped; only a result's data() throws), so after each search
 * the page asks the service worker which search files it could not serve:
 * missing ones mean "search needs the network", ones the server no longer has
 * mean a newer build replaced this page's index ("reload"), never "no results".
 */
import {
  excerptParts,
  markedWords,
  normaliseQuery,
  withHighlights,
} from "../archive/search/excerpt.ts";
import type { SearchMisses } from "../archive/publish/offline.ts";
import { textDirection } from "../archive/capture/script.ts";
import { atVersion } from "../archive/versions/anchors.ts";
import {
  BROWSER_STYLES,
  HIGHLIGHT_PARAM,
  SEARCH_FILTERS,
  SEARCH_PAGE_SIZE,
} from "../archive/site.ts";
import type { PagefindFragment, PagefindSubResult } from "./pagefind";
import { ArchiveSearch, type Answer, type Order } from "./search-indexes.ts";
import { newerBuild, reloadIntoNewBuild, searchMisses } from "./worker.ts";

/** The longest query the panel repeats whole: a listener is not read back a pasted paragraph. */
const QUOTED_MAX = 60;

/** A query as the panel names it: in quotation marks, cut with "…" past QUOTED_MAX characters. */
function quoted(query: string): string {
  const chars = Array.from(query);
  return `“${chars.length > QUOTED_MAX ? `${chars.slice(0, QUOTED_MAX).join("")}…` : query}”`;
}

/**
 * What the panel says of results: how many articles match which query, and how
 * many are drawn. Naming the query tells a listener (and a test) which of the
 * searches typed so far this count answers.
 */
const countLine = (total: number, query: string, shown: number): string =>
  `${total === 1 ? "1 article matches" : `${total.toLocaleString("en")} articles match`} ${quoted(query)}; showing ${shown.toLocaleString("en")}.`;

/**
 * What the panel says of an answer: its count when it is whole; otherwise
 * how many match at least, and whether the rest of the index is still being
 * searched or needs a longer word.
 */
function answerLine(answer: Answer, query: string, shown: number, filtered: boolean): string {
  if (answer.total === 0 && answer.remaining === 0) {
    return `No articles match ${quoted(query)}${filtered ? " with these choices" : ""}.`;
  }
  if (answer.remaining === 0) return countLine(answer.total, query, shown);
  const parts =
    answer.remaining === 1 ? "1 more part" : `${answer.remaining.toLocaleString("en")} more parts`;
  const atLeast =
    answer.total === 1
      ? "1 article matches"
      : `${answer.total.toLocaleString("en")} articles match`;
  return `At least ${atLeast} ${quoted(query)}; showing ${shown.toLocaleString("en")}. ${
    answer.complete
      ? `Searching ${parts} of the archive…`
      : `Type a longer word to search ${parts} of the archive.`
  }`;
}

const MAX_SECTIONS = 3;

/** A later version's page: /articles/<id>/versions/<n>/. */
const VERSION_PAGE = /\/versions\/(\d+)\/(?:[?#].*)?$/;

let styles: Promise<void> | undefined;

/** Loads the panel's stylesheet (once); resolves when it applies, or failed. */
function panelStyles(base: string): Promise<void> {
  styles ??= new Promise((done) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = `${base}${BROWSER_STYLES.search}`;
    link.addEventListener("load", () => done());
    link.addEventListener("error", () => done());
    document.head.append(link);
  });
  return styles;
}

/** The archive's search for a site under `base`, with the options every language's Pagefind gets. */
const archiveSearch = (base: string): ArchiveSearch =>
  new ArchiveSearch(base, {
    baseUrl: base,
    highlightParam: HIGHLIGHT_PARAM,
    excerptLength: 24,
    // noWorker: the index is small, and a worker would cost another 43 KB
    // script and its start-up before the first result.
    noWorker: true,
  });

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

/** Marks `node` as text in `language`, running its way. */
function inLanguage<T extends HTMLElement>(node: T, language: string): T {
  node.lang = language;
  node.dir = textDirection(language);
  return node;
}

/** The excerpt as text nodes and <mark> elements. */
function excerptNode(excerpt: string, language: string): HTMLElement {
  const p = inLanguage(el("p", "search-excerpt"), language);
  for (const part of excerptParts(excerpt)) {
    p.append(part.marked ? el("mark", "search-mark", part.text) : part.text);
  }
  return p;
}

/**
 * One article: its headline (linking to its best match), outlet and dateline,
 * then each matching section (its heading linking to it, if the match is not
 * in the opening) with its excerpt. The article's words carry its language.
 */
function resultItem(page: PagefindFragment, language: string): HTMLLIElement {
  const sections = sectionsOf(page);
  const link = inLanguage(el("a", "search-link", page.meta.title ?? ""), language);
  // An article is indexed once, from its newest version; a match in an earlier version's
  // text leads to that version's page (src/archive/versions/search-copy.ts).
  const best = atVersion(sections[0]?.url ?? page.url);
  // The page marks the words the excerpts mark, as it prints them.
  const words = markedWords(sections.map((sub) => sub.excerpt));
  link.href = withHighlights(best.url, words, HIGHLIGHT_PARAM);
  const version = best.version ?? VERSION_PAGE.exec(page.url)?.[1];
  const byline = [page.meta.publisher, page.meta.dateline, version && `version ${version}`]
    .filter(Boolean)
    .join(" · ");
  const item = el("li", "search-result", link);
  if (byline) {
    const line = el("p", "search-byline", byline);
    line.dir = "auto";
    item.append(line);
  }
  const matches = el("ul", "search-matches");
  for (const sub of sections) {
    const match = el("li", "search-match");
    if (sub.anchor !== undefined && sub.anchor.element !== "h1") {
      const heading = inLanguage(el("a", "", sub.title), language);
      heading.href = withHighlights(
        atVersion(sub.url).url,
        markedWords([sub.excerpt]),
        HIGHLIGHT_PARAM,
      );
      match.append(el("p", "search-section", heading));
    }
    match.append(excerptNode(sub.excerpt, language));
    matches.append(match);
  }
  item.append(matches);
  return item;
}

/**
 * The sections to show, at most MAX_SECTIONS: first those whose excerpt
 * shows the most of the query's different words together (so the paragraph
 * of an earlier version that holds the phrase comes before a long opening
 * section that holds its words apart), then the newest version's own text,
 * then by their words' scores.
 */
function sectionsOf(page: PagefindFragment): PagefindSubResult[] {
  const together = (sub: PagefindSubResult): number =>
    new Set(
      excerptParts(sub.excerpt)
        .filter((p) => p.marked)
        .map((p) => p.text.toLocaleLowerCase()),
    ).size;
  const score = (sub: PagefindSubResult): number =>
    (sub.weighted_locations ?? []).reduce((sum, l) => sum + (l.balanced_score || 0), 0);
  // On a tie, the newest version's own text before an earlier version's.
  const earlier = (sub: PagefindSubResult): number => (atVersion(sub.url).version ? 1 : 0);
  return [...page.sub_results]
    .sort((a, b) => together(b) - together(a) || earlier(a) - earlier(b) || score(b) - score(a))
    .slice(0, MAX_SECTIONS);
}

/** What narrows and orders a search: the reader's choices in the panel. */
interface Choices {
  outlet: string;
  year: string;
  sort: Order;
}

/** Pagefind's search options for the reader's choices. */
function searchOptions({ outlet, year, sort }: Choices): Record<string, unknown> {
  const filters: Record<string, string> = {};
  if (outlet) filters.outlet = outlet;
  if (year) filters.year = year;
  return {
    filters,
    ...(sort === "relevance" ? {} : { sort: { date: sort === "newest" ? "desc" : "asc" } }),
  };
}

/** A labelled <select> of a filter's values: "All" now, the values once they are loaded. */
function filterSelect(name: string, label: string): HTMLLabelElement {
  const select = el("select", "search-select search-filter");
  select.name = name;
  const all = el("option", "", "All");
  all.value = "";
  select.append(all);
  return el("label", "search-choice", `${label} `, select);
}

/** Adds a filter's values to its <select>, from text nodes. */
function fillSelect(select: HTMLSelectElement, values: readonly string[]): void {
  for (const value of values) {
    const option = el("option", "", value);
    option.value = value;
    select.append(option);
  }
}

/**
 * The panel's controls: outlet, year and order. They are there from the
 * first search, with "All"; the outlets and years are added after its
 * results are drawn, so a first search never waits for (or fetches) the
 * filters' chunks. The selects keep their size as they fill: nothing moves.
 */
function controls(base: string): { fieldset: HTMLElement; fill: () => Promise<boolean> } {
  const sort = el("select", "search-select");
  sort.name = "sort";
  for (const [value, text] of [
    ["relevance", "Relevance"],
    ["newest", "Newest first"],
    ["oldest", "Oldest first"],
  ] as const) {
    const option = el("option", "", text);
    option.value = value;
    sort.append(option);
  }
  const outlet = filterSelect("outlet", "Outlet");
  const year = filterSelect("year", "Year");
  const fieldset = el(
    "fieldset",
    "search-controls",
    el("legend", "visually-hidden", "Narrow and order the results"),
    outlet,
    year,
    el("label", "search-choice", "Order ", sort),
  );
  /** Adds the outlets and years; false while their lists cannot load (offline, say). */
  const fill = async (): Promise<boolean> => {
    const response = await fetch(`${base}${SEARCH_FILTERS}`);
    if (!response.ok) return false;
    const lists = (await response.json()) as { outlet?: string[]; year?: string[] };
    const [outletSelect, yearSelect] = [outlet, year].map((l) => l.querySelector("select"));
    if (outletSelect) fillSelect(outletSelect, lists.outlet ?? []);
    if (yearSelect) fillSelect(yearSelect, lists.year ?? []);
    return true;
  };
  return { fieldset, fill };
}

/** Why a search's answer is incomplete, if it is: the index is elsewhere or was replaced. */
type Incomplete = "offline" | "updated" | null;

/**
 * Whether a search's answer is whole: what the worker says it could not serve
 * since the page last asked, and how many results' data failed to load. An
 * empty answer from this page's build, when the server holds a newer one, may
 * be out of date (the index this page holds, or its worker keeps, gave it). With
 * no worker to ask, an empty answer while the browser is offline is no answer.
 */
async function incomplete(base: string, failed: number, empty: boolean): Promise<Incomplete> {
  const misses: SearchMisses | null = await searchMisses();
  if (misses && misses.gone > 0) return "updated";
  if (empty && (await newerBuild(base))) return "updated";
  if ((misses && misses.offline > 0) || failed > 0) return "offline";
  return !misses && empty && !navigator.onLine ? "offline" : null;
}

/** Wires the search form: typing searches, Escape clears, the panel narrows and orders. */
export function start(form: HTMLElement): void {
  const base = form.dataset.base ?? "/";
  const pageSize = Math.max(1, Number(form.dataset.pageSize) || SEARCH_PAGE_SIZE);
  const input = form.querySelector<HTMLInputElement>("input[type=search]");
  const list = form.querySelector<HTMLOListElement>("[data-search-results]");
  const status = form.querySelector<HTMLElement>("[data-search-status]");
  const panel = form.querySelector<HTMLElement>("[data-search-panel]");
  const summary = form.querySelector<HTMLElement>("[data-search-summary]");
  if (!input || !list || !status || !panel || !summary) return;

  const more = el("button", "search-more", "Show more results");
  more.type = "button";
  more.hidden = true;
  list.after(more);
  // Offered when the server holds a newer build than the one this page searches.
  const reload = el("button", "search-reload", "Reload the archive");
  reload.type = "button";
  reload.hidden = true;
  reload.addEventListener("click", () => {
    reload.disabled = true;
    void reloadIntoNewBuild(base);
  });
  summary.after(reload);
  let answer: Answer | undefined;
  /** The query `answer` answers (the box may hold a newer one, not yet answered). */
  let answered = "";
  /** Whether the reader's choices narrow `answer` to an outlet or a year. */
  let filtered = false;
  /** Stops the search of parts for a query the reader has typed past. */
  let searching: AbortController | undefined;
  /** The results drawn, by language and id, in order: a whole answer redraws only when it differs. */
  let drawnIds: string[] = [];
  let shown = 0;
  /** Articles drawn for the current results (fewer than `shown` when some could not load). */
  let drawn = 0;

  /** Says a line to screen readers (live region) and shows it in the panel. */
  const say = (text: string): void => {
    status.textContent = text;
    summary.textContent = text;
    reload.hidden = true;
  };
  const clear = (): void => {
    searching?.abort();
    list.replaceChildren();
    drawnIds = [];
    answer = undefined;
    more.hidden = true;
    say("");
    panel.hidden = true;
  };
  /** Says why the search could not answer in full, instead of a count that would mislead. */
  const sayIncomplete = (why: "offline" | "updated", query: string): void => {
    if (why === "updated") {
      say(
        "The archive has been updated since this page was opened: reload it to search the new version.",
      );
      reload.hidden = false;
      reload.disabled = false;
    } else {
      say(
        drawn === 0
          ? `Search needs the network for ${quoted(query)}: the part of the index it uses is not saved in this browser. The articles you have opened still read offline.`
          : `Search needs the network to show every result for ${quoted(query)}; showing the ${drawn === 1 ? "one" : drawn} saved in this browser.`,
      );
    }
  };

  /**
   * Each search's number: a search (or "Show more") that a newer search has
   * overtaken while it waited draws nothing, so results never mix or repeat.
   */
  let generation = 0;

  /**
   * Draws the next `pageSize` articles of the current results; resolves to the first
   * new link and how many results' data could not be loaded (offline, say).
   */
  const drawMore = async (): Promise<{ first: HTMLAnchorElement | null; failed: number }> => {
    const mine = generation;
    const current = answer;
    if (!current) return { first: null, failed: 0 };
    const next = await current.take(pageSize);
    if (mine !== generation) return { first: null, failed: 0 };
    shown += next.length;
    drawnIds.push(...next.map(({ found }) => `${found.language} ${found.result.id}`));
    const pages = next.flatMap(({ found, data }) => (data ? [{ data, found }] : []));
    drawn += pages.length;
    const items = pages.map(({ data, found }) => resultItem(data, found.language));
    list.append(...items);
    more.hidden = shown >= current.total;
    return { first: items[0]?.querySelector("a") ?? null, failed: next.length - pages.length };
  };

  // The panel's controls, there from the start; their outlets and years are added once,
  // after a search's results are drawn (tried again after the next search if they could not load).
  const panelControls = controls(base);
  panelControls.fieldset.addEventListener("change", () => void run());
  summary.before(panelControls.fieldset);
  const search = archiveSearch(base);
  let filled: Promise<boolean> | undefined;
  const fillControls = (): Promise<boolean> =>
    (filled ??= panelControls.fill().then((ok) => {
      if (!ok) filled = undefined;
      return ok;
    }));

  const choices = (): Choices => {
    const value = (name: string): string =>
      form.querySelector<HTMLSelectElement>(`select[name="${name}"]`)?.value ?? "";
    const sort = value("sort");
    return {
      outlet: value("outlet"),
      year: value("year"),
      sort: sort === "newest" || sort === "oldest" ? sort : "relevance",
    };
  };

  /** Says what the current answer found, or why it is incomplete. */
  const sayAnswer = async (found: Answer, query: string, failed: number): Promise<boolean> => {
    const mine = generation;
    const why = await incomplete(base, failed + found.unavailable, found.total === 0);
    if (mine !== generation) return false;
    if (why !== null) sayIncomplete(why, query);
    else say(answerLine(found, query, shown, filtered));
    return true;
  };

  /**
   * Takes the whole answer in place of a first one: the results drawn stay
   * when the whole answer begins with them (by date it always does), and are
   * drawn again otherwise (by relevance, a later part may hold better ones).
   */
  const completeWith = async (whole: Answer, query: string, mine: number): Promise<void> => {
    const count = shown;
    const again = await whole.take(count);
    if (mine !== generation) return;
    const ids = again.map(({ found }) => `${found.language} ${found.result.id}`);
    answer = whole;
    let failed = 0;
    if (ids.join("\n") !== drawnIds.join("\n")) {
      const pages = again.flatMap(({ found, data }) => (data ? [{ data, found }] : []));
      drawn = pages.length;
      failed = again.length - pages.length;
      drawnIds = ids;
      list.replaceChildren(...pages.map(({ data, found }) => resultItem(data, found.language)));
    }
    more.hidden = shown >= whole.total;
    await sayAnswer(whole, query, failed);
  };

  const run = async (): Promise<void> => {
    const query = normaliseQuery(input.value);
    const mine = ++generation;
    searching?.abort();
    if (query === "") return clear();
    const controller = new AbortController();
    searching = controller;
    try {
      await panelStyles(base);
      await filled?.catch(() => false); // its misses are its own, not this search's
      await searchMisses(); // forget what earlier searches (and the controls) missed
      // Typing fast: only the last of the keystrokes within 50 ms is searched.
      await new Promise((wait) => setTimeout(wait, 50));
      if (mine !== generation) return;
      const choice = choices();
      const found = await search.search(query, searchOptions(choice), choice.sort, {
        pageSize,
        signal: controller.signal,
      });
      if (mine !== generation) return;
      answer = found;
      answered = query;
      filtered = choice.outlet !== "" || choice.year !== "";
      shown = 0;
      drawn = 0;
      drawnIds = [];
      list.replaceChildren();
      const { failed } = await drawMore();
      if (!(await sayAnswer(found, query, failed))) return;
      panel.hidden = false;
      // Once the results are painted (the frame after them, then a task): the filters'
      // chunks never compete with a first search, nor land before its results show.
      requestAnimationFrame(() => setTimeout(() => void fillControls().catch(() => false)));
      const whole = await found.complete;
      if (whole && mine === generation) await completeWith(whole, query, mine);
    } catch (error) {
      if (mine !== generation) return;
      list.replaceChildren();
      say("Search could not load. The articles still read in full.");
      panel.hidden = false;
      console.warn("Search failed to load", error);
    }
  };

  input.addEventListener("input", () => void run());
  more.addEventListener("click", () => {
    const mine = generation;
    void (async () => {
      const { first, failed } = await drawMore();
      const why = await incomplete(base, failed, false);
      if (mine !== generation) return; // a newer search has the panel
      if (why !== null) return sayIncomplete(why, answered);
      first?.focus();
      if (answer) say(answerLine(answer, answered, shown, filtered));
    })();
  });
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
  void search.warm().catch(() => undefined);
  void panelStyles(base);
  if (input.value !== "") void run();
}
