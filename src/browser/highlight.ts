/**
 * Highlights the reader's search terms on arrival from a result: loaded only
 * when the address carries ?highlight=, it runs Pagefind's highlight script,
 * which marks the words inside the article (data-pagefind-body) only.
 */
interface PagefindHighlight {
  default: new (options: Record<string, unknown>) => unknown;
}

/** The <meta> that loaded this module names Pagefind's script and the parameter. */
export function start(meta: HTMLElement): void {
  const url = meta.getAttribute("content") ?? "";
  const param = meta.dataset.loadParam ?? "highlight";
  void (import(/* @vite-ignore */ url) as Promise<PagefindHighlight>).then((m) => {
    new m.default({ highlightParam: param, addStyles: false });
  });
}
