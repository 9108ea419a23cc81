/**
 * The "not saved offline" page's list of the articles that are saved: read
 * from the service worker's page cache, each headline taken from the cached
 * page's <h1> (parsed with DOMParser, which runs and loads nothing) and drawn
 * as text nodes, linked to the article.
 */
import {
  isArticlePage,
  pathUnderBase,
  runtimeCaches,
  versionOfPage,
} from "../archive/publish/offline.ts";

interface Saved {
  href: string;
  headline: string;
  lang: string;
}

/**
 * The headline and language of a saved article page: only its <article>'s
 * opening, up to the end of its <h1>, is parsed (the page's <head> holds
 * inline styles that this page's CSP would refuse, and report, in vain).
 */
function headlineOf(html: string, parser: DOMParser): { headline: string; lang: string } | null {
  const start = html.indexOf("<article");
  const end = html.indexOf("</h1>", start);
  if (start < 0 || end < 0) return null;
  const doc = parser.parseFromString(html.slice(start, end + "</h1>".length), "text/html");
  const article = doc.querySelector("article");
  const headline = article?.querySelector("h1")?.textContent?.trim() ?? "";
  return headline ? { headline, lang: article?.getAttribute("lang") ?? "" } : null;
}

/** The articles in the worker's page cache for the site at `base`. */
async function savedArticles(base: string): Promise<Saved[]> {
  if (!("caches" in window)) return [];
  const name = runtimeCaches(new URL(base, location.origin).href).pages;
  if (!(await caches.has(name))) return [];
  const cache = await caches.open(name);
  const parser = new DOMParser();
  const saved: Saved[] = [];
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    const path = pathUnderBase(url, base);
    if (url.origin !== location.origin || path === null || !isArticlePage(path)) continue;
    const html = await (await cache.match(request))?.text();
    const found = html === undefined ? null : headlineOf(html, parser);
    const version = versionOfPage(path);
    const entry = { href: url.pathname, headline: url.pathname, lang: "", ...found };
    if (version !== undefined) entry.headline += ` (version ${version})`;
    saved.push(entry);
  }
  return saved.sort((a, b) => a.headline.localeCompare(b.headline, "en"));
}

export async function start(section: HTMLElement): Promise<void> {
  const note = section.querySelector<HTMLElement>("[data-saved-note]");
  const list = section.querySelector<HTMLElement>("[data-saved-list]");
  if (!note || !list) return;
  const saved = await savedArticles(section.dataset.base ?? "/").catch(() => []);
  list.replaceChildren(
    ...saved.map(({ href, headline, lang }) => {
      const link = document.createElement("a");
      link.href = href;
      link.textContent = headline;
      if (lang) link.lang = lang;
      link.dir = "auto";
      const item = document.createElement("li");
      item.append(link);
      return item;
    }),
  );
  list.hidden = saved.length === 0;
  note.textContent =
    saved.length === 0
      ? "No article is saved in this browser yet: articles you open while online are kept for offline reading."
      : `${saved.length === 1 ? "This article is saved in this browser and opens" : `These ${saved.length} articles are saved in this browser and open`} offline:`;
  section.hidden = false;
}
