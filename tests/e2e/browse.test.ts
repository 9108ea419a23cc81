/**
 * Browsing and narrowing: the front page's newest articles, the listings by
 * year and by outlet, each article's place in them, and search narrowed by
 * outlet and year and ordered by date. On the imports fixture: five articles
 * from five outlets, 2020 to 2024.
 */
import { describe, expect, it } from "vitest";
import { openPage } from "../support/browser.ts";
import { useFixture } from "../support/fixture.ts";

const fixture = useFixture("imports");

describe("browsing", () => {
  it("lists the newest first on the front page and leads to every year and outlet", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.url);
    const dates = await page
      .locator("main .article-list time")
      .evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime") ?? ""));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe("2024-07-09");
    await page.getByRole("link", { name: /^Browse all 5 archived articles/ }).click();
    await page.waitForURL(/\/browse\/$/);
    const years = await page.locator("#by-year + ul > li > a").allTextContents();
    expect(years).toEqual(["2024", "2023", "2022", "2021", "2020"]);
    const outlets = await page.locator("#by-outlet + ul > li > a").allTextContents();
    expect(outlets).toEqual([
      "Al-Fajr Daily",
      "Harbourline Courier",
      "Northshire Gazette",
      "Press TV",
      "Tehran Review Weekly",
    ]);
  });

  it("lists a year's and an outlet's articles, and each article links to both", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.at("years/2021/"));
    await expect(page.locator("h1").textContent()).resolves.toBe("Published in 2021");
    const headline = "Coastal town of Merrowby approves flood barrier after winter storms";
    await page.getByRole("link", { name: headline }).click();
    await page
      .getByRole("navigation", { name: "In the archive" })
      .getByRole("link", { name: "Harbourline Courier" })
      .click();
    await page.waitForURL(/\/outlets\/harbourline-courier\/$/);
    await expect(page.locator(".article-list h2").allTextContents()).resolves.toEqual([headline]);
    await expect(page.locator(".pager").count()).resolves.toBe(0); // one page: no pager
  });

  it("puts every listing in the sitemap and keeps the feed to the newest, newest first", async () => {
    const sitemap = await (await fetch(fixture.site.at("sitemap.xml"))).text();
    for (const path of [
      "browse/",
      "years/2020/",
      "outlets/press-tv/",
      "captures/000_03d7a90d1c96a686/",
    ]) {
      expect(sitemap, path).toContain(`/archive/${path}<`);
    }
    const feed = await (await fetch(fixture.site.at("feed.xml"))).text();
    expect(feed.match(/<entry>/g)).toHaveLength(5);
    expect(feed).toContain("<id>https://archive.example/archive/</id>");
  });
});

describe("search, narrowed and ordered", () => {
  it("narrows by outlet and year, orders by date, and says how many match", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.url);
    await page.getByRole("searchbox").fill("the");
    const summary = (): Promise<string | null> =>
      page.locator("[data-search-summary]").textContent();
    await expect
      .poll(summary, { timeout: 10_000 })
      .toMatch(/^3 articles match “the”; showing 3\.$/);
    // Each choice's answer is told by the articles it lists, not by its count alone
    // (the answer before it may have had the same count).
    const headlines = (): Promise<string[]> =>
      page
        .locator(".search-link")
        .evaluateAll((links) => [...new Set(links.map((a) => a.textContent ?? ""))]);
    // The three English articles, from two parts of the merged index (the fixture's index is
    // built two pages a Pagefind process): a page numbered wrong in the merge would list another.
    await expect
      .poll(async () => (await headlines()).sort())
      .toEqual([
        "Coastal town of Merrowby approves flood barrier after winter storms",
        "Libya's rebel commander urges forces to rally against Turkey",
        "Valdmark technology agency reports shortfall in regional R&D budget",
      ]);
    const outlet = page.getByRole("combobox", { name: "Outlet" });
    // The outlets and years are added just after the first results (that search never waits for them).
    await expect
      .poll(() => outlet.locator("option").allTextContents())
      .toContain("Harbourline Courier");
    await outlet.selectOption("Harbourline Courier");
    await expect
      .poll(headlines)
      .toEqual(["Coastal town of Merrowby approves flood barrier after winter storms"]);
    await expect.poll(summary).toMatch(/^1 article matches “the”/);
    await outlet.selectOption("");
    await page.getByRole("combobox", { name: "Year" }).selectOption("2020");
    await expect
      .poll(headlines)
      .toEqual(["Libya's rebel commander urges forces to rally against Turkey"]);
    await expect.poll(summary).toMatch(/^1 article matches “the”/);
    await page.getByRole("combobox", { name: "Year" }).selectOption("");
    await page.getByRole("combobox", { name: "Order" }).selectOption("oldest");
    // Oldest first: the 2020 article, then the 2021 one (the third is later still).
    await expect
      .poll(async () => (await headlines()).slice(0, 2))
      .toEqual([
        "Libya's rebel commander urges forces to rally against Turkey",
        "Coastal town of Merrowby approves flood barrier after winter storms",
      ]);
    await expect.poll(summary).toMatch(/^3 articles match “the”/);
    await expect(page.locator(".search-more").isHidden()).resolves.toBe(true);
    await page.getByRole("combobox", { name: "Outlet" }).selectOption("Al-Fajr Daily");
    await expect.poll(summary).toMatch(/^No articles match “the” with these choices\.$/);
  });

  it("draws more results on request, says how many it shows, and moves focus to the first new one", async () => {
    const { page } = await openPage(fixture.browser);
    await page.goto(fixture.site.url);
    // Two articles at a time instead of ten, so the three that match "the" need "Show more".
    await page.locator("form[data-search]").evaluate((form: HTMLElement) => {
      form.dataset.pageSize = "2";
    });
    await page.getByRole("searchbox").fill("the");
    const status = (): Promise<string | null> => page.getByRole("status").textContent();
    await expect.poll(status, { timeout: 10_000 }).toBe("3 articles match “the”; showing 2.");
    const headlines = (): Promise<string[]> =>
      page
        .locator(".search-link")
        .evaluateAll((links) => [...new Set(links.map((a) => a.textContent ?? ""))]);
    const first = await headlines();
    expect(first).toHaveLength(2);
    await page.getByRole("button", { name: "Show more results" }).click();
    await expect.poll(status).toBe("3 articles match “the”; showing 3.");
    const all = await headlines();
    expect(all.slice(0, 2)).toEqual(first);
    expect(all).toHaveLength(3);
    await expect(page.evaluate(() => document.activeElement?.textContent ?? "")).resolves.toBe(
      all[2],
    );
    await expect(page.locator(".search-more").isHidden()).resolves.toBe(true);
  });

  it("shows the first results without waiting for the filters' lists", async () => {
    const { page } = await openPage(fixture.browser);
    // The outlet and year lists (and the filters' chunks) never arrive: the first search must not need them.
    await page.route("**/search-filters.json", () => undefined);
    await page.route("**/*.pf_filter", () => undefined);
    await page.goto(fixture.site.url);
    await page.getByRole("searchbox").fill("the");
    await expect
      .poll(() => page.locator("[data-search-summary]").textContent(), { timeout: 10_000 })
      .toMatch(/^3 articles match “the”; showing 3\.$/);
    await expect(
      page.getByRole("combobox", { name: "Outlet" }).locator("option").allTextContents(),
    ).resolves.toEqual(["All"]);
    await page.context().close(); // drops the requests held back
  });

  it("loads only the parts of the index that hold a search's words, and counts across them", async () => {
    const { page, requests } = await openPage(fixture.browser);
    await page.goto(fixture.site.url);
    const summary = (): Promise<string | null> =>
      page.locator("[data-search-summary]").textContent();
    /** The parts of the index fetched so far (the fixture's index holds two pages a part). */
    const partsFetched = (): string[] => [
      ...new Set(requests.flatMap((url) => /\/pagefind\/parts\/([^/]+)\//.exec(url)?.[1] ?? [])),
    ];
    await page.getByRole("searchbox").fill("Merrowby");
    await expect
      .poll(summary, { timeout: 10_000 })
      .toBe("1 article matches “Merrowby”; showing 1.");
    expect(partsFetched()).toHaveLength(1);
    // Every part shares its language's WebAssembly, at the top of the index.
    expect(requests.filter((url) => url.includes("/parts/") && url.includes("wasm"))).toEqual([]);
    await page.getByRole("searchbox").fill("the");
    await expect.poll(summary).toBe("3 articles match “the”; showing 3.");
    expect(partsFetched().length).toBeGreaterThanOrEqual(3);
  });

  it("searches a first keystroke's parts only until it has a page of results, and says so", async () => {
    const { page, requests } = await openPage(fixture.browser);
    // The Arabic and Persian articles quote English words, so a Latin query may go to their
    // single parts too: while those load slowly, English must not search on past its page.
    await page.route(/\/parts\/(ar|fa)-|language=(ar|fa)/, async (route) => {
      await new Promise((done) => setTimeout(done, 1500));
      await route.continue().catch(() => undefined);
    });
    await page.goto(fixture.site.url);
    await page.locator("form[data-search]").evaluate((form: HTMLElement) => {
      form.dataset.pageSize = "1";
    });
    await page.getByRole("searchbox").fill("th");
    const status = (): Promise<string | null> => page.getByRole("status").textContent();
    await expect.poll(status, { timeout: 10_000 }).toMatch(
      // Two parts are searched at once: the one beside the newest may have answered too.
      /^At least (1 article matches|\d+ articles match) “th”; showing 1\. Type a longer word to search \d+ more parts? of the archive\.$/,
    );
    // The parts whose page table was asked for (by the panel, then by Pagefind, from the cache).
    const parts = new Set(
      requests.flatMap((url) => /\/parts\/([^/]+)\/[^/]+\.pf_meta$/.exec(url)?.[1] ?? []),
    );
    // In each language, two parts at a time: the newest, and the one searched beside it.
    const perLanguage = Map.groupBy(parts, (folder) => folder.split("-")[0]);
    expect(perLanguage.get("en")?.length).toBeLessThanOrEqual(2);
    for (const folders of perLanguage.values()) expect(folders.length).toBeLessThanOrEqual(2);
    await page.getByRole("searchbox").fill("the");
    await expect.poll(status).toBe("3 articles match “the”; showing 1.");
  });
});
