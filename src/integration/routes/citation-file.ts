/**
 * Under `astro dev` only: each article's citation files at
 * /articles/<id>/citation.{bib,ris,json} (its later versions':
 * version-citation-file.ts). A build writes them from the
 * citations its worker formatted (src/node/article-files.ts) rather than
 * rendering three routes an article.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { articleFacts } from "../../archive/page/article.ts";
import { citationsOf } from "../../citation/citation.ts";
import { CITATION_FORMATS, type CitationFormat } from "../../archive/paths.ts";

/** Each citation format's media type. */
const TYPES: Record<CitationFormat, string> = {
  bib: "application/x-bibtex; charset=utf-8",
  ris: "application/x-research-info-systems; charset=utf-8",
  json: "application/vnd.citationstyles.csl+json; charset=utf-8",
};

/** One route a format (the integration injects each), one path an article. */
export const getStaticPaths = (async () => {
  const articles = await getCollection("articles", (a) => a.data.version === 1);
  return articles.map((article) => ({ params: { id: article.id }, props: { article } }));
}) satisfies GetStaticPaths;

/** An article version's citation file in the format its address ends with. */
export const citationFile: APIRoute = async ({ props, site, url }) => {
  const { article } = props as {
    article: Awaited<ReturnType<typeof getCollection<"articles">>>[number];
  };
  const format = (CITATION_FORMATS.find((f) => url.pathname.endsWith(`.${f}`)) ??
    "json") as CitationFormat;
  const facts = articleFacts(article.id, article.data, import.meta.env.BASE_URL, site);
  const { files } = await citationsOf(facts.csl);
  return new Response(files[format], { headers: { "Content-Type": TYPES[format] } });
};

export const GET = citationFile;
