/**
 * Loaded after the page's load event: registers the service worker (which
 * precaches the whole archive) and, once it is active, says so on the page.
 */
export function start(status: HTMLElement): void {
  if (!("serviceWorker" in navigator)) return;
  const base = status.dataset.base ?? "/";
  const url = `${base}${status.dataset.sw ?? "sw.js"}`;
  navigator.serviceWorker.register(url, { scope: base }).catch((error: unknown) => {
    console.warn("The archive could not be saved for offline reading", error);
  });
  void navigator.serviceWorker.ready.then(() => {
    status.hidden = false;
  });
}
