import { describe, expect, it } from "vitest";
import { languagesFor, queryScripts, WordScripts } from "../../src/archive/search/languages.ts";
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
  it("also sends a query to the languages whose words are in its script", () => {
    // An Arabic article quoting an English name; a Greek article filed as English.
    const held = { ar: ["Arab", "Latn"], en: ["Grek", "Latn"], ru: ["Cyrl"] };
    expect(languagesFor("Carter", ARCHIVE, held)).toEqual(["ar", "de", "en"]);
    expect(languagesFor("διαπραγματεύσεις", ARCHIVE, held)).toEqual(["el", "en"]);
    expect(languagesFor("переговоры", ARCHIVE, held)).toEqual(["ru"]);
  });
});

describe("the scripts an index's words are in", () => {
  it("lists each script of the letters once, in order, leaving out digits and untold scripts", () => {
    const scripts = new WordScripts();
    for (const word of ["2020", "ليبيا", "carter", "covid19", "ᏣᎳᎩ", "π", "停火"])
      scripts.add(word);
    expect(scripts.list()).toEqual(["Arab", "Grek", "Hani", "Latn"]);
  });
});

describe("the page Pagefind indexes", () => {
  const page = '<!DOCTYPE html><html lang="en" dir="ltr"><head></head><body><article lang="ru">…';
  it("says the article's language in <html lang>, and nothing else changes", () => {
    expect(inIndexLanguage(page, "ru")).toBe(page.replace('lang="en"', 'lang="ru"'));
    expect(inIndexLanguage(page, undefined)).toBe(page);
  });
});
