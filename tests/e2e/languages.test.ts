/**
 * Search in every language, through the real search box: the `languages`
 * fixture holds the seed and an article in each of Chinese, Japanese, Korean,
 * Russian, Greek, German, Arabic and Persian (tests/fixtures/languages/).
 * Each is indexed with its own language's rules and each query is processed
 * with the rules of the index it is matched against, so a word from the
 * middle of a Chinese sentence is found, and an inflected Russian, Greek,
 * Arabic or German form finds the article. Pagefind splits no compounds and
 * stems no Korean or Persian: those limits are tested as what they are.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openPage, search } from "../support/browser.ts";
import { HEADLINE } from "../support/capture.ts";
import { useFixture } from "../support/fixture.ts";

const fixture = useFixture("languages");

/** Each language's headline, as its capture prints it. */
const HEADLINES = {
  zh: "北方港口城市宣布停火协议生效",
  ja: "港町で停戦合意が発効",
  ko: "항구 도시에서 휴전 협정 발효",
  ru: "В портовом городе вступило в силу соглашение о прекращении огня",
  el: "Σε ισχύ η συμφωνία κατάπαυσης του πυρός στο λιμάνι",
  de: "Waffenstillstandsabkommen in der Hafenstadt in Kraft",
  ar: "افتتاح معرض وادي الزيتون الدولي للكتاب بمشاركة مئتي دار نشر",
  fa: "کتابخانه عمومی تازه‌ای در شهرک نارون گشایش یافت",
  en: HEADLINE,
} as const;

type Language = keyof typeof HEADLINES;

/** The headlines of the results drawn, with the language and direction each is marked in. */
function drawn(page: Page): Promise<{ text: string; lang: string; dir: string }[]> {
  return page.locator(".search-result .search-link").evaluateAll((links) =>
    links.map((a) => ({
      text: a.textContent ?? "",
      lang: (a as HTMLElement).lang,
      dir: (a as HTMLElement).dir,
    })),
  );
}

/** Opens `path` on the fixture, with a page that records what it loads. */
async function visit(path = "") {
  const watched = await openPage(fixture.browser);
  await watched.page.goto(fixture.site.at(path));
  return watched;
}

describe("search in every language, from the English front page", () => {
  const finds: [query: string, language: Language, what: string][] = [
    ["停火", "zh", "a Chinese word inside a sentence written without spaces"],
    ["王建国", "zh", "a Chinese name inside a sentence"],
    ["停戦", "ja", "a Japanese word inside a sentence"],
    ["山田", "ja", "a Japanese name inside a sentence"],
    ["휴전", "ko", "a Korean word"],
    ["김민준", "ko", "a Korean name"],
    ["переговоры", "ru", "a Russian form the text does not have (переговоров, переговорам)"],
    ["провинция", "ru", "a Russian nominative for the genitive провинции"],
    ["διαπραγματεύσεις", "el", "a Greek nominative plural for the genitive διαπραγματεύσεων"],
    ["كتاب", "ar", "an Arabic word the text writes only with a prefix (الكتاب, للكتاب)"],
    ["کتابخانه", "fa", "a Persian word as written"],
    ["Verhandlung", "de", "a German singular for the plural Verhandlungen"],
    ["Waffenstillstand", "de", "the start of a German compound"],
    ["Gnounou", "en", "an English name"],
    ["Carter", "ar", "an English name quoted in an Arabic article"],
  ];
  // One page for them all, as a reader searches one word after another (Escape clears the box).
  it("finds words from inside each language's article, each result marked with its language", async () => {
    const { page, errors } = await visit();
    for (const [query, language, what] of finds) {
      await page.keyboard.press("Escape");
      await search(page, query);
      expect
        .soft(await page.getByRole("status").textContent(), what)
        .toBe(`1 article matches “${query}”; showing 1.`);
      expect.soft((await drawn(page))[0], what).toEqual({
        text: HEADLINES[language],
        lang: language,
        dir: ["ar", "fa"].includes(language) ? "rtl" : "ltr",
      });
      const excerpt = page.locator(".search-result .search-excerpt").first();
      expect.soft(await excerpt.getAttribute("lang"), what).toBe(language);
    }
    expect(errors).toEqual([]);
  });

  const misses: [query: string, language: Language, why: string][] = [
    ["Abkommen", "de", "German compounds are not split: the end of Waffenstillstandsabkommen"],
    ["협상을", "ko", "Korean is not stemmed: another particle than the text's 협상은"],
    ["مسئولین", "fa", "Persian is not stemmed: another plural than the text's مسئولان"],
    ["الدخول", "ar", "the Arabic stemmer keeps a leading و: not the text's والدخول"],
  ];
  it("does not find an article where Pagefind cannot, and says so plainly", async () => {
    const { page } = await visit();
    for (const [query, language, why] of misses) {
      await page.keyboard.press("Escape");
      await search(page, query);
      const texts = (await drawn(page)).map((r) => r.text);
      expect.soft(texts, why).not.toContain(HEADLINES[language]);
    }
  });

  it("highlights on the article the word a search found as the page prints it, accents and all", async () => {
    const { page } = await visit();
    // Pagefind's own terms are its index's, lower-cased and without accents: "διαπραγματευσ…".
    await search(page, "διαπραγματεύσεις");
    await page.locator(".search-result .search-link").first().click();
    await page.waitForURL(/\/articles\//);
    const mark = page.locator("article mark").first();
    await mark.waitFor();
    await expect(mark.textContent()).resolves.toBe("διαπραγματεύσεων");
  });
});

describe("a query goes only to the languages of its script", () => {
  it("loads the Russian index for a Cyrillic query, and no other script's but the one it starts with", async () => {
    const { page, requests } = await visit();
    await search(page, "переговоры");
    const languages = requests.flatMap(
      (url) => /pagefind\.([a-z-]+)_[0-9a-f]+\.pf_meta/.exec(url)?.[1] ?? [],
    );
    // English, the page's own language, is loaded as the box takes focus; then Russian alone.
    expect([...new Set(languages)].sort()).toEqual(["en", "ru"]);
  });

  it("searches from an article in another language too", async () => {
    const { page } = await visit();
    await page.getByRole("link", { name: HEADLINES.ar }).first().click();
    await page.waitForLoadState("load");
    await search(page, "停戦");
    await expect.poll(() => drawn(page)).toEqual([{ text: HEADLINES.ja, lang: "ja", dir: "ltr" }]);
  });
});

describe("results", () => {
  it("are one entry per article, its matching sections under it", async () => {
    const { page } = await visit();
    await search(page, "Libya");
    await expect(page.getByRole("status").textContent()).resolves.toBe(
      "1 article matches “Libya”; showing 1.",
    );
    const result = page.locator(".search-result");
    await expect(result.count()).resolves.toBe(1);
    await expect(result.locator(".search-match").count()).resolves.toBeGreaterThan(1);
    await expect(result.locator(".search-byline").textContent()).resolves.toBe(
      "Iran Press TV · Sunday, 24 May 2020 7:18 AM",
    );
    // Each section that matched links to its heading, with the words to highlight as the
    // page prints them (its excerpt's marked words: "Libya", "Libyan").
    const sections = result.locator(".search-section a");
    for (const href of await sections.evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
      const url = new URL(href ?? "", "https://host.invalid");
      expect(url.hash, href ?? "").toMatch(/^#./);
      const words = url.searchParams.getAll("highlight");
      expect(words.length, href ?? "").toBeGreaterThan(0);
      for (const word of words) expect(word, href ?? "").toMatch(/^Libya/);
    }
  });

  it("keep date order across languages, newest or oldest first", async () => {
    const { page } = await visit();
    await search(page, "Tripoli");
    await expect(page.getByRole("status").textContent()).resolves.toBe(
      "2 articles match “Tripoli”; showing 2.",
    );
    const order = page.locator("select[name=sort]");
    await order.selectOption("newest");
    await expect.poll(() => drawn(page).then((r) => r.map((x) => x.lang))).toEqual(["de", "en"]);
    await order.selectOption("oldest");
    await expect.poll(() => drawn(page).then((r) => r.map((x) => x.lang))).toEqual(["en", "de"]);
  });
});
