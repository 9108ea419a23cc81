/** Names and words the archive uses of itself, kept in one place. */
export const SITE = {
  /** The archive's name, shown in the header and page titles. */
  name: "News Article Archive",
  /** One line on what the archive is, for the front page and meta description. */
  description:
    "A read-only archive of news articles, reproduced verbatim from raw captures, with provenance and offline search.",
} as const;

/** Where the build writes the search UI module, relative to the site's base. */
export const SEARCH_UI_PATH = "search/search.js";

/** Query parameter that carries search terms to an article, to highlight them. */
export const HIGHLIGHT_PARAM = "highlight";
