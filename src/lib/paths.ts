/**
 * URLs of the archive's pages and files. Every helper takes the site's base
 * path (Astro's BASE_URL, "/" or "/archive/") so links work under a sub-path.
 */

/** Joins a base path and a site-relative path into one absolute path. */
export function withBase(base: string, path: string): string {
  const head = base.endsWith("/") ? base : `${base}/`;
  return head + path.replace(/^\/+/, "");
}

/** The permanent path of an article, from its collection id (its file name). */
export function articlePath(base: string, id: string): string {
  return withBase(base, `articles/${id}/`);
}

/** The path at which a raw capture file is published as plain text. */
export function capturePath(base: string, file: string): string {
  return withBase(base, `captures/${file}`);
}
