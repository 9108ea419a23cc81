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
  "worker-src 'self' blob:",
] as const;

/** Extra script-src sources (Astro adds the hashes of inline scripts). */
export const CSP_SCRIPT_RESOURCES = ["'self'", "'wasm-unsafe-eval'"];

/** Directives a <meta> CSP cannot carry; sent only as HTTP headers. */
export const CSP_HEADER_ONLY = ["frame-ancestors 'self'"] as const;
