/**
 * Which of the archive's search indexes a query is matched against.
 *
 * Each article is indexed with its own language's rules (Pagefind writes one
 * index a language: words stemmed where it stems the language, Chinese,
 * Japanese and Thai split into words), and a query is processed with an
 * index's rules only when it is searched there. Loading every language for
 * every query would fetch each one's code and page table, so a query is
 * routed by the scripts its letters are written in: a Cyrillic query goes to
 * the languages written in Cyrillic, a Latin one to the Latin-script ones, Han
 * characters to Chinese, Japanese and Korean, kana to Japanese, Hangul to
 * Korean. An index that holds words of other scripts too (an Arabic article
 * quoting an English name, a Greek article filed as English) is also searched
 * for queries in those scripts, as the build lists them. A query with no
 * letters (a year, say), or with a letter of a script the archive does not
 * tell apart, goes to every language, and so does a language whose script is
 * unknown. Pure: the browser and the tests share it.
 */
import { letterScript, scriptOf, scriptsCovered } from "../capture/script.ts";

/**
 * The scripts of a query's letters, or null when it should go to every
 * language: it has no letters, or a letter of a script not told apart.
 */
export function queryScripts(query: string): Set<string> | null {
  const scripts = new Set<string>();
  for (const char of query) {
    if (!/\p{L}/u.test(char)) continue;
    const script = letterScript(char);
    if (script === undefined) return null;
    scripts.add(script);
  }
  return scripts.size > 0 ? scripts : null;
}

/**
 * The scripts of the letters of the words added, of those told apart: what a
 * language's index holds words in, as the build lists it.
 */
export class WordScripts {
  private readonly byLetter = new Map<string, string | undefined>();
  private readonly found = new Set<string>();

  /** Notes the scripts of `word`'s letters. */
  add(word: string): void {
    for (const char of word) {
      let script = this.byLetter.get(char);
      if (script === undefined && !this.byLetter.has(char)) {
        script = /\p{L}/u.test(char) ? letterScript(char) : undefined;
        this.byLetter.set(char, script);
      }
      if (script !== undefined) this.found.add(script);
    }
  }

  /** The scripts seen, in order of their codes. */
  list(): string[] {
    return [...this.found].sort();
  }
}

/**
 * The languages (as Pagefind names its indexes: lower case) that `query` is
 * searched in, of those the archive has: the languages written in its
 * scripts, and those whose index holds words in them (`held`, by language).
 */
export function languagesFor(
  query: string,
  languages: readonly string[],
  held: Readonly<Record<string, readonly string[]>> = {},
): string[] {
  const scripts = queryScripts(query);
  if (scripts === null) return [...languages];
  return languages.filter((language) => {
    const script = scriptOf(language);
    return (
      script === null ||
      scriptsCovered(script).some((s) => scripts.has(s)) ||
      (held[language] ?? []).some((s) => scripts.has(s))
    );
  });
}
