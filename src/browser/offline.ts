/**
 * Loaded after the page's load event: registers the service worker once the
 * page has been quiet for a moment, so that installing it (the pages' shell
 * and search's code, not the archive) never competes with reading or a first
 * search. Once it is active it keeps this page too (opened before the worker
 * could), and the footer says that pages opened are saved for offline reading.
 */
import { WORKER_MESSAGE } from "../archive/publish/offline.ts";
import { offerOfflineSearch } from "./offline-search.ts";
import { askWorker } from "./worker.ts";

const QUIET_MS = 2000;

export function start(status: HTMLElement): void {
  if (!("serviceWorker" in navigator)) return;
  const base = status.dataset.base ?? "/";
  const url = `${base}${status.dataset.sw ?? "sw.js"}`;
  const register = (): void => {
    navigator.serviceWorker.register(url, { scope: base }).catch((error: unknown) => {
      console.warn("Pages could not be saved for offline reading", error);
    });
  };
  setTimeout(() => {
    if ("requestIdleCallback" in window) requestIdleCallback(register, { timeout: QUIET_MS });
    else register();
  }, QUIET_MS);
  void navigator.serviceWorker.ready.then(async (registration) => {
    await askWorker({ type: WORKER_MESSAGE.save, url: location.href }, registration.active);
    status.hidden = false;
    await offerOfflineSearch(status, base, registration.scope);
  });
}
