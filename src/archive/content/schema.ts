/**
 * The frontmatter schema of an archived article, one doc comment per field.
 * The build's content check validates every article with it before Astro
 * runs, and `content.config.ts` hands it to Astro's collection. Unknown fields
 * are refused (a misspelt field would otherwise be dropped), and no value is
 * transformed: what is checked is what is printed.
 */
import { z } from "astro/zod";
import { isBlank } from "../capture/capture-text.ts";
import { isLocalDate, isLocalDateTime, parseDateline } from "../capture/dateline.ts";
import { LAYOUT_VERSIONS, type LayoutVersion } from "../capture/layout.ts";

const notBlank = (s: string): boolean => !isBlank(s);

/**
 * A language tag in its canonical BCP 47 form ("EN" gives "en", "zh-hant"
 * gives "zh-Hant"), or undefined when it is not a well-formed tag.
 */
export function canonicalLanguage(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * The day before a local date "YYYY-MM-DD": the earliest archive day of an
 * article dated that day, the capture's dateline having no time zone and the
 * archive's day being UTC's.
 */
export function dayBefore(date: string): string {
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** True for a 64-digit lower-case hex SHA-256. */
export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

/** True for an encoding label TextDecoder knows ("utf-8", "windows-1252", "iso-8859-1", …). */
export function isEncodingLabel(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

const captureFields = {
  /** File name of the raw capture in the content folder's `captures/`, published byte for byte. */
  file: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$/, "must be a .txt file name in captures/"),
  /** SHA-256 of the raw capture's bytes, 64 lower-case hex digits. */
  sha256: z.string().refine(isSha256, "must be 64 lower-case hex digits"),
  /**
   * The capture's character encoding when it is not UTF-8 (a WHATWG label such
   * as "windows-1252"): the build decodes it with this, and serves and packs
   * the `.txt` with this charset. Absent: UTF-8.
   */
  encoding: z
    .string()
    .refine(isEncodingLabel, "must be an encoding label such as windows-1252")
    .optional(),
};

const capture = z.object(captureFields).strict();

/**
 * Another capture of this same version: the article's text (headline,
 * publisher line, dateline and body) reads exactly as this version's, only
 * the hosting page or the file differ. Kept and listed with the version,
 * which it does not change; the build checks the text is the same.
 */
const recapture = z
  .object({
    ...captureFields,
    /** The day that capture was made, "YYYY-MM-DD". */
    archived: z.string().refine(isLocalDate, 'must be a date "YYYY-MM-DD"'),
  })
  .strict();

/** The frontmatter fields, without the checks that span fields. */
const articleFields = z
  .object({
    /** The headline exactly as printed in the capture. */
    headline: z.string().refine(notBlank, "must not be empty"),
    /** The publisher line exactly as printed in the capture (e.g. "Iran Press TV"). */
    publisher: z.string().refine(notBlank, "must not be empty"),
    /** The publication as citations name it ("Press TV"; the publisher line prints "Iran Press TV"). */
    publication: z.string().refine(notBlank, "must not be empty"),
    /** The dateline exactly as printed in the capture (e.g. "Sunday, 24 May 2020 7:18 AM"). */
    dateline: z.string().refine((s) => parseDateline(s) !== null, {
      message: 'must read like "Sunday, 24 May 2020 7:18 AM" and name a real day',
    }),
    /** The dateline as a local date-time "YYYY-MM-DDTHH:MM"; no time zone, as the capture gives none. */
    published: z.string().refine(isLocalDateTime, 'must be a local date-time "YYYY-MM-DDTHH:MM"'),
    /** BCP 47 language tag of the article text; it also sets the text's direction. */
    language: z
      .string()
      .refine(
        (tag) => canonicalLanguage(tag) === tag,
        "must be a BCP 47 tag in its canonical form, such as en, zh-Hant or pt-BR",
      ),
    /** The day this archive copy was made, "YYYY-MM-DD" (never the build time). */
    archived: z.string().refine(isLocalDate, 'must be a date "YYYY-MM-DD"'),
    /**
     * The version of the layout rules its capture was read by
     * (src/archive/capture/layout.ts), which the build reads it by again, so
     * that better rules never change a published page. Absent: 1, the rules
     * before subheadings knew other scripts' sentence endings.
     */
    layout: z
      .number()
      .refine((n) => (LAYOUT_VERSIONS as readonly number[]).includes(n), {
        message: `must be a version of the layout rules: ${LAYOUT_VERSIONS.slice(0, -1).join(", ")} or ${LAYOUT_VERSIONS.at(-1)}`,
      })
      .transform((n) => n as LayoutVersion)
      .optional(),
    /** The raw capture this article was read from. */
    capture,
    /** Later captures whose article text is exactly this version's (written by the importer). */
    recaptures: z.array(recapture).optional(),
  })
  .strict();

/** An article's frontmatter: the fields, and `published` matching the dateline. */
export const articleSchema = articleFields.superRefine((data, ctx) => {
  const fromDateline = parseDateline(data.dateline);
  if (fromDateline !== null && isLocalDateTime(data.published) && fromDateline !== data.published) {
    ctx.addIssue({
      code: "custom",
      path: ["published"],
      message: `must match the dateline "${data.dateline}" (${fromDateline})`,
    });
  }
  if (isLocalDateTime(data.published) && isLocalDate(data.archived)) {
    const earliest = dayBefore(data.published);
    if (data.archived < earliest) {
      ctx.addIssue({
        code: "custom",
        path: ["archived"],
        message: `is before the article was published (${data.published.slice(0, 10)}): a copy is made after`,
      });
    }
  }
});

/** An article's frontmatter, as validated. */
export type ArticleData = z.infer<typeof articleSchema>;

/**
 * An article as the build's content loader stores it for the pages: the
 * checked frontmatter plus what the check learnt from the capture, so no page
 * reads the capture again.
 */
export const storedArticleSchema = articleFields.extend({
  /** The capture's size in bytes. */
  captureBytes: z.number().int().nonnegative(),
  /** The id of the article this is a version of (its URL segment under /articles/). */
  article: z.string(),
  /** This version's number: 1 for the article file, then 2, 3, … in the order they were imported. */
  version: z.number().int().positive(),
  /** Every version of the article (this one included), oldest capture first. */
  versions: z.array(
    z.object({
      /** The version's number. */
      number: z.number().int().positive(),
      /** Its page id: the article id, or "<article id>/versions/<number>". */
      id: z.string(),
      /** The day it was captured. */
      archived: z.string(),
      /** Its headline. */
      headline: z.string(),
      /** Its dateline's local date-time (version 1's gives the article's year of publication). */
      published: z.string(),
      /** True when a version with a lower number was captured after it (it was added later). */
      backfilled: z.boolean(),
    }),
  ),
  /** The recaptures' sizes in bytes, in the order of `recaptures`. */
  recaptureBytes: z.array(z.number().int().nonnegative()),
});

/** What pages get for an article. */
export type StoredArticle = z.infer<typeof storedArticleSchema>;

/**
 * A raw capture's own page, as the build's loader stores it. Made by the
 * build, not written by hand. Its lines and the reading of each block go to
 * the page beside the store (CapturePageText in capture-view.ts; see
 * src/integration/page-text.ts for why).
 */
export const storedCaptureSchema = z.object({
  /** File name in captures/. */
  file: z.string(),
  /** SHA-256 of its bytes. */
  sha256: z.string(),
  /** Size in bytes. */
  bytes: z.number().int().nonnegative(),
  /** Its charset, when not UTF-8. */
  encoding: z.string().optional(),
  /** The article version made from it (or, for a recapture, whose text it reads as). */
  article: z.object({
    /** The version's page id. */
    id: z.string(),
    headline: z.string(),
    language: z.string(),
    /** The version's number. */
    version: z.number().int().positive(),
    /** How many versions the article has. */
    versions: z.number().int().positive(),
  }),
  /** True when this is a recapture: the version was read from another capture, this one reads the same. */
  recapture: z.boolean(),
  /** The day it was captured. */
  archived: z.string(),
  /** How the bytes lay the text out: line ends, byte-order mark, final line break. */
  form: z.object({
    lineEnds: z.enum(["LF", "CRLF", "CR", "mixed", "none"]),
    bom: z.boolean(),
    finalNewline: z.boolean(),
  }),
});

/** A capture's page data as stored. */
export type StoredCapture = z.infer<typeof storedCaptureSchema>;

/** One version as a change page names it. */
const changedVersion = z.object({
  /** The version's number. */
  number: z.number().int().positive(),
  /** Its page id. */
  id: z.string(),
  /** The day it was captured. */
  archived: z.string(),
  /** Its headline. */
  headline: z.string(),
});

/**
 * A change page's data, as the build's loader stores it: which versions it
 * compares. What changed goes to the page beside the store (page-text.ts).
 */
export const storedChangeSchema = z.object({
  /** The article's id. */
  article: z.string(),
  /** The older version. */
  from: changedVersion,
  /** The newer version. */
  to: changedVersion,
  /** The article's language (of the newer version). */
  language: z.string(),
  /** How many versions the article has. */
  versions: z.number().int().positive(),
  /**
   * One line: what changed, e.g. "1 block changed, 1 added" (empty in an
   * assembly, which lists change pages but builds none).
   */
  summary: z.string(),
});

/** A change page's data as stored. */
export type StoredChange = z.infer<typeof storedChangeSchema>;
