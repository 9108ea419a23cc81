/**
 * Search that works offline. A small archive's whole index is precached with
 * the shell, so there is nothing to offer. A larger one's is not: the reader
 * is offered to save it in this browser, told how much that downloads, and
 * sees it download, may cancel it, and may remove it later. Once saved, each
 * later visit fetches only the files a new build added (their names carry
 * their hash) and drops those it no longer has. The offer is added here,
 * after the page has loaded, never in the page's HTML; it is built from text
 * nodes.
 */
import {
  runtimeCaches,
  type SearchOffline,
  type SearchOfflineFiles,
} from "../archive/publish/offline.ts";
import { BROWSER_STYLES, SEARCH_OFFLINE } from "../archive/site.ts";

/** Files fetched at once while saving. */
const AT_ONCE = 4;

/** Where this browser remembers that the reader saved search (per archive, by scope). */
const savedKey = (scope: string): string => `archive:search-offline:${scope}`;

/** A size as a reader reads it: megabytes to one decimal, or whole kilobytes under one. */
const megabytes = (bytes: number): string =>
  bytes >= 1_000_000
    ? `${(bytes / 1_000_000).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1000))} KB`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.append(...children);
  return node;
}

/**
 * Saves every file of the list not yet in `cache`; `progress` hears the bytes
 * saved so far. Stops, with what it saved kept, when `signal` aborts.
 */
async function saveFiles(
  cache: Cache,
  base: string,
  files: SearchOfflineFiles,
  signal: AbortSignal,
  progress: (bytes: number) => void,
): Promise<number> {
  let saved = 0;
  let fetched = 0;
  const queue = [...files];
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      signal.throwIfAborted();
      const [path, bytes] = file;
      const url = `${base}${path}`;
      if (!(await cache.match(url))) {
        const response = await fetch(url, { signal });
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        await cache.put(url, response);
        fetched += bytes;
      }
      saved += bytes;
      progress(saved);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return fetched;
}

/** Drops the saved search files a newer build no longer has (or all of them). */
async function dropFiles(cache: Cache, base: string, keep: ReadonlySet<string>): Promise<void> {
  const prefix = new URL(`${base}pagefind/`, location.href).href;
  for (const request of await cache.keys()) {
    if (request.url.startsWith(prefix) && !keep.has(request.url)) await cache.delete(request);
  }
}

/** Adds the offer (or the word that search works offline) after `status`, the footer's offline line. */
export async function offerOfflineSearch(
  status: HTMLElement,
  base: string,
  scope: string,
): Promise<void> {
  const response = await fetch(`${base}${SEARCH_OFFLINE.summary}`).catch(() => undefined);
  if (!response?.ok) return;
  const list = (await response.json()) as SearchOffline;
  const box = el("p");
  box.className = "offline-search";
  const styles = el("link");
  styles.rel = "stylesheet";
  styles.href = `${base}${BROWSER_STYLES.offline}`;
  const styled = new Promise<void>((done) => {
    styles.addEventListener("load", () => done());
    styles.addEventListener("error", () => done());
  });
  document.head.append(styles);
  // Shown once its styles apply: a line that moved when its margin arrived was a layout shift.
  await styled;
  status.after(box);
  if (list.precached) {
    box.append("Search works offline too: its index is saved with the pages.");
    return;
  }
  const cache = await caches.open(runtimeCaches(scope).search);
  const size = megabytes(list.bytes);

  const button = (label: string, action: () => void): HTMLButtonElement => {
    const b = el("button", label);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  };
  const offer = (): void => {
    box.replaceChildren(
      `Search needs the network for words you have not searched. `,
      button(`Make search work offline (${size})`, () => void save()),
    );
  };
  const saved = (fetched: number): void => {
    const fresh =
      fetched < list.bytes ? `; ${megabytes(fetched)} of it new since the last visit` : "";
    box.replaceChildren(
      `Search works offline in this browser (${size} saved${fresh}). `,
      button("Remove the saved search", () => void remove()),
    );
  };
  const remove = async (): Promise<void> => {
    localStorage.removeItem(savedKey(scope));
    await dropFiles(cache, base, new Set());
    offer();
  };
  const save = async (): Promise<void> => {
    const controller = new AbortController();
    const bar = el("progress");
    bar.max = list.bytes;
    bar.value = 0;
    const said = el("span", `Saving search: 0.0 of ${size}. `);
    said.setAttribute("role", "status");
    box.replaceChildren(
      said,
      bar,
      " ",
      button("Cancel", () => controller.abort()),
    );
    let shown = 0;
    try {
      // The list of chunks is read only now: at 10,000 articles it is tens of kilobytes.
      const listed = await fetch(`${base}${SEARCH_OFFLINE.files}`, { signal: controller.signal });
      if (!listed.ok) throw new Error(`${SEARCH_OFFLINE.files}: ${listed.status}`);
      const files = (await listed.json()) as SearchOfflineFiles;
      const urls = new Set(files.map(([path]) => new URL(`${base}${path}`, location.href).href));
      const fetched = await saveFiles(cache, base, files, controller.signal, (bytes) => {
        bar.value = bytes;
        // A line a tenth of the way, so a screen reader is not read every file.
        if (bytes - shown >= list.bytes / 10 || bytes === list.bytes) {
          shown = bytes;
          said.textContent = `Saving search: ${megabytes(bytes)} of ${size}. `;
        }
      });
      localStorage.setItem(savedKey(scope), "yes");
      await dropFiles(cache, base, urls);
      saved(fetched);
    } catch {
      box.replaceChildren(
        controller.signal.aborted
          ? "Saving search was cancelled; what was saved is kept. "
          : "Saving search stopped: the network went away. ",
        button(`Make search work offline (${size})`, () => void save()),
      );
    }
  };

  if (localStorage.getItem(savedKey(scope)) === "yes") {
    // Saved before: keep it whole for this build, fetching only what is new.
    void save();
  } else {
    offer();
  }
}
