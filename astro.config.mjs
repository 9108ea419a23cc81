// @ts-check
import { unified } from "@astrojs/markdown-remark";
import { defineConfig } from "astro/config";
import remarkGfm from "remark-gfm";
import { normaliseBasePath, normaliseSiteUrl } from "./src/lib/paths.ts";
import rehypeParagraphs from "./src/lib/rehype-paragraphs.ts";

/**
 * The archive reproduces its captures character for character, so the
 * Markdown pipeline is the unified one with every text-changing default off:
 * - smartypants: false, or straight quotes would become curly ones;
 * - gfm: false here, remark-gfm added explicitly below (tables, autolinks,
 *   strikethrough change markup, never the words);
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
  markdown: {
    syntaxHighlight: false,
    processor: unified({
      gfm: false,
      smartypants: false,
      remarkPlugins: [remarkGfm],
      rehypePlugins: [rehypeParagraphs],
    }),
  },
});
