/**
 * A page's side of the service worker's messages (bundled into the modules
 * that use it): ask a question and wait for the answer, and reload into a
 * newer build the reader asked for.
 */
import { WORKER_MESSAGE, type SearchMisses } from "../archive/publish/offline.ts";

/** Sends `message` to `worker` and resolves to its answer, or null (no worker, no answer in time). */
export function askWorker<T>(
  message: Record<string, unknown>,
  worker: ServiceWorker | null | undefined = navigator.serviceWorker?.controller,
  waitMs = 5000,
): Promise<T | null> {
  if (!worker) return Promise.resolve(null);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), waitMs);
    channel.port1.onmessage = (event: MessageEvent<T>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/**
 * The search files the worker could not serve this page since it last asked
 * (null when no worker controls the page).
 */
export function searchMisses(): Promise<SearchMisses | null> {
  return askWorker<SearchMisses>({ type: WORKER_MESSAGE.misses });
}

/**
 * Whether the server holds a newer build than the one this page's worker
 * serves: the worker's script is asked for again (one small request), and a
 * newer one installs, or already waits for this build's pages to close.
 */
export async function newerBuild(base: string): Promise<boolean> {
  const workers = navigator.serviceWorker;
  if (!workers?.controller) return false;
  const registration = await workers.getRegistration(base).catch(() => undefined);
  if (!registration) return false;
  await registration.update().catch(() => undefined);
  return Boolean(registration.waiting ?? registration.installing);
}

/** Resolves to the registration's worker once it has installed and waits, or null. */
function waitingWorker(registration: ServiceWorkerRegistration): Promise<ServiceWorker | null> {
  if (registration.waiting) return Promise.resolve(registration.waiting);
  const installing = registration.installing;
  if (!installing) return Promise.resolve(null);
  return new Promise((resolve) => {
    installing.addEventListener("statechange", () => {
      if (installing.state === "installed") resolve(installing);
      else if (installing.state === "redundant") resolve(null);
    });
  });
}

/**
 * Reloads the page into the newest build: the worker that waits for this
 * build's pages to close is told to take over, and the page reloads when it
 * has (a plain reload would stay on the old worker while this page is open).
 */
export async function reloadIntoNewBuild(base: string): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration(base);
  if (!registration) return location.reload();
  await registration.update().catch(() => undefined);
  const waiting = await waitingWorker(registration);
  if (!waiting) return location.reload();
  navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), {
    once: true,
  });
  waiting.postMessage({ type: WORKER_MESSAGE.skipWaiting });
}
