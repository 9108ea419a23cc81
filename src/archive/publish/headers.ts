/**
 * The `_headers` file (Netlify / Cloudflare Pages format) that sends each
 * page's Content Security Policy as an HTTP header too, where the meta tag
 * cannot carry every directive (frame-ancestors), and lets browsers keep the
 * search files named by their content for good. Pure: given the pages.
 */
import { IMMUTABLE, IMMUTABLE_SEARCH_FOLDERS } from "../search/search-files.ts";
import { CSP_HEADER_ONLY } from "./csp.ts";
import { servedPath } from "../paths.ts";

/** One built page: its URL path (base included) and its meta CSP. */
export interface PagePolicy {
  path: string;
  csp: string;
}

/** The CSP a page's <meta http-equiv="content-security-policy"> holds, or null. */
export function metaCsp(html: string): string | null {
  const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html);
  return (
    meta?.[1]
      ?.replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&") ?? null
  );
}

/** The URL path a built HTML file is served at. */
export function pagePath(base: string, file: string): string {
  return `${base}${servedPath(file)}`;
}

/**
 * The policy rules: the pages of a folder under the base that all share one
 * policy (every article page does) are one `<folder>/*` rule, so the file
 * stays a few rules long however many articles there are (Cloudflare Pages
 * reads at most 100); a folder whose pages differ keeps a rule a page. A
 * host sends every matching rule's headers, so no page may match two
 * policies: a folder is grouped only when every page in it agrees.
 */
function policyRules(pages: readonly PagePolicy[], base: string): PagePolicy[] {
  const folderOf = (path: string): string | undefined => {
    const rest = path.startsWith(base) ? path.slice(base.length) : "";
    const slash = rest.indexOf("/");
    return slash > 0 ? `${base}${rest.slice(0, slash + 1)}` : undefined;
  };
  const policies = new Map<string, Set<string>>();
  for (const { path, csp } of pages) {
    const folder = folderOf(path);
    if (folder) policies.set(folder, (policies.get(folder) ?? new Set()).add(csp));
  }
  const rules = new Map<string, string>();
  for (const { path, csp } of pages) {
    const folder = folderOf(path);
    const shared = folder !== undefined && policies.get(folder)?.size === 1;
    rules.set(shared ? `${folder}*` : path, csp);
  }
  return [...rules].map(([path, csp]) => ({ path, csp }));
}

/**
 * The `_headers` file for the given pages of a site under `base`; `types`
 * gives URL paths served with a media type of their own (raw captures in a
 * charset other than UTF-8).
 */
export function headersFile(
  pages: readonly PagePolicy[],
  types: ReadonlyMap<string, string> = new Map(),
  base = "/",
): string {
  const blocks = policyRules(pages, base)
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(({ path, csp }) => {
      const policy = [csp.replace(/;\s*$/, ""), ...CSP_HEADER_ONLY].join("; ");
      return `${path}\n  Content-Security-Policy: ${policy}\n`;
    });
  const common = [
    "/*",
    "  X-Content-Type-Options: nosniff",
    "  Referrer-Policy: no-referrer",
    "",
  ].join("\n");
  const kept = IMMUTABLE_SEARCH_FOLDERS.map(
    (folder) => `${base}${folder}*\n  Cache-Control: ${IMMUTABLE}\n`,
  );
  const typed = [...types]
    .filter(([, type]) => !/charset=utf-8$/i.test(type))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, type]) => `${path}\n  Content-Type: ${type}\n`);
  return [common, ...blocks, ...kept, ...typed].join("\n");
}

/** One rule of a `_headers` file: a URL path (or `/*`, every path) and the headers it sends. */
export interface HeaderRule {
  path: string;
  headers: [name: string, value: string][];
}

/**
 * Reads a `_headers` file back into its rules, in order: the inverse of
 * `headersFile`, so a server's configuration can be made from what the build
 * wrote. A line it cannot read throws, naming the line.
 */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: [] });
      return;
    }
    const header = /^\s+([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    const rule = rules.at(-1);
    if (!header?.[1] || header[2] === undefined || !rule) {
      throw new Error(`_headers line ${index + 1}: not a path or a "Name: value" header: ${line}`);
    }
    rule.headers.push([header[1], header[2]]);
  });
  return rules;
}

/** The rules a host applies to `path`: those that name it, and the `<prefix>*` rules it starts with. */
export function rulesFor(rules: readonly HeaderRule[], path: string): HeaderRule[] {
  return rules.filter((rule) =>
    rule.path.endsWith("*") ? path.startsWith(rule.path.slice(0, -1)) : rule.path === path,
  );
}

/**
 * The media type a server sends for the file at URL `path`: the one the
 * build's `_headers` names for it (a capture in another encoding than UTF-8),
 * else for text a charset of UTF-8, which the build writes its text in and
 * static hosts send, and which `_headers` therefore leaves out; undefined
 * for any other file, whose type goes by its extension alone.
 */
export function servedType(rules: readonly HeaderRule[], path: string): string | undefined {
  const named = rulesFor(rules, path)
    .flatMap((rule) => rule.headers)
    .find(([name]) => name.toLowerCase() === "content-type");
  if (named) return named[1];
  return path.endsWith(".txt") ? "text/plain; charset=utf-8" : undefined;
}
