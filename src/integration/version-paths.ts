/**
 * The paths of every later version of an article, /articles/<id>/versions/<n>/,
 * with the stored version as props: the version pages' route and, under
 * `astro dev`, their citation files' routes take them from here.
 */
import { getCollection } from "astro:content";
import { yearPagesBuilt } from "./build-scope.ts";

/** One path a later version (version 2 and up). */
export async function laterVersionPaths() {
  if (!yearPagesBuilt()) return [];
  const versions = await getCollection("articles", (a) => a.data.version > 1);
  return versions.map((article) => ({
    params: { article: article.data.article, n: String(article.data.version) },
    props: { article },
  }));
}
