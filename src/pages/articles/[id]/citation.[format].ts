import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { articleFacts } from "../../../archive/article.ts";
import { toBibtex, toCslJson, toRis, type CslItem } from "../../../citation/citation.ts";
import { CITATION_FORMATS, type CitationFormat } from "../../../archive/paths.ts";

/** Each citation format: how to write it and what it is. */
const WRITERS: Record<CitationFormat, { write: (item: CslItem) => string; type: string }> = {
  bib: { write: toBibtex, type: "application/x-bibtex; charset=utf-8" },
  ris: { write: toRis, type: "application/x-research-info-systems; charset=utf-8" },
  json: { write: toCslJson, type: "application/vnd.citationstyles.csl+json; charset=utf-8" },
};

/** One file per article and format: /articles/<id>/citation.{bib,ris,json}. */
export const getStaticPaths = (async () => {
  const articles = await getCollection("articles");
  return articles.flatMap((article) =>
    CITATION_FORMATS.map((format) => ({ params: { id: article.id, format }, props: { article } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, props, site }) => {
  const { article } = props as {
    article: Awaited<ReturnType<typeof getCollection<"articles">>>[number];
  };
  const format = params.format as CitationFormat;
  const facts = articleFacts(article.id, article.data, import.meta.env.BASE_URL, site);
  const writer = WRITERS[format];
  return new Response(writer.write(facts.csl), { headers: { "Content-Type": writer.type } });
};
