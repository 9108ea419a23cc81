/**
 * A Caddy configuration that serves a built archive as `npm start` does and
 * sends what only a header can carry: each page's Content Security Policy
 * (with `frame-ancestors`), the capture files' charsets, and the brotli
 * copies of the search files. It is made from the `_headers` rules the build
 * wrote, never by hand, so it cannot drift from the pages' own policies.
 * Pure: given the rules and where the site is served.
 */
import type { HeaderRule } from "./headers.ts";

/** Where and how the site is served. */
export interface CaddyOptions {
  /** The site address Caddy listens on: a host name (HTTPS by Caddy) or `http://localhost:8080` for plain HTTP. */
  address: string;
  /** The folder holding the built site on the server (absolute). */
  root: string;
  /** The base path the site was built for: "/" or "/archive/". */
  base: string;
}

/** A Caddyfile token: quoted, with `"` and `\` escaped. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `header` lines setting each of `headers`, indented by `indent`. */
function headerLines(headers: HeaderRule["headers"], indent: string): string[] {
  return headers.map(([name, value]) => `${indent}${name} ${quoted(value)}`);
}

/**
 * The Caddyfile. Each set of headers the rules send is written once, behind a
 * `path` matcher of the paths that send it (a `<folder>/*` rule, as the build
 * groups pages of one policy, or exact paths); `/*` applies to every
 * response; the 404 page keeps its own policy when it answers a missing path.
 */
export function caddyfile(rules: readonly HeaderRule[], options: CaddyOptions): string {
  const { address, root, base } = options;
  const everywhere = rules.filter((r) => r.path === "/*").flatMap((r) => r.headers);
  const sets = new Map<string, string[]>();
  for (const rule of rules) {
    if (rule.path === "/*") continue;
    const key = JSON.stringify(rule.headers);
    sets.set(key, [...(sets.get(key) ?? []), rule.path]);
  }
  const notFound = rules.find((r) => r.path === `${base}404.html`)?.headers ?? [];
  const lines = [
    "# Made by `npm run caddyfile` from the build's _headers: make it again after every build.",
    "{",
    "\tadmin off",
    "}",
    "",
    `${address} {`,
    `\troot * ${quoted(root)}`,
    "\t# Compresses what has no precompressed copy as it is sent.",
    "\tencode zstd gzip",
  ];
  if (everywhere.length > 0) lines.push("\theader {", ...headerLines(everywhere, "\t\t"), "\t}");
  [...sets].forEach(([key, paths], index) => {
    const headers = JSON.parse(key) as HeaderRule["headers"];
    lines.push(
      `\t@headers${index + 1} path ${paths.map(quoted).join(" ")}`,
      `\theader @headers${index + 1} {`,
      ...headerLines(headers, "\t\t"),
      "\t}",
    );
  });
  const prefix = base.replace(/\/$/, "");
  if (prefix) lines.push(`\tredir ${prefix} ${base} 301`);
  lines.push(
    `\thandle ${prefix}/* {`,
    ...(prefix ? [`\t\turi strip_prefix ${prefix}`] : []),
    "\t\t# The build's .br copies of the search files, to browsers that accept brotli.",
    "\t\tfile_server {",
    "\t\t\tprecompressed br",
    "\t\t}",
    "\t}",
    "\thandle {",
    "\t\terror 404",
    "\t}",
    "\thandle_errors {",
    "\t\trewrite * /404.html",
    ...(notFound.length > 0 ? ["\t\theader {", ...headerLines(notFound, "\t\t\t"), "\t\t}"] : []),
    "\t\tfile_server",
    "\t}",
    "}",
    "",
  );
  return lines.join("\n");
}
