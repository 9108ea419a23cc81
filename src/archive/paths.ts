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

/** The page showing what changed in an article from version `from` to version `to`. */
export function changesPath(base: string, article: string, from: number, to: number): string {
  return withBase(base, `articles/${article}/changes/${from}-to-${to}/`);
}

/** The citation download formats and their file extensions. */
export const CITATION_FORMATS = ["bib", "ris", "json"] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

/** An article's citation file, relative to the article's own page (which ends in "/"). */
export const citationFile = (format: CitationFormat): string => `citation.${format}`;

/** An absolute URL on the site when SITE_URL is known, else the path as it is. */
export function siteUrl(site: URL | string | undefined, path: string): string {
  return site ? new URL(path, site).href : path;
}

/** The path at which a raw capture file is published as plain text. */
export function capturePath(base: string, file: string): string {
  return withBase(base, `captures/${file}`);
}

/**
 * An error in a setting the user gave (BASE_PATH, SITE_URL, ARCHIVE_*): its
 * message is the whole story, so its stack is the message alone (Astro prints
 * the stack of an error in its configuration).
 */
export function settingError(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}

/**
 * Reads a base path a user gave (BASE_PATH) into Astro's "/…/" form.
 * Throws a message naming the variable when it is not a plain URL path.
 */
export function normaliseBasePath(raw: string | undefined, name = "BASE_PATH"): string {
  const value = (raw ?? "").trim();
  if (value === "" || value === "/") return "/";
  if (!/^\/?[A-Za-z0-9._~%/-]+$/.test(value) || /(^|\/)\.\.?(\/|$)/.test(value)) {
    throw settingError(
      `${name}="${raw}" is not a URL path. Use a path such as /archive/ (letters, digits, - _ . ~ and /).`,
    );
  }
  const inner = value.replace(/^\/+|\/+$/g, "").replace(/\/{2,}/g, "/");
  // Slashes alone ("//") are the root.
  return inner === "" ? "/" : `/${inner}/`;
}

/** Reads an absolute site URL (SITE_URL); throws a message naming the variable otherwise. */
export function normaliseSiteUrl(raw: string | undefined, name = "SITE_URL"): string | undefined {
  const value = (raw ?? "").trim();
  if (value === "") return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw settingError(
      `${name}="${raw}" is not an absolute URL. Use one such as https://example.org`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw settingError(`${name}="${raw}" must start with http:// or https://`);
  }
  // Every address is the site's origin, the base path, then the page's: a path here would be
  // left out of them all, so it goes in BASE_PATH.
  const path = url.pathname.replace(/\/+$/, "");
  if (path !== "" || url.search !== "" || url.hash !== "") {
    throw settingError(
      `${name}="${raw}" must be the site's origin alone, such as ${url.origin}: ` +
        (path !== ""
          ? `put its path in BASE_PATH (${name}=${url.origin} BASE_PATH=${path}/)`
          : "with no query or fragment"),
    );
  }
  return url.origin;
}

/** The base path a built page was made for, read from its favicon link. */
export function builtBase(html: string): string | undefined {
  return /<link rel="icon" href="([^"]*)favicon\.svg"/.exec(html)?.[1];
}

/** The path of a capture's own page (every line, numbered): /captures/<name without .txt>/. */
export function pagePathOfCapture(base: string, file: string): string {
  return withBase(base, `captures/${file.replace(/\.txt$/, "")}/`);
}

/** A link to where an article block stands on its capture's page. */
export function captureBlockPath(capturePage: string, blockId: string): string {
  return `${capturePage}#article-${blockId}`;
}

/** The browse page: every year and outlet. */
export const browsePath = (base: string): string => withBase(base, "browse/");

/** The listing of a year ("2020"). */
export const yearPath = (base: string, year: string): string => withBase(base, `years/${year}/`);

/** The listing of a month ("2020-05"). */
export const monthPath = (base: string, month: string): string =>
  withBase(base, `years/${month.slice(0, 4)}/months/${month.slice(5, 7)}/`);

/** The listing of an outlet, by its slug. */
export const outletPath = (base: string, outlet: string): string =>
  withBase(base, `outlets/${outlet}/`);

/** The URL path a built file is served at, relative to the base: a folder's index.html as the folder. */
export function servedPath(file: string): string {
  return file.replace(/(^|\/)index\.html$/, "$1");
}
