/**
 * The facts every view of an article shares (page, citation files, feeds),
 * derived once from its frontmatter and where the site is published.
 */
import { cslItem, type CslItem } from "../citation/csl.ts";
import { newsArticle } from "../citation/jsonld.ts";
import { articlePath, capturePath, siteUrl } from "../paths.ts";
import { SITE } from "../site.ts";

/** The frontmatter fields these facts are made from. */
export interface ArticleData {
  headline: string;
  publisher: string;
  publication: string;
  dateline: string;
  published: string;
  language: string;
  archived: string;
  capture: { file: string; sha256: string };
}

/** Where an article lives and how it is cited. */
export interface ArticleFacts {
  /** Base-relative path of the article page. */
  path: string;
  /** Absolute URL of the page with SITE_URL, else its path. */
  url: string;
  /** True when `url` is absolute (SITE_URL is set). */
  absolute: boolean;
  /** URL of the raw capture (absolute with SITE_URL). */
  captureUrl: string;
  /** The CSL-JSON item. */
  csl: CslItem;
}

/** Derives an article's facts; `site` is Astro.site (from SITE_URL), `base` the BASE_URL. */
export function articleFacts(
  id: string,
  data: ArticleData,
  base: string,
  site: URL | undefined,
): ArticleFacts {
  const path = articlePath(base, id);
  const url = siteUrl(site, path);
  return {
    path,
    url,
    absolute: site !== undefined,
    captureUrl: siteUrl(site, capturePath(base, data.capture.file)),
    csl: cslItem({
      id,
      headline: data.headline,
      publication: data.publication,
      published: data.published,
      language: data.language,
      archived: data.archived,
      archiveName: SITE.name,
      url: site ? url : undefined,
    }),
  };
}

/** The JSON-LD NewsArticle of an article. */
export function articleJsonLd(data: ArticleData, facts: ArticleFacts) {
  return newsArticle({
    headline: data.headline,
    published: data.published,
    publication: data.publication,
    language: data.language,
    archived: data.archived,
    url: facts.url,
    captureUrl: facts.captureUrl,
    archiveName: SITE.name,
  });
}
