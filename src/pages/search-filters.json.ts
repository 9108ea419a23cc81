import type { APIRoute } from "astro";
import { getCollection } from "astro:content";

/**
 * The search panel's outlet and year lists (SEARCH_FILTERS): every outlet,
 * by name, and every year of publication, newest first, the same values the
 * article pages give Pagefind's `outlet` and `year` filters.
 */
export const GET: APIRoute = async () => {
  const articles = await getCollection("articles");
  const outlet = [...new Set(articles.map((a) => a.data.publication))].sort();
  const year = [...new Set(articles.map((a) => a.data.published.slice(0, 4)))].sort().reverse();
  return new Response(JSON.stringify({ outlet, year }), {
    headers: { "Content-Type": "application/json" },
  });
};
