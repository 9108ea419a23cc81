/** Names and words the archive uses of itself, kept in one place. */
export const SITE = {
  /** The archive's name, shown in the header and page titles. */
  name: "News Article Archive",
  /** One line on what the archive is, for the front page and meta description. */
  description:
    "A read-only archive of news articles, reproduced verbatim from raw captures, with provenance and offline search.",
} as const;

/**
 * Browser modules the build bundles from src/scripts/ into scripts/, relative
 * to the site's base. Pages import them only when a reader uses the feature.
 */
export const BROWSER_MODULES = {
  search: "scripts/search.js",
  quote: "scripts/quote.js",
  cite: "scripts/cite.js",
  highlight: "scripts/highlight.js",
} as const;

/** Query parameter that carries search terms to an article, to highlight them. */
export const HIGHLIGHT_PARAM = "highlight";
