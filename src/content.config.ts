import { defineCollection } from "astro/content/config";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import { isLocalDate, isLocalDateTime, parseDateline } from "./lib/dateline.ts";
import { isSha256 } from "./lib/hash.ts";
import { articlesDir } from "./lib/capture-file.ts";

/**
 * The frontmatter schema of an archived article. It is shared with the
 * build's own content check (scripts/check-content.ts), which runs before
 * Astro and reports every problem with its file and field. Unknown fields are
 * refused (a misspelt field would otherwise be dropped), and no value is
 * transformed: what is checked is what is printed.
 */

const notBlank = (s: string): boolean => s.trim() !== "";

const capture = z
  .object({
    /** File name of the raw capture in `content/captures/`, published byte for byte. */
    file: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$/, "must be a .txt file name in content/captures/"),
    /** SHA-256 of the raw capture's bytes, 64 lower-case hex digits. */
    sha256: z.string().refine(isSha256, "must be 64 lower-case hex digits"),
  })
  .strict();

export const articleSchema = z
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
    /** BCP 47 language tag of the article text. */
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a BCP 47 tag like en"),
    /** The day this archive copy was made, "YYYY-MM-DD" (never the build time). */
    archived: z.string().refine(isLocalDate, 'must be a date "YYYY-MM-DD"'),
    /** The raw capture this article was transcribed from. */
    capture,
  })
  .strict()
  .superRefine((data, ctx) => {
    const fromDateline = parseDateline(data.dateline);
    if (
      fromDateline !== null &&
      isLocalDateTime(data.published) &&
      fromDateline !== data.published
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["published"],
        message: `must match the dateline "${data.dateline}" (${fromDateline})`,
      });
    }
  });

/** The archived articles: one Markdown file each in content/articles/. */
const articles = defineCollection({
  loader: glob({ pattern: "*.md", base: articlesDir() }),
  schema: articleSchema,
});

export const collections = { articles };
