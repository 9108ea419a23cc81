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
 * The Caddyfile. Every path the rules name exactly is looked up in one `map`
 * to the number of its set of headers (pages of one kind share a policy, so a
 * set is written once however many pages send it); `/*` applies to every
 * response; the 404 page keeps its own policy when it answers a missing path.
 */
export function caddyfile(rules: readonly HeaderRule[], options: CaddyOptions): string {
  const { address, root, base } = options;
  const everywhere = rules.filter((r) => r.path === "/*").flatMap((r) => r.headers);
  const exact = rules.filter((r) => !r.path.includes("*"));
  const sets = new Map<string, number>();
  const setOf = new Map<string, number>();
  for (const rule of exact) {
    const key = JSON.stringify(rule.headers);
    if (!sets.has(key)) sets.set(key, sets.size + 1);
    setOf.set(rule.path, sets.get(key) ?? 0);
  }
  const notFound = exact.find((r) => r.path === `${base}404.html`)?.headers ?? [];
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
  if (sets.size > 0) {
    lines.push(
      "\t# Each page's set of headers (its policy), by number.",
      "\tmap {path} {archive_headers} {",
    );
    for (const [path, set] of setOf) lines.push(`\t\t${quoted(path)} ${set}`);
    lines.push("\t}");
    for (const [key, set] of sets) {
      const headers = JSON.parse(key) as HeaderRule["headers"];
      lines.push(
        `\t@headers${set} vars {archive_headers} ${set}`,
        `\theader @headers${set} {`,
        ...headerLines(headers, "\t\t"),
        "\t}",
      );
    }
  }
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
