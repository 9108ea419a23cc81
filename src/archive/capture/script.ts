/**
 * Writing systems: which one a text is mostly in, and whether a language tag
 * uses it (the importer warns when an article tagged `en` is mostly Arabic
 * script); which one a letter is in (search routes a query by it); and which
 * way a language's text runs.
 */

/** Scripts counted, by their ISO 15924 code. */
const SCRIPTS: Record<string, RegExp> = {
  Latn: /\p{Script=Latin}/gu,
  Arab: /\p{Script=Arabic}/gu,
  Hebr: /\p{Script=Hebrew}/gu,
  Cyrl: /\p{Script=Cyrillic}/gu,
  Grek: /\p{Script=Greek}/gu,
  Deva: /\p{Script=Devanagari}/gu,
  Thai: /\p{Script=Thai}/gu,
  Hang: /\p{Script=Hangul}/gu,
  Hani: /\p{Script=Han}/gu,
  Kana: /[\p{Script=Hiragana}\p{Script=Katakana}]/gu,
  Thaa: /\p{Script=Thaana}/gu,
  Syrc: /\p{Script=Syriac}/gu,
  Armn: /\p{Script=Armenian}/gu,
  Geor: /\p{Script=Georgian}/gu,
  Ethi: /\p{Script=Ethiopic}/gu,
};

/** Scripts a locale's own script code covers ("Jpan" is Han and Kana, …). */
const COVERS: Record<string, readonly string[]> = {
  Hans: ["Hani"],
  Hant: ["Hani"],
  Jpan: ["Hani", "Kana"],
  Kore: ["Hang", "Hani"],
};

/** The scripts a locale's script code covers: "Jpan" covers Han and Kana, "Latn" itself. */
export function scriptsCovered(script: string): readonly string[] {
  return COVERS[script] ?? [script];
}

/** The script (a key of SCRIPTS) a letter is written in, or undefined for one of another script. */
export function letterScript(char: string): string | undefined {
  return Object.entries(SCRIPTS).find(([, pattern]) => {
    pattern.lastIndex = 0;
    return pattern.test(char);
  })?.[0];
}

/** The script most of a text's letters are in, with its share, or null for no letters. */
export function dominantScript(text: string): { script: string; share: number } | null {
  let total = 0;
  let best = { script: "", count: 0 };
  for (const [script, pattern] of Object.entries(SCRIPTS)) {
    const count = text.match(pattern)?.length ?? 0;
    total += count;
    if (count > best.count) best = { script, count };
  }
  return total === 0 ? null : { script: best.script, share: best.count / total };
}

/** The script a language tag is written in by default ("en" → "Latn"), or null when unknown. */
export function scriptOf(language: string): string | null {
  try {
    return new Intl.Locale(language).maximize().script ?? null;
  } catch {
    return null;
  }
}

/**
 * A warning when most of the text is in a script the language does not use,
 * or null. E.g. an Arabic article imported as `en`.
 */
export function scriptMismatch(text: string, language: string): string | null {
  const found = dominantScript(text);
  const expected = scriptOf(language);
  if (!found || !expected || found.share <= 0.5) return null;
  if (scriptsCovered(expected).includes(found.script)) return null;
  const percent = Math.round(found.share * 100);
  return `the text is ${percent}% ${found.script} script, which "${language}" (${expected}) does not use: pass --language with the article's language`;
}

/** The direction a language's text runs in ("rtl" for Arabic, Persian, Hebrew, Urdu …). */
export function textDirection(language: string): "ltr" | "rtl" {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & {
      getTextInfo?: () => { direction?: string };
    };
    return locale.getTextInfo?.().direction === "rtl" ? "rtl" : "ltr";
  } catch {
    return "ltr";
  }
}

/** The language the archive's own words are in: its labels, links and notes. */
export const ARCHIVE_LANGUAGE = "en";

/** True when text in `language` is in `other`'s language ("en-GB" is "en"'s), variants aside. */
export const sameLanguage = (language: string, other: string): boolean =>
  language.split("-")[0]?.toLowerCase() === other.split("-")[0]?.toLowerCase();
