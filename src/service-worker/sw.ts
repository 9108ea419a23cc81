/**
 * The archive's service worker. The build bundles it (esbuild) and Workbox's
 * injectManifest fills in self.__WB_MANIFEST: every file of the build with a
 * content revision. Nothing else is cached and nothing is fetched from
 * elsewhere; a new build's worker waits until no page of the old one is open.
 */
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from "workbox-precaching";

type Manifest = (PrecacheEntry | string)[];

cleanupOutdatedCaches();
// Written exactly as self.__WB_MANIFEST: the placeholder Workbox replaces.
precacheAndRoute((self as unknown as { __WB_MANIFEST: Manifest }).__WB_MANIFEST, {
  directoryIndex: "index.html",
  // Pagefind cache-busts its entry file with ?ts=; search links carry ?highlight=.
  ignoreURLParametersMatching: [/^utm_/, /^ts$/, /^highlight$/],
});
