/**
 * The archive's service worker. The build bundles it (esbuild) and writes in
 * self.__WB_MANIFEST: what every page needs (src/archive/publish/offline.ts), each
 * with a content revision. Articles, captures, citation files and listings
 * are kept as the reader opens them (network first, the cache when the
 * network is gone); Pagefind's chunks as searches fetch them (cache first:
 * their names carry their hash). A page neither precached nor kept gets the
 * precached "not saved offline" page. Nothing is fetched from elsewhere.
 *
 * A new build's worker waits until no page of the old one is open, or until
 * a reader asks to reload into it (the search panel offers that when the
 * server no longer has the index a page is searching).
 */
import {
  cleanupOutdatedCaches,
  matchPrecache,
  precacheAndRoute,
  type PrecacheEntry,
} from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { CacheFirst, NetworkFirst, NetworkOnly, type StrategyOptions } from "workbox-strategies";
import {
  IGNORED_PARAMS,
  OFFLINE_PAGE,
  WORKER_MESSAGE,
  cacheKey,
  offlineRole,
  pathUnderBase,
  runtimeCaches,
  type OfflineRole,
  type SearchMisses,
} from "../archive/publish/offline.ts";

type Manifest = (PrecacheEntry | string)[];
type Plugin = NonNullable<StrategyOptions["plugins"]>[number];

/** The parts of the worker's global scope used here (the project's types are the DOM's). */
interface WaitableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerMessageEvent extends WaitableEvent {
  data: unknown;
  ports: readonly MessagePort[];
  source: { id?: string } | null;
}
interface WorkerScope {
  registration: { scope: string };
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: "activate", listener: (event: WaitableEvent) => void): void;
  addEventListener(type: "message", listener: (event: WorkerMessageEvent) => void): void;
  __WB_MANIFEST: Manifest;
}
declare const self: WorkerScope;

const scope = self.registration.scope;
const base = new URL(scope).pathname;
const stores = runtimeCaches(scope);

cleanupOutdatedCaches();
// Written exactly as self.__WB_MANIFEST: the build defines it as the precache list.
precacheAndRoute(self.__WB_MANIFEST, {
  directoryIndex: "index.html",
  // Pagefind cache-busts its entry file with ?ts=; search links carry ?highlight=.
  ignoreURLParametersMatching: [...IGNORED_PARAMS],
});

/** The role of a same-origin URL in the worker's scope (none outside it). */
function roleOf(url: URL): OfflineRole {
  const path = url.origin === location.origin ? pathUnderBase(url, base) : null;
  return path === null ? "none" : offlineRole(path);
}

/** Keeps and finds copies under their URL without ?highlight=, ?ts=, utm_… or a fragment. */
const withoutIgnoredParams: Plugin = {
  cacheKeyWillBeUsed: async ({ request }) => cacheKey(request.url),
};

/** Search files that could not be served, by the page (client) that asked for them. */
const misses = new Map<string, SearchMisses>();

function noteMiss(event: unknown, kind: keyof SearchMisses): void {
  const client = (event as { clientId?: string } | undefined)?.clientId;
  if (!client) return;
  const seen = misses.get(client) ?? { offline: 0, gone: 0 };
  seen[kind] += 1;
  misses.set(client, seen);
}

/**
 * Pagefind swallows a chunk that fails to load and answers with fewer results
 * (or none): the worker notes each miss so that the page can ask, and say
 * why, rather than "no results". A 404 means the server holds a newer build.
 */
const reportMisses: Plugin = {
  fetchDidFail: async ({ event }) => noteMiss(event, "offline"),
  fetchDidSucceed: async ({ event, response }) => {
    if (response.status === 404 || response.status === 410) noteMiss(event, "gone");
    return response;
  },
};

registerRoute(
  ({ url, request }) => request.method === "GET" && roleOf(url) === "page",
  new NetworkFirst({ cacheName: stores.pages, plugins: [withoutIgnoredParams] }),
);
registerRoute(
  ({ url, request }) => request.method === "GET" && roleOf(url) === "search-chunk",
  // A part's entry is cache-busted with ?ts= like the directory's; its folder's name carries its hash.
  new CacheFirst({ cacheName: stores.search, plugins: [withoutIgnoredParams, reportMisses] }),
);
// Any other page in scope (the feed, say) comes from the network, with the
// "not saved offline" page when it cannot.
registerRoute(({ request }) => request.mode === "navigate", new NetworkOnly());

setCatchHandler(async ({ request }) => {
  if (typeof request !== "string" && request.mode === "navigate") {
    // Precached under its file's URL (the route's directoryIndex does not apply here).
    const page = await matchPrecache(`${base}${OFFLINE_PAGE}index.html`);
    if (page) return page;
  }
  return Response.error();
});

/** Keeps the page at `url` (opened before this worker controlled it); whether it is kept. */
async function savePage(url: string): Promise<boolean> {
  const key = cacheKey(url);
  const role = roleOf(new URL(key));
  if (role === "precache") return true;
  if (role !== "page") return false;
  const cache = await caches.open(stores.pages);
  if (await cache.match(key)) return true;
  const response = await fetch(key);
  if (!response.ok) return false;
  await cache.put(key, response);
  return true;
}

self.addEventListener("activate", (event) => {
  // Pages opened before the first worker (they registered it) are this build's:
  // taking them over keeps what they fetch next. A newer build's worker only
  // activates once no page of the older one is open, or at a reader's request.
  event.waitUntil(self.clients.claim());
});

self.addEventListener("message", (event) => {
  const data = (event.data ?? {}) as { type?: string; url?: string };
  const reply = event.ports[0];
  if (data.type === WORKER_MESSAGE.save && typeof data.url === "string") {
    event.waitUntil(
      savePage(data.url)
        .catch(() => false)
        .then((saved) => reply?.postMessage({ saved })),
    );
  } else if (data.type === WORKER_MESSAGE.misses) {
    const client = event.source?.id ?? "";
    reply?.postMessage(misses.get(client) ?? { offline: 0, gone: 0 });
    misses.delete(client);
  } else if (data.type === WORKER_MESSAGE.skipWaiting) {
    event.waitUntil(self.skipWaiting());
  }
});
