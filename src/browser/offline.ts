/**
 * Loaded after the page's load event: registers the service worker (which
 * precaches the whole archive) once the page has been quiet for a moment,
 * so its downloads never compete with reading or a first search, and, once
 * it is active, says so on the page.
 */
const QUIET_MS = 2000;

export function start(status: HTMLElement): void {
  if (!("serviceWorker" in navigator)) return;
  const base = status.dataset.base ?? "/";
  const url = `${base}${status.dataset.sw ?? "sw.js"}`;
  const register = (): void => {
    navigator.serviceWorker.register(url, { scope: base }).catch((error: unknown) => {
      console.warn("The archive could not be saved for offline reading", error);
    });
  };
  setTimeout(() => {
    if ("requestIdleCallback" in window) requestIdleCallback(register, { timeout: QUIET_MS });
    else register();
  }, QUIET_MS);
  void navigator.serviceWorker.ready.then(() => {
    status.hidden = false;
  });
}
