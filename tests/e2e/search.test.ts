import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.ts";
import { launch, offsite, openPage, search, type Watched } from "../support/browser.ts";
import { ARTICLE_PATH, HEADINGS, HEADLINE } from "../support/capture.ts";
import { FIXTURES, ROOT, serveFixture, type FixtureName, type Site } from "../support/site.ts";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** Requests for search code or index (modules/offline.js, the service worker's, is not). */
const searchFiles = (requests: readonly string[]): string[] =>
  requests.filter((url) => /\/(pagefind\/|modules\/(?!offline\.js))/.test(url));

describe.each<{ label: string; fixture: FixtureName }>([
  { label: "at /", fixture: "hostile" },
  { label: "under /archive/", fixture: "archive" },
])("search $label", ({ fixture }) => {
  const base = FIXTURES[fixture].base;
  // What depends on the base path runs under both; the rest once, under /archive/.
  const once = it.runIf(fixture === "archive");
  let site: Site;

  beforeAll(async () => {
    site = await serveFixture(fixture);
  });

  afterAll(async () => {
    await site?.close();
  });

  /** A watched page opened at a site path; fails the test on errors or offsite requests. */
  async function visit(path: string, options = {}): Promise<Watched> {
    const watched = await openPage(browser, options);
    await watched.page.goto(site.at(path));
    return watched;
  }

  function expectClean({ requests, errors }: Watched): void {
    expect(errors).toEqual([]);
    expect(offsite(requests, site.origin)).toEqual([]);
    for (const url of requests) expect(new URL(url).pathname.startsWith(base), url).toBe(true);
  }

  it("writes the index into the build only", () => {
    expect(existsSync(`${site.dir}/pagefind/pagefind.js`)).toBe(true);
    expect(existsSync(join(ROOT, "public/pagefind"))).toBe(false);
    expect(existsSync(join(ROOT, "src/pagefind"))).toBe(false);
  });

  // The form is one component: under both bases on the article page, on the front page once.
  for (const path of ["", ARTICLE_PATH]) {
    (path === "" ? once : it)(
      `offers a labelled search form on /${path}, loading no search code to read`,
      async () => {
        const watched = await visit(path);
        const { page, requests } = watched;
        await page.waitForLoadState("load");
        const form = page.getByRole("search", { name: "Search the archive" });
        await expect(form.evaluate((el) => el.tagName)).resolves.toBe("FORM");
        const box = form.getByRole("searchbox", { name: "Search the archive" });
        await expect(box.getAttribute("type")).resolves.toBe("search");
        expect(searchFiles(requests)).toEqual([]);
        await search(page, "Gnounou");
        await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
        await page
          .getByRole("link", { name: HEADLINE })
          .and(page.locator(".search-link"))
          .waitFor();
        expect(searchFiles(requests).length).toBeGreaterThan(0);
        expectClean(watched);
      },
    );
  }

  for (const [query, section] of [
    ["Gnounou", HEADINGS[0]],
    ["Erdogan", HEADINGS[1]],
  ] as const) {
    (query === "Gnounou" ? it : once)(
      `leads "${query}" to the section "${section}" and highlights it`,
      async () => {
        const watched = await visit("");
        const { page } = watched;
        await search(page, query);
        const result = page.locator(".search-result").first();
        await result.waitFor();
        await expect(result.locator(".search-link").textContent()).resolves.toBe(HEADLINE);
        await expect(result.locator(".search-section").textContent()).resolves.toBe(section);
        await expect(
          result.locator(".search-excerpt mark").first().textContent(),
        ).resolves.toContain(query);
        await expect(page.getByRole("status").textContent()).resolves.toBe(
          `1 article matches “${query}”; showing 1.`,
        );
        // An archive of one part searches its part at once: its directory is never loaded.
        const files = searchFiles(watched.requests);
        expect(
          files.some((url) => /\/pagefind\/parts\/[^/]+\/pagefind\.[^/]+\.pf_meta/.test(url)),
        ).toBe(true);
        expect(
          files.filter((url) => /\/pagefind\/(pagefind\.[^/]+\.pf_meta|index\/)/.test(url)),
        ).toEqual([]);
        await result.locator(".search-link").click();
        await page.waitForURL((url) => url.pathname === new URL(site.at(ARTICLE_PATH)).pathname);
        const heading = page.getByRole("heading", { level: 2, name: section });
        const id = await heading.getAttribute("id");
        expect(new URL(page.url()).hash).toBe(`#${id}`);
        const mark = page.locator("article mark").first();
        await mark.waitFor();
        await expect(mark.textContent()).resolves.toBe(query);
        await expect(heading.evaluate((h) => h.getBoundingClientRect().top)).resolves.toBeLessThan(
          800,
        );
        expectClean(watched);
      },
    );
  }

  once(
    "indexes only the article: archive panels, navigation and footer are not searchable",
    async () => {
      const watched = await visit("");
      const status = () => watched.page.getByRole("status").textContent();
      await search(watched.page, "SHA-256");
      await expect.poll(status).toMatch(/^No articles match “SHA-256”/);
      await watched.page.keyboard.press("Escape");
      await search(watched.page, "verbatim");
      await expect.poll(status).toMatch(/^No articles match “verbatim”/);
    },
  );

  once("clears on Escape and survives hostile, huge and empty queries", async () => {
    const watched = await visit(ARTICLE_PATH);
    const { page } = watched;
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await search(page, "<img src=x onerror=alert(1)>");
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/match/);
    await expect(page.locator("form img, .search-panel img").count()).resolves.toBe(0);
    await expect(page.getByRole("searchbox").inputValue()).resolves.toBe(
      "<img src=x onerror=alert(1)>",
    );
    await page.locator("article h1").click();
    await expect.poll(() => page.locator(".search-panel").isVisible()).toBe(false);
    await page.getByRole("searchbox").focus();
    await expect.poll(() => page.locator(".search-panel").isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("searchbox").inputValue()).resolves.toBe("");
    await expect(page.locator(".search-panel").isVisible()).resolves.toBe(false);
    await page.getByRole("searchbox").fill("Gnounou ".repeat(625));
    // Searched (cut to 200 characters), and named in 60, not read back whole.
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/^1 article matches “(Gnounou ){7}Gnou…”; showing 1\.$/);
    await page.getByRole("searchbox").fill("   ");
    await expect.poll(() => page.locator(".search-panel").isVisible()).toBe(false);
    expect(dialogs).toBe(0);
    expect(watched.requests.some((url) => url.endsWith("/x"))).toBe(false);
    expectClean(watched);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    once(
      `shows results that pass axe, without shifting the page (${colorScheme}, 390px)`,
      async () => {
        const { page } = await visit(ARTICLE_PATH, {
          colorScheme,
          viewport: { width: 390, height: 800 },
        });
        const top = () => page.locator("article h1").evaluate((h) => h.getBoundingClientRect().top);
        const before = await top();
        await search(page, "Gnounou");
        await page.locator(".search-result").first().waitFor();
        expect(await top()).toBe(before);
        await expect(axeViolations(page)).resolves.toEqual([]);
      },
    );
  }

  once("says plainly that search needs JavaScript when it is off", async () => {
    const { page } = await visit(ARTICLE_PATH, { javaScriptEnabled: false });
    await expect(page.getByText("Search needs JavaScript").isVisible()).resolves.toBe(true);
    await expect(page.getByText("Press / to search").isVisible()).resolves.toBe(false);
    await expect(page.locator(".article-body p").count()).resolves.toBe(16);
  });

  it("carries the base path in every link, asset and module it loads", async () => {
    for (const path of ["", ARTICLE_PATH, "404.html"]) {
      const { page } = await visit(path);
      const urls = await page.$$eval(
        "[href], [src], [data-load], [data-preload], [data-base], meta[content^='/']",
        (els) =>
          els.flatMap((el) =>
            ["href", "src", "data-load", "data-preload", "data-base", "content"].flatMap(
              (name) => el.getAttribute(name)?.split(" ") ?? [],
            ),
          ),
      );
      const modules = await page.$$eval("[data-load], [data-preload]", (els) =>
        els.flatMap((el) => [
          el.getAttribute("data-load") ?? "",
          ...(el.getAttribute("data-preload")?.split(" ") ?? []),
        ]),
      );
      // The modules the page loads on demand are found, under the base, and are there.
      expect(modules, path).toContain(`${base}modules/search.js`);
      expect(modules, path).toContain(`${base}modules/offline.js`);
      if (path === ARTICLE_PATH) {
        expect(modules).toEqual(
          expect.arrayContaining([`${base}modules/quote.js`, `${base}modules/cite.js`]),
        );
      }
      for (const url of modules) {
        expect((await page.request.get(new URL(url, site.origin).href)).status(), url).toBe(200);
      }
      for (const url of urls.filter((u) => u.startsWith("/"))) {
        expect(url.startsWith(base), `${path}: ${url}`).toBe(true);
      }
    }
  });
});
