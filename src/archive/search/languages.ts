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
 * for a query whose words it may hold: the build lists those words' scripts
 * and first letters (ForeignWords). A query with no
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
 * What a language's index holds in scripts its language is not written in
 * (an English name quoted in Arabic articles; a Greek article filed as
 * English): those scripts, and the first letters (FOREIGN_PREFIX, as
 * wordKey gives them) of each such word, unless there are more than
 * FOREIGN_PREFIXES_MAX (then a query of those scripts is searched there
 * whatever its words).
 */
export interface ForeignWords {
  scripts: string[];
  prefixes?: string[];
}

/** How many first letters of a word in another script the build lists. */
export const FOREIGN_PREFIX = 3;

/** The most first letters listed for one language: past that, only the scripts. */
export const FOREIGN_PREFIXES_MAX = 1000;

/** A word as Pagefind indexes its letters: lower case, without accents. */
export function wordKey(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The scripts of a word's letters, of those told apart, with a cache by letter. */
function scriptsOfWord(word: string, byLetter: Map<string, string | undefined>): Set<string> {
  const scripts = new Set<string>();
  for (const char of word) {
    let script = byLetter.get(char);
    if (script === undefined && !byLetter.has(char)) {
      script = /\p{L}/u.test(char) ? letterScript(char) : undefined;
      byLetter.set(char, script);
    }
    if (script !== undefined) scripts.add(script);
  }
  return scripts;
}

/** The scripts a language is written in, or null when unknown. */
function ownScripts(language: string): readonly string[] | null {
  const script = scriptOf(language);
  return script === null ? null : scriptsCovered(script);
}

/** Gathers, word by word, what a language's index holds in other scripts (ForeignWords). */
export class ForeignWordsSeen {
  private readonly own: readonly string[] | null;
  private readonly byLetter = new Map<string, string | undefined>();
  private readonly scripts = new Set<string>();
  private readonly prefixes = new Set<string>();

  constructor(language: string) {
    this.own = ownScripts(language);
  }

  /** Notes one indexed word. */
  add(word: string): void {
    if (this.own === null) return;
    const foreign = [...scriptsOfWord(word, this.byLetter)].filter(
      (script) => !this.own?.includes(script),
    );
    if (foreign.length === 0) return;
    for (const script of foreign) this.scripts.add(script);
    if (this.prefixes.size <= FOREIGN_PREFIXES_MAX) {
      this.prefixes.add([...wordKey(word)].slice(0, FOREIGN_PREFIX).join(""));
    }
  }

  /** What was seen, or undefined when the index holds no word of another script. */
  result(): ForeignWords | undefined {
    if (this.scripts.size === 0) return undefined;
    const scripts = [...this.scripts].sort();
    if (this.prefixes.size > FOREIGN_PREFIXES_MAX) return { scripts };
    return { scripts, prefixes: [...this.prefixes].sort() };
  }
}

/**
 * Whether `foreign` may hold a query's word `word` of other scripts than
 * its language's (`own`): its scripts are held there, and its first letters
 * are listed (a word shorter than that starts a listed one).
 */
function mayHold(word: string, own: readonly string[], foreign: ForeignWords): boolean {
  const scripts = [...scriptsOfWord(word, new Map())].filter((s) => !own.includes(s));
  if (!scripts.every((s) => foreign.scripts.includes(s))) return false;
  if (foreign.prefixes === undefined) return true;
  const key = [...wordKey(word)].slice(0, FOREIGN_PREFIX).join("");
  return foreign.prefixes.some((prefix) => prefix.startsWith(key));
}

/**
 * The languages (as Pagefind names its indexes: lower case) that `query` is
 * searched in, of those the archive has: the languages written in its
 * scripts, and those whose index may hold its words of other scripts
 * (`foreign`, by language, as the build lists them).
 */
export function languagesFor(
  query: string,
  languages: readonly string[],
  foreign: Readonly<Record<string, ForeignWords>> = {},
): string[] {
  const scripts = queryScripts(query);
  if (scripts === null) return [...languages];
  const words = query.split(/[^\p{L}\p{N}]+/u).filter((word) => /\p{L}/u.test(word));
  return languages.filter((language) => {
    const own = ownScripts(language);
    if (own === null || own.some((s) => scripts.has(s))) return true;
    const held = foreign[language];
    return held !== undefined && words.every((word) => mayHold(word, own, held));
  });
}
