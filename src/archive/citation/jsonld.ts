/**
 * JSON-LD for an archived article: a schema.org NewsArticle, typed against
 * schema.org by schema-dts so that a property or type schema.org does not
 * define fails `astro check`.
 */
import type { NewsArticle, WithContext } from "schema-dts";

/** What the JSON-LD is made from. */
export interface JsonLdSource {
  headline: string;
  /** Local date-time as printed (no time zone). */
  published: string;
  publication: string;
  language: string;
  /** Day the archive copy was made. */
  archived: string;
  /** Absolute (with SITE_URL) or base-relative URL of the archive copy. */
  url: string;
  /** URL of the raw capture the article was transcribed from. */
  captureUrl: string;
  /** Name of this archive. */
  archiveName: string;
}

/** The NewsArticle describing the original, with this copy's archival facts. */
export function newsArticle(source: JsonLdSource): WithContext<NewsArticle> {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: source.headline,
    datePublished: source.published,
    publisher: { "@type": "Organization", name: source.publication },
    inLanguage: source.language,
    url: source.url,
    isBasedOn: { "@type": "DigitalDocument", url: source.captureUrl, encodingFormat: "text/plain" },
    archivedAt: source.url,
    sdDatePublished: source.archived,
    sdPublisher: { "@type": "Organization", name: source.archiveName },
  };
}

/** Serialises JSON-LD for a <script> element: "<" is escaped so no tag can close it. */
export function jsonLdText(data: object): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
