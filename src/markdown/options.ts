/**
 * The Markdown pipeline's options, in one place for astro.config.mjs and the
 * tests that render through the very same pipeline. The archive reproduces
 * its captures character for character, so it is the unified() processor of
 * @astrojs/markdown-remark with every text-changing default off:
 * - smartypants: false, or straight quotes would become curly ones;
 * - gfm: false there, remark-gfm added here explicitly;
 * - remarkLiteral shows raw HTML, images and non-http(s) links as their source
 *   text, and undoes GFM's literal autolinks: captures come from the web,
 *   never run as markup, and get no link they do not have;
 * - verbatimText keeps the spaces at line ends that remark-rehype would trim;
 * - rehypeBlocks gives each paragraph and heading an id and links outside its text.
 * The build's guard then checks every built page against its capture.
 */
import type { UnifiedProcessorOptions } from "@astrojs/markdown-remark";
import remarkGfm from "remark-gfm";
import rehypeBlocks from "./rehype-blocks.ts";
import remarkLiteral from "./remark-literal.ts";
import { verbatimText } from "./verbatim-text.ts";

/** The options of the unified() processor, for a site under `base`. */
export function markdownOptions(base: string, captureLinks: boolean): UnifiedProcessorOptions {
  return {
    gfm: false,
    smartypants: false,
    remarkPlugins: [remarkGfm, remarkLiteral],
    remarkRehype: { handlers: { text: verbatimText } },
    rehypePlugins: [[rehypeBlocks, { base, captureLinks }]],
  };
}
