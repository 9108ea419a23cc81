import { describe, expect, it } from "vitest";
import {
  FOREIGN_PREFIXES_MAX,
  ForeignWordsSeen,
  languagesFor,
  queryScripts,
  wordKey,
} from "../../src/archive/search/languages.ts";
import { inIndexLanguage } from "../../src/node/search-index.ts";

const ARCHIVE = ["ar", "de", "el", "en", "fa", "ja", "ko", "ru", "zh", "zh-tw"];

describe("routing a query to the languages of its script", () => {
  it("sends each script to the languages written in it", () => {
    expect(languagesFor("переговоры", ARCHIVE)).toEqual(["ru"]);
    expect(languagesFor("Verhandlung", ARCHIVE)).toEqual(["de", "en"]);
    expect(languagesFor("διαπραγματεύσεις", ARCHIVE)).toEqual(["el"]);
    expect(languagesFor("كتاب", ARCHIVE)).toEqual(["ar", "fa"]);
    expect(languagesFor("停火", ARCHIVE)).toEqual(["ja", "ko", "zh", "zh-tw"]);
    expect(languagesFor("やまだ", ARCHIVE)).toEqual(["ja"]);
    expect(languagesFor("휴전", ARCHIVE)).toEqual(["ko"]);
  });
  it("sends a query of two scripts to the languages of both", () => {
    expect(languagesFor("Libya ليبيا", ARCHIVE)).toEqual(["ar", "de", "en", "fa"]);
  });
  it("sends a query with no letters, or letters it does not tell apart, everywhere", () => {
    expect(queryScripts("2020")).toBeNull();
    expect(languagesFor("2020", ARCHIVE)).toEqual(ARCHIVE);
    expect(languagesFor("ᏣᎳᎩ", ARCHIVE)).toEqual(ARCHIVE); // Cherokee
  });
  it("searches a language whose script is unknown whatever the query", () => {
    expect(languagesFor("переговоры", ["en", "x-unknown-tag-"])).toEqual(["x-unknown-tag-"]);
  });
  it("also sends a query to the languages whose index may hold its words in another script", () => {
    // An Arabic article quoting an English name; a Greek article filed as English.
    const foreign = {
      ar: { scripts: ["Latn"], prefixes: ["car", "emi"] },
      en: { scripts: ["Grek"], prefixes: ["δια", "συμ"] },
      fa: { scripts: ["Latn"] },
    };
    expect(languagesFor("Carter", ARCHIVE, foreign)).toEqual(["ar", "de", "en", "fa"]);
    expect(languagesFor("Emily Carter", ARCHIVE, foreign)).toEqual(["ar", "de", "en", "fa"]);
    expect(languagesFor("ca", ARCHIVE, foreign)).toEqual(["ar", "de", "en", "fa"]);
    // Every word of another script must be there: Merrowby is not, in Arabic.
    expect(languagesFor("Emily Merrowby", ARCHIVE, foreign)).toEqual(["de", "en", "fa"]);
    expect(languagesFor("Διαπραγματεύσεις", ARCHIVE, foreign)).toEqual(["el", "en"]);
    expect(languagesFor("Λιμάνι", ARCHIVE, foreign)).toEqual(["el"]);
    expect(languagesFor("переговоры", ARCHIVE, foreign)).toEqual(["ru"]);
  });
});

describe("what an index holds in other scripts than its language's", () => {
  it("lists those scripts and the words' first letters as Pagefind indexes them", () => {
    const seen = new ForeignWordsSeen("ar");
    for (const word of ["2020", "ليبيا", "carter", "Émile", "covid19", "ᏣᎳᎩ", "πλάγια"]) {
      seen.add(word);
    }
    expect(seen.result()).toEqual({
      scripts: ["Grek", "Latn"],
      prefixes: ["car", "cov", "emi", "πλα"],
    });
    expect(wordKey("Παπαδόπουλος")).toBe("παπαδοπουλος");
  });
  it("lists nothing for an index of its own script alone, or a language of unknown script", () => {
    const own = new ForeignWordsSeen("en");
    own.add("carter");
    expect(own.result()).toBeUndefined();
    const unknown = new ForeignWordsSeen("x-unknown-tag-");
    unknown.add("ليبيا");
    expect(unknown.result()).toBeUndefined();
  });
  it("lists the scripts alone past the most first letters, so every query of them goes there", () => {
    const seen = new ForeignWordsSeen("ru");
    const letter = (n: number): string => String.fromCharCode(97 + (n % 26));
    for (let n = 0; n <= FOREIGN_PREFIXES_MAX; n += 1) {
      seen.add(`${letter(n)}${letter(n / 26)}${letter(n / 676)}word`);
    }
    expect(seen.result()).toEqual({ scripts: ["Latn"] });
    expect(languagesFor("anything", ["ru"], { ru: { scripts: ["Latn"] } })).toEqual(["ru"]);
  });
});

describe("the page Pagefind indexes", () => {
  const page = '<!DOCTYPE html><html lang="en" dir="ltr"><head></head><body><article lang="ru">…';
  it("says the article's language in <html lang>, and nothing else changes", () => {
    expect(inIndexLanguage(page, "ru")).toBe(page.replace('lang="en"', 'lang="ru"'));
    expect(inIndexLanguage(page, undefined)).toBe(page);
  });
});
