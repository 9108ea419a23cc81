/**
 * Brotli copies of the search files every search loads, whatever the query:
 * Pagefind's code, its WebAssembly, the directory's and each part's page
 * tables, and the filter lists.
 * Pagefind stores its own files gzip-compressed, so a server that compresses
 * as it sends cannot shrink them. Their payloads compress better with brotli
 * at its highest quality (at 10,000 articles the metadata goes from 99 to 74 KB),
 * and Pagefind reads a payload the browser has already decompressed as it
 * reads its own. A server that serves precompressed files (`npm start` does)
 * sends the copy to a browser that accepts brotli; any other host serves the
 * files as Pagefind wrote them. Index chunks and fragments depend on the
 * query, are many, and gain little (about 2 % at a quality fast enough).
 */
import { brotliCompressSync, constants, gunzipSync } from "node:zlib";
import { searchFile, type SearchFile } from "../archive/search/search-files.ts";

/** The suffix of a precompressed copy, as servers look for it. */
export const BROTLI_SUFFIX = ".br";

/** What every search loads, whatever the query. */
const EVERY_SEARCH: ReadonlySet<SearchFile | undefined> = new Set([
  "code",
  "meta",
  "part-meta",
  "wasm",
  "filter-chunk",
]);

/** Whether a file's first bytes are a gzip stream's. */
const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * The brotli copy of the published file at `path` (relative to the site), or
 * undefined for a file that gets none. A gzip-wrapped file is unwrapped first:
 * the copy holds what Pagefind would have decompressed.
 */
export function brotliCopy(path: string, bytes: Uint8Array): Uint8Array | undefined {
  if (!EVERY_SEARCH.has(searchFile(path))) return undefined;
  const payload = isGzip(bytes) ? gunzipSync(bytes) : bytes;
  return brotliCompressSync(payload, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: payload.byteLength,
    },
  });
}
