/**
 * `npm run bench -- --languages`: an archive of the seed and an article in
 * each of eight other languages (the test captures in
 * tests/fixtures/languages/ and tests/fixtures/import/), imported with the
 * importer and built; then a first search for a word of each language, from
 * the English front page, cold: the time to the answer and the bytes fetched
 * for it, and which languages' indexes it loaded. For a script two languages
 * share (Latin: English and German), it also reports what the second
 * language adds: its copy of the search code, its WebAssembly and its page
 * table.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { KB, type Verdict } from "./budgets.ts";
import { measureSearch, median } from "./search.ts";

const run = promisify(execFile);

/** Each capture, its language, and a word from inside its text (none in any other's). */
export const LANGUAGE_ARTICLES: { file: string; language: string; word: string }[] = [
  { file: "content/captures/000_03d7a90d1c96a686.txt", language: "en", word: "Gnounou" },
  { file: "tests/fixtures/languages/captures/201_zh.txt", language: "zh", word: "停火" },
  { file: "tests/fixtures/languages/captures/202_ja.txt", language: "ja", word: "停戦" },
  { file: "tests/fixtures/languages/captures/203_ko.txt", language: "ko", word: "휴전" },
  { file: "tests/fixtures/languages/captures/204_ru.txt", language: "ru", word: "переговоры" },
  {
    file: "tests/fixtures/languages/captures/205_el.txt",
    language: "el",
    word: "διαπραγματεύσεις",
  },
  { file: "tests/fixtures/languages/captures/206_de.txt", language: "de", word: "Verhandlung" },
  { file: "tests/fixtures/import/captures/103_2614eba2fbaa42f1.txt", language: "ar", word: "كتاب" },
  {
    file: "tests/fixtures/import/captures/104_2f297b6807aa6579.txt",
    language: "fa",
    word: "کتابخانه",
  },
];

/** Imports every capture of LANGUAGE_ARTICLES into `content` with the importer. */
export async function importLanguages(root: string, content: string): Promise<void> {
  for (const { file, language } of LANGUAGE_ARTICLES) {
    await run(
      process.execPath,
      [join(root, "bin/import.ts"), "--archived", "2026-11-28", "--language", language, file],
      { cwd: root, env: { ...process.env, ARCHIVE_CONTENT: content } },
    );
  }
}

/** The budgets of a first search in a multilingual archive. */
export const LANGUAGE_BUDGETS = { ms: 400, bytes: 200 * KB };

/** One language's first search. */
export interface LanguageSearch {
  language: string;
  word: string;
  ms: number;
  bytesToAnswer: number;
  /** The languages whose index the search loaded, with the bytes of each one's files to the answer. */
  loaded: Record<string, number>;
  summary: string;
}

/** The language a search file belongs to (its page table, WebAssembly, code copy or chunk), if any. */
function languageOf(url: string): string | undefined {
  const match =
    /pagefind\.([a-z0-9-]+)_[0-9a-f]+\.pf_meta/.exec(url) ??
    /wasm\.([a-z0-9-]+)\.pagefind/.exec(url) ??
    /\/(?:index|fragment|filter)\/([a-z0-9-]+)_[0-9a-f]+\.pf_/.exec(url) ??
    /pagefind\.js\?language=([a-z0-9-]+)/.exec(url);
  return match?.[1];
}

/** The first search for each language's word, from `url` (the front page), `runs` times each. */
export async function measureLanguages(
  browser: Browser,
  url: string,
  runs: number,
): Promise<LanguageSearch[]> {
  const found: LanguageSearch[] = [];
  for (const { language, word } of LANGUAGE_ARTICLES) {
    const figures = await measureSearch(browser, url, runs, { cold: word, warm: word });
    const cold = figures.cold;
    const last = cold.at(-1);
    const loaded: Record<string, number> = {};
    for (const file of last?.files ?? []) {
      const of = languageOf(file.url);
      if (of && file.toAnswer) loaded[of] = (loaded[of] ?? 0) + file.bytes;
    }
    found.push({
      language,
      word,
      ms: median(cold.map((r) => r.ms)),
      bytesToAnswer: median(cold.map((r) => r.bytesToAnswer)),
      loaded,
      summary: last?.summary ?? "",
    });
  }
  return found;
}

/** Verdicts for the multilingual budgets. */
export function checkLanguageBudgets(searches: readonly LanguageSearch[]): Verdict[] {
  return searches.flatMap((s) => [
    {
      budget: `${s.language} “${s.word}”: first search ≤ ${LANGUAGE_BUDGETS.ms} ms`,
      measured: `${Math.round(s.ms)} ms`,
      ok: s.ms <= LANGUAGE_BUDGETS.ms,
    },
    {
      budget: `${s.language} “${s.word}”: ≤ ${LANGUAGE_BUDGETS.bytes / KB} KB fetched to the answer`,
      measured: `${(s.bytesToAnswer / KB).toFixed(1)} KB`,
      ok: s.bytesToAnswer <= LANGUAGE_BUDGETS.bytes,
    },
    {
      budget: `${s.language} “${s.word}”: finds its article`,
      measured: s.summary,
      ok: s.summary.startsWith("1 article matches"),
    },
  ]);
}
