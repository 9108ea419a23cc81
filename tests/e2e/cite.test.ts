import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";
import { XMLParser } from "fast-xml-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../../src/node/files.ts";
import { launch, openPage } from "../support/browser.ts";
import {
  ARTICLE_PATH,
  CAPTURE_FILE,
  HEADINGS,
  HEADLINE,
  captureBytes,
  expectedBlocks,
} from "../support/capture.ts";
import { FIXTURES, serveFixture, type Site } from "../support/site.ts";

const SITE_URL = FIXTURES.archive.site;
const BASE = FIXTURES.archive.base;
const CANONICAL = `${SITE_URL}${BASE}${ARTICLE_PATH}`;

let site: Site;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  site = await serveFixture("archive");
  browser = await launch();
  ({ page } = await openPage(browser));
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: site.origin,
  });
  await page.goto(site.at(ARTICLE_PATH));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const meta = (name: string) =>
  page.locator(`meta[name="${name}"], meta[property="${name}"]`).getAttribute("content");
const fetchText = async (path: string) => (await page.request.get(site.at(path))).text();
const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

/** The capture's paragraphs (its body blocks less the headings), p1 first. */
const paragraphs = (): string[] =>
  expectedBlocks(captureBytes())
    .slice(3)
    .filter((text) => !(HEADINGS as readonly string[]).includes(text));

/** A parsed item's issue date as YYYY-MM-DD, from CSL date-parts or a raw RIS date. */
function issuedDay(item: Record<string, unknown> | undefined): string {
  const issued = item?.issued as { "date-parts"?: number[][]; raw?: string } | undefined;
  const parts = issued?.["date-parts"]?.[0] ?? issued?.raw?.split("/").filter(Boolean).map(Number);
  return (parts ?? []).map((n) => String(n).padStart(2, "0")).join("-");
}

describe("cite panel", () => {
  it("shows APA 7, MLA 9 and Chicago citations of Press TV, 24 May 2020, and this copy", async () => {
    const panel = page.getByRole("region", { name: "Cite this copy" });
    const styles = await panel.getByRole("heading", { level: 3 }).allTextContents();
    expect(styles.slice(0, 3)).toEqual(["APA 7", "MLA 9", "Chicago (notes-bibliography)"]);
    for (const key of ["apa", "mla", "chicago"]) {
      const text = await panel.locator(`#cite-${key}`).innerText();
      expect(text).toContain("Press TV");
      expect(text).toMatch(/2020/);
      expect(text).toContain("archived 25 November 2026");
      expect(text).toContain(CANONICAL);
    }
    await expect(panel.locator("#cite-mla").innerText()).resolves.toContain("24 May 2020");
  });

  it("copies a citation with its button, and tells a screen reader so", async () => {
    await page.getByRole("button", { name: "Copy MLA 9 citation" }).click();
    await expect.poll(clipboard).toBe(await page.locator("#cite-mla").innerText());
    const panel = page.getByRole("region", { name: "Cite this copy" });
    await expect.poll(() => panel.getByRole("status").textContent()).toBe("Copied MLA 9 citation.");
  });

  it("offers BibTeX, RIS and CSL-JSON files that parse and hold the headline and 2020-05-24", async () => {
    const base = `${ARTICLE_PATH}citation`;
    const bib = new Cite(await fetchText(`${base}.bib`)).data[0] as Record<string, unknown>;
    const ris = new Cite(await fetchText(`${base}.ris`)).data[0] as Record<string, unknown>;
    const json = (JSON.parse(await fetchText(`${base}.json`)) as Record<string, unknown>[])[0];
    for (const item of [bib, ris, json]) {
      expect(item?.title).toBe(HEADLINE);
      expect(issuedDay(item)).toBe("2020-05-24");
      expect(item).not.toHaveProperty("author");
    }
    expect(json?.type).toBe("article-newspaper");
    expect(ris.type).toBe("article-newspaper");
    const links = page.getByRole("link", { name: /\((\.bib|\.ris|\.json)\)$/ });
    await expect(links.count()).resolves.toBe(3);
  });
});

describe("paragraphs", () => {
  it("gives all 16 paragraphs a stable id and a permalink that resolves", async () => {
    const ids = await page.locator(".article-body p").evaluateAll((ps) => ps.map((p) => p.id));
    expect(ids).toEqual(Array.from({ length: 16 }, (_, i) => `p${i + 1}`));
    const link = page.getByRole("link", { name: /^(link to )?paragraph 9$/i });
    await expect(link.getAttribute("href")).resolves.toBe("#p9");
    await link.focus();
    await expect(link.evaluate((a) => getComputedStyle(a).opacity)).resolves.toBe("1");
    await link.click();
    expect(new URL(page.url()).hash).toBe("#p9");
    await expect(page.locator("#p9").evaluate((p) => p.matches(":target"))).resolves.toBe(true);
    const fresh = await browser.newPage();
    await fresh.goto(site.at(`${ARTICLE_PATH}#p4`));
    const top = await fresh.locator("#p4").evaluate((p) => p.getBoundingClientRect().top);
    // Scrolling snaps to whole pixels while layout does not: less than a pixel off is at the top.
    expect(top).toBeGreaterThan(-1);
    expect(top).toBeLessThan(100);
    await fresh.close();
  });

  it("copies only the words of a paragraph, never the permalink", async () => {
    const selected = await page.evaluate(() => {
      const range = document.createRange();
      range.setStartBefore(document.getElementById("p8") as Node);
      range.setEndAfter(document.getElementById("p9") as Node);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return selection?.toString() ?? "";
    });
    expect(selected).not.toContain("¶");
    const [p8, p9] = paragraphs().slice(7, 9);
    expect(selected.replace(/\s+/g, " ").trim()).toBe(`${p8} ${p9}`.replace(/\s+/g, " "));
  });

  it("copies a selected passage as a quote with its citation and paragraph link", async () => {
    const words = String(paragraphs()[9]);
    await page.locator("#p10").click({ clickCount: 3 });
    const button = page.getByRole("button", { name: "Copy quote" });
    await button.waitFor();
    await button.click();
    const quote = await clipboard();
    expect(quote.split("\n")[0]).toBe(`“${words}”`);
    expect(quote).toContain("Press TV, 24 May 2020");
    expect(quote.trim().split("\n").at(-1)).toBe(`${CANONICAL}#p10`);
    await expect
      .poll(() => page.getByText("Copied the quote, with its citation and link.").count())
      .toBe(1);
  });
});

describe("machine-readable metadata", () => {
  it("has Highwire and Dublin Core tags for a Press TV newspaper article of 2020-05-24", async () => {
    await expect(meta("citation_title")).resolves.toBe(HEADLINE);
    await expect(meta("citation_publication_date")).resolves.toBe("2020/05/24");
    await expect(meta("citation_online_date")).resolves.toBe("2020/05/24");
    await expect(meta("citation_publisher")).resolves.toBe("Press TV");
    await expect(meta("citation_language")).resolves.toBe("en");
    await expect(meta("citation_public_url")).resolves.toBe(CANONICAL);
    await expect(meta("DC.type")).resolves.toBe("newspaperArticle");
    await expect(page.locator('meta[name="citation_journal_title"]').count()).resolves.toBe(0);
    await expect(page.locator('meta[name="citation_author"]').count()).resolves.toBe(0);
    await expect(page.locator('link[rel="canonical"]').getAttribute("href")).resolves.toBe(
      CANONICAL,
    );
  });

  it("has Open Graph and article tags", async () => {
    await expect(meta("og:type")).resolves.toBe("article");
    await expect(meta("og:title")).resolves.toBe(HEADLINE);
    await expect(meta("og:url")).resolves.toBe(CANONICAL);
    await expect(meta("article:published_time")).resolves.toBe("2020-05-24T07:18");
  });

  it("has a JSON-LD NewsArticle of the original with this copy's archival facts", async () => {
    const text = await page.locator('script[type="application/ld+json"]').textContent();
    const ld = JSON.parse(String(text)) as Record<string, unknown>;
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: HEADLINE,
      datePublished: "2020-05-24T07:18",
      publisher: { "@type": "Organization", name: "Press TV" },
      inLanguage: "en",
      url: CANONICAL,
      isBasedOn: { url: `${SITE_URL}${BASE}captures/${CAPTURE_FILE}` },
      archivedAt: CANONICAL,
      sdDatePublished: "2026-11-25",
    });
    expect(ld).not.toHaveProperty("author");
  });
});

describe("discovery", () => {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

  it("lists every page in sitemap.xml on SITE_URL and the base path", async () => {
    const doc = xml.parse(await fetchText("sitemap.xml"));
    const locs = [doc.urlset.url].flat().map((u: { loc: string }) => u.loc);
    expect(locs).toEqual(expect.arrayContaining([`${SITE_URL}${BASE}`, CANONICAL]));
    // Every page the build holds (each an index.html; 404.html is none), once; the
    // "not saved offline" page is no address of its own (the worker shows it in place of others).
    const pages = (await listFiles(site.dir))
      .filter((file) => /(^|\/)index\.html$/.test(file) && file !== "offline/index.html")
      .map((file) => `${SITE_URL}${BASE}${file.replace(/index\.html$/, "")}`);
    expect([...locs].sort()).toEqual(pages.sort());
  });

  it("has an Atom feed of the articles and a robots.txt naming the sitemap", async () => {
    const feed = xml.parse(await fetchText("feed.xml")).feed;
    expect(feed.entry.title).toBe(HEADLINE);
    expect(feed.entry.link.href).toBe(CANONICAL);
    expect(feed.entry.id).toMatch(/^urn:sha256:[0-9a-f]{64}$/);
    await expect(fetchText("robots.txt")).resolves.toContain(
      `Sitemap: ${SITE_URL}${BASE}sitemap.xml`,
    );
  });
});
