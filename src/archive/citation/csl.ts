/**
 * The CSL-JSON item of an archived article, made only from its frontmatter.
 * Nothing is invented: no author, no original URL, no time zone. Formatting
 * it into styles and files is src/citation/'s job.
 */
import { formatDay } from "../capture/dateline.ts";

/** What a citation is made from: frontmatter fields plus where the copy lives. */
export interface CitationSource {
  /** Collection id (file name) of the article; the citation key. */
  id: string;
  /** Headline as printed. */
  headline: string;
  /** Name of the original publication, e.g. "Press TV". */
  publication: string;
  /** Local date-time of publication, "YYYY-MM-DDTHH:MM". */
  published: string;
  /** Language tag. */
  language: string;
  /** Day the archive copy was made, "YYYY-MM-DD". */
  archived: string;
  /** Name of this archive. */
  archiveName: string;
  /** Absolute URL of the archive copy, when SITE_URL is known; omitted otherwise. */
  url?: string | undefined;
}

/** A CSL-JSON item (only the fields the archive fills). */
export interface CslItem {
  id: string;
  type: "article-newspaper";
  title: string;
  "container-title": string;
  publisher: string;
  issued: { "date-parts": [[number, number, number]] };
  accessed: { "date-parts": [[number, number, number]] };
  language: string;
  archive: string;
  URL?: string;
}

const dateParts = (date: string): { "date-parts": [[number, number, number]] } => {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  return { "date-parts": [[y, m, d]] };
};

/** The CSL-JSON item for an article. The archive date is the access date. */
export function cslItem(source: CitationSource): CslItem {
  return {
    id: source.id,
    type: "article-newspaper",
    title: source.headline,
    "container-title": source.publication,
    publisher: source.publication,
    issued: dateParts(source.published),
    accessed: dateParts(source.archived),
    language: source.language,
    archive: `${source.archiveName}, archived ${formatDay(source.archived)}`,
    ...(source.url ? { URL: source.url } : {}),
  };
}
