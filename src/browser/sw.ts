/**
 * The archive's service worker. The build bundles it (esbuild) and writes in
 * self.__WB_MANIFEST: every file of the build with a content revision. Nothing else is cached and nothing is fetched from
 * elsewhere; a new build's worker waits until no page of the old one is open.
 */
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from "workbox-precaching";

type Manifest = (PrecacheEntry | string)[];

cleanupOutdatedCaches();
declare const self: { __WB_MANIFEST: Manifest };

// Written exactly as self.__WB_MANIFEST: the build defines it as the precache list.
precacheAndRoute(self.__WB_MANIFEST, {
  directoryIndex: "index.html",
  // Pagefind cache-busts its entry file with ?ts=; search links carry ?highlight=.
  ignoreURLParametersMatching: [/^utm_/, /^ts$/, /^highlight$/],
});
