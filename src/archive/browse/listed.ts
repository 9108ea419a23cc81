/** An article's listing facts, from what the articles collection stores. */
import type { Listed } from "./listing.ts";
import type { StoredArticle } from "../content/schema.ts";

/** The facts a listing shows of a stored article version. */
export function listed(id: string, data: StoredArticle): Listed {
  const { headline, publisher, publication, published, archived, language } = data;
  return {
    id,
    headline,
    publisher,
    publication,
    published,
    archived,
    versions: data.versions.length,
    language,
  };
}

/**
 * The articles a listing shows: each article once, at its own URL (its first
 * version, with the text that URL has always shown), with how many versions
 * it has; the later versions are linked from its page.
 */
export function listedArticles(entries: readonly { id: string; data: StoredArticle }[]): Listed[] {
  return entries.filter((e) => e.data.version === 1).map((e) => listed(e.id, e.data));
}
