/**
 * Under `astro dev` only: each later version's citation files at
 * /articles/<id>/versions/<n>/citation.{bib,ris,json}, as a build writes them.
 */
import type { GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { CITATION_FORMATS } from "../../archive/paths.ts";
import { citationFile } from "./citation-file.ts";

/** One file per later version and format. */
export const getStaticPaths = (async () => {
  const versions = await getCollection("articles", (a) => a.data.version > 1);
  return versions.flatMap((article) =>
    CITATION_FORMATS.map((format) => ({
      params: { article: article.data.article, n: String(article.data.version), format },
      props: { article },
    })),
  );
}) satisfies GetStaticPaths;

export const GET = citationFile;
