/**
 * Under `astro dev` only: each later version's citation files at
 * /articles/<id>/versions/<n>/citation.{bib,ris,json}, as a build writes them.
 */
import type { GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { citationFile } from "./citation-file.ts";

/** One route a format (the integration injects each), one path a later version. */
export const getStaticPaths = (async () => {
  const versions = await getCollection("articles", (a) => a.data.version > 1);
  return versions.map((article) => ({
    params: { article: article.data.article, n: String(article.data.version) },
    props: { article },
  }));
}) satisfies GetStaticPaths;

export const GET = citationFile;
