/**
 * The paths of every later version of an article, /articles/<id>/versions/<n>/,
 * with the stored version as props: the version pages' route and, under
 * `astro dev`, their citation files' routes take them from here. Also the
 * stored changes between versions, for the routes that list them.
 */
import { getCollection } from "astro:content";
import { articleBuilt, yearPagesBuilt } from "./build-scope.ts";

/** One path a later version (version 2 and up). */
export async function laterVersionPaths() {
  if (!yearPagesBuilt()) return [];
  const versions = await getCollection(
    "articles",
    (a) => a.data.version > 1 && articleBuilt(a.data.article),
  );
  return versions.map((article) => ({
    params: { article: article.data.article, n: String(article.data.version) },
    props: { article },
  }));
}

/**
 * The stored changes between an article's versions. An archive whose every
 * article has one version has none, and is not asked for them: Astro warns of
 * an empty collection in every build's log, as if the content were wrong.
 */
export async function storedChanges() {
  const later = await getCollection("articles", (a) => a.data.version > 1);
  return later.length === 0 ? [] : getCollection("changes");
}
