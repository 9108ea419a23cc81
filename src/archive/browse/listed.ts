/** An article's listing facts, from what the articles collection stores. */
import type { Listed } from "./listing.ts";
import type { StoredArticle } from "../content/schema.ts";

/** The facts a listing shows of a stored article. */
export function listed(id: string, data: StoredArticle): Listed {
  const { headline, publisher, publication, published, archived } = data;
  return { id, headline, publisher, publication, published, archived };
}
