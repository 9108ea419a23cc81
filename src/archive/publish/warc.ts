/**
 * What the archive's WACZ packages say about each built file: its URL on the
 * site, its media type, and a record id that is the same on every build.
 * Pure helpers; the package itself is written by src/node/wacz.ts.
 */
import { sha256 } from "../hash.ts";
import { servedPath } from "../paths.ts";

/** Where the site is said to live when SITE_URL is not set: a reserved, never-real host. */
export const PLACEHOLDER_ORIGIN = "https://archive.invalid";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json",
  webmanifest: "application/manifest+json",
  xml: "application/xml",
  txt: "text/plain; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  bib: "application/x-bibtex; charset=utf-8",
  ris: "application/x-research-info-systems; charset=utf-8",
};

/** The media type a built file is served with. */
export function mediaType(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? "";
  return TYPES[ext] ?? "application/octet-stream";
}

/** The URL a built file is served at: index.html files at their folder's URL. */
export function fileUrl(siteRoot: string, path: string): string {
  return new URL(servedPath(path), siteRoot).href;
}

/** A WARC record id derived from what the record holds, so builds agree. */
export function recordId(...parts: string[]): string {
  const h = sha256(parts.join("\n"));
  return `<urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}>`;
}

/** A WARC/ISO timestamp for a "YYYY-MM-DD" day, at midnight UTC. */
export function dayTimestamp(day: string): string {
  return `${day}T00:00:00Z`;
}
