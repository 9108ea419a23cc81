/**
 * "Copy quote", loaded only once a reader selects text in an article: a small
 * button appears by the selection and copies the passage with its citation
 * and the link to its paragraph.
 */
import { cleanSelection, composeQuote } from "../archive/citation/quote.ts";
import { BROWSER_STYLES } from "../archive/site.ts";
import { announcer } from "./announce.ts";

interface Quote {
  text: string;
  link: string;
}

/** The selected passage inside `body` and the link to its first paragraph, if any. */
function currentQuote(body: HTMLElement, pageUrl: string): Quote | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!body.contains(range.commonAncestorContainer)) return null;
  const text = cleanSelection(selection.toString());
  if (text === "") return null;
  const start = range.startContainer;
  const paragraph = (start instanceof Element ? start : start.parentElement)?.closest("p[id]");
  return { text, link: paragraph ? `${pageUrl}#${paragraph.id}` : pageUrl };
}

/** The floating button, made here so that pages only read carry none of it; its style loads with it. */
function quoteButton(base: string): HTMLButtonElement {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = `${base}${BROWSER_STYLES.quote}`;
  document.head.append(link);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "quote-button";
  button.textContent = "Copy quote";
  button.hidden = true;
  document.body.append(button);
  return button;
}

/** Wires the quote button to selections inside the article body. */
export function start(body: HTMLElement): void {
  const button = quoteButton(body.dataset.base ?? "/");
  const say = announcer(document.body);
  const citation = body.dataset.quoteCite ?? "";
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  const pageUrl = canonical ?? `${location.origin}${location.pathname}`;
  let quote: Quote | null = null;

  const place = (): void => {
    quote = currentQuote(body, pageUrl);
    const range = quote ? document.getSelection()?.getRangeAt(0) : undefined;
    if (!quote || !range) {
      button.hidden = true;
      return;
    }
    const rect = range.getBoundingClientRect();
    button.hidden = false;
    const top = Math.min(rect.bottom + 8, window.innerHeight - button.offsetHeight - 8);
    const left = Math.min(Math.max(rect.left, 8), window.innerWidth - button.offsetWidth - 8);
    button.style.insetBlockStart = `${Math.max(top, 8)}px`;
    button.style.insetInlineStart = `${left}px`;
  };

  document.addEventListener("selectionchange", place);
  window.addEventListener("scroll", place, { passive: true });
  // Keep the selection when the button is pressed.
  button.addEventListener("pointerdown", (event) => event.preventDefault());
  button.addEventListener("click", () => {
    if (!quote) return;
    const label = button.textContent;
    void navigator.clipboard.writeText(composeQuote(quote.text, citation, quote.link)).then(
      () => {
        button.textContent = "Copied";
        say("Copied the quote, with its citation and link.");
        setTimeout(() => (button.textContent = label), 1500);
      },
      () => {
        button.textContent = "Copy failed";
        say("Copy failed.");
      },
    );
  });
  place();
}
