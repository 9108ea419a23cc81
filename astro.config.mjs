// @ts-check
import { unified } from "@astrojs/markdown-remark";
import { defineConfig } from "astro/config";
import remarkGfm from "remark-gfm";
import {
  CSP_DIRECTIVES,
  CSP_SCRIPT_RESOURCES,
  JS_CLASS_SCRIPT,
  scriptHash,
} from "./src/lib/csp.ts";
import { normaliseBasePath, normaliseSiteUrl } from "./src/lib/paths.ts";
import rehypeParagraphs from "./src/lib/rehype-paragraphs.ts";
import remarkLiteral from "./src/lib/remark-literal.ts";

/**
 * The archive reproduces its captures character for character, so the
 * Markdown pipeline is the unified one with every text-changing default off:
 * - smartypants: false, or straight quotes would become curly ones;
 * - gfm: false here, remark-gfm added explicitly below (tables, autolinks,
 *   strikethrough change markup, never the words);
 * - remarkLiteral shows raw HTML, images and non-http(s) links as their
 *   source text: captures come from the web and never run as markup;
 * - rehypeParagraphs gives each paragraph an id and a permalink outside its text;
 * - syntaxHighlight: false, articles hold no code.
 */
const base = normaliseBasePath(process.env.BASE_PATH);
const site = normaliseSiteUrl(process.env.SITE_URL);

export default defineConfig({
  ...(site ? { site } : {}),
  base,
  trailingSlash: "always",
  // Pages inline their CSS and loader script: one request reads an article.
  build: { format: "directory", inlineStylesheets: "always" },
  // A strict CSP on every page: Astro hashes each inline script and style.
  security: {
    csp: {
      algorithm: "SHA-256",
      directives: [...CSP_DIRECTIVES],
      scriptDirective: { resources: CSP_SCRIPT_RESOURCES, hashes: [scriptHash(JS_CLASS_SCRIPT)] },
    },
  },
  markdown: {
    syntaxHighlight: false,
    processor: unified({
      gfm: false,
      smartypants: false,
      remarkPlugins: [remarkGfm, remarkLiteral],
      rehypePlugins: [rehypeParagraphs],
    }),
  },
});
