/**
 * The archive's Content Security Policy. Everything is same-origin; the only
 * allowance is what Pagefind's search needs: WebAssembly compilation
 * ('wasm-unsafe-eval'). Search runs without Pagefind's Web Worker (noWorker),
 * so no worker source, blob: or other, is allowed. Inline scripts and styles
 * are allowed by their hashes, computed per page from what the page holds
 * (the build writes each page's policy into it: see withPolicy), so a page
 * names exactly its own and no others.
 */
import { createHash } from "node:crypto";
import { Parser } from "htmlparser2";

/** The directives every page's policy starts with. */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
] as const;

/** Script sources besides the page's own inline scripts' hashes. */
export const CSP_SCRIPT_RESOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;

/** Directives a <meta> CSP cannot carry; sent only as HTTP headers. */
export const CSP_HEADER_ONLY = ["frame-ancestors 'self'"] as const;

/** The CSP source for an inline script's or style's exact text. */
export function sourceHash(text: string): `'sha256-${string}'` {
  return `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
}

/** Script types a browser runs (others, such as JSON-LD, are data blocks). */
const RUNS = /^(|text\/javascript|module|application\/javascript)$/i;

/**
 * The exact text of a page's inline scripts that run and of its inline
 * styles, read by an HTML parser: a "<script>" inside an attribute (a hostile
 * headline in a meta description, say) is no script.
 */
export function inlineCode(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  let open: { list: string[]; text: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "script" && attributes.src === undefined && RUNS.test(attributes.type ?? "")) {
          open = { list: scripts, text: "" };
        } else if (name === "style") {
          open = { list: styles, text: "" };
        }
      },
      ontext(text) {
        if (open) open.text += text;
      },
      onclosetag(name) {
        if (open && (name === "script" || name === "style")) {
          open.list.push(open.text);
          open = undefined;
        }
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return { scripts, styles };
}

const unique = (items: string[]): string[] => [...new Set(items)];

/** The policy for a page: the common directives and the hashes of its own inline code. */
export function pagePolicy(html: string): string {
  const code = inlineCode(html);
  const scripts = unique(code.scripts.map(sourceHash));
  const styles = unique(code.styles.map(sourceHash));
  return [
    ...CSP_DIRECTIVES,
    ["script-src", ...CSP_SCRIPT_RESOURCES, ...scripts].join(" "),
    ["style-src", "'self'", ...styles].join(" "),
  ].join("; ");
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/** How the <meta> holding a page's policy starts, as withPolicy writes it. */
export const POLICY_META = '<meta http-equiv="content-security-policy"';

/**
 * The page with its policy as the first thing in <head> after the charset,
 * and that policy (the page is parsed once; the meta adds no code).
 */
export function withPolicy(html: string): { html: string; policy: string } {
  const policy = pagePolicy(html);
  const meta = `${POLICY_META} content="${escapeAttribute(policy)}">`;
  const charset = /<meta charset="utf-8"\s*\/?>/i.exec(html);
  if (!charset) throw new Error('has no <meta charset="utf-8"> to put its policy after');
  const at = charset.index + charset[0].length;
  return { html: html.slice(0, at) + meta + html.slice(at), policy };
}
