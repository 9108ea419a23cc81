import { createHash } from "node:crypto";

/**
 * The archive's Content Security Policy, beyond the script-src and style-src
 * hashes Astro computes per page. Everything is same-origin; the only
 * allowance is what Pagefind's search needs: WebAssembly compilation
 * ('wasm-unsafe-eval') and its Web Worker, which it may start from a blob.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
] as const;

/**
 * The one classic inline script, in every page's <head>: it marks the page
 * as scripted before first paint, so JS-only controls never shift the page.
 * Astro does not hash is:inline scripts, so its hash is added here.
 */
export const JS_CLASS_SCRIPT = 'document.documentElement.classList.add("js")';

/** The CSP source for an inline script's exact text. */
export function scriptHash(text: string): `sha256-${string}` {
  return `sha256-${createHash("sha256").update(text).digest("base64")}`;
}

/** Extra script-src sources (Astro adds the hashes of the scripts it bundles). */
export const CSP_SCRIPT_RESOURCES = ["'self'", "'wasm-unsafe-eval'"];

/** Directives a <meta> CSP cannot carry; sent only as HTTP headers. */
export const CSP_HEADER_ONLY = ["frame-ancestors 'self'"] as const;
