/**
 * Handing the archive on: the fixity manifest lists every published file with
 * its SHA-256, and the WACZ packages (the article's year, and the pages all
 * years share) validate: their datapackage hashes, their WARC records (parsed
 * with warcio), their pages with their text, and the raw capture's record,
 * byte for byte.
 */
import { createHash } from "node:crypto";
import { get } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { WARCParser } from "warcio";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { serve } from "../../bin/serve.ts";
import { FIXITY_MANIFEST, parseFixityManifest } from "../../src/archive/publish/fixity.ts";
import { sha256 } from "../../src/archive/hash.ts";
import { packageFile, SHARED_PACKAGE } from "../../src/archive/publish/packages.ts";
import { listFiles } from "../../src/node/files.ts";
import { BROTLI_SUFFIX } from "../../src/node/precompress.ts";
import { ARTICLE_PATH, CAPTURE_FILE, HEADLINE, captureBytes } from "../support/capture.ts";
import { launch, offsite, openPage } from "../support/browser.ts";
import { FIXTURES } from "../support/site.ts";

const SITE = FIXTURES.archive.site;
const BASE = FIXTURES.archive.base;
const ROOT_URL = `${SITE}${BASE}`;
/** The seed's year of publication: its package's name. */
const YEAR_PACKAGE = "2020";

/** The shared `archive` fixture: read here, never written. */
let dir: string;
let files: string[];

beforeAll(async () => {
  dir = inject("fixtureDirs").archive;
  files = await listFiles(dir);
});

describe("the fixity manifest", () => {
  it("lists every other published file with its SHA-256, recomputed from the build", async () => {
    const manifest = parseFixityManifest(await readFile(join(dir, FIXITY_MANIFEST), "utf8"));
    expect([...manifest.keys()]).toEqual(files.filter((f) => f !== FIXITY_MANIFEST));
    for (const [path, hash] of manifest) {
      expect(sha256(await readFile(join(dir, path))), path).toBe(hash);
    }
  });

  it("is linked, with the package, from the provenance panel", async () => {
    const html = await readFile(join(dir, ARTICLE_PATH, "index.html"), "utf8");
    expect(html).toContain(`href="${BASE}${FIXITY_MANIFEST}"`);
    for (const name of ["2020", SHARED_PACKAGE]) {
      expect(html).toContain(`href="${BASE}${packageFile(name)}"`);
    }
  });
});

/** The packages of the fixture: the seed's year, and the shared pages. */
const PACKAGES = [YEAR_PACKAGE, SHARED_PACKAGE].map(packageFile);

describe("the WACZ packages", () => {
  const zips = new Map<string, Record<string, Uint8Array>>();
  let zip: Record<string, Uint8Array>;
  const text = (name: string): string => new TextDecoder().decode(zip[name]);

  beforeAll(async () => {
    for (const name of PACKAGES) {
      zips.set(name, unzipSync(new Uint8Array(await readFile(join(dir, name)))));
    }
    zip = zips.get(packageFile(YEAR_PACKAGE)) ?? {};
  });

  it("are each a datapackage whose hashes match its files, with a digest of it", () => {
    for (const name of PACKAGES) {
      zip = zips.get(name) ?? {};
      checkDatapackage();
    }
    zip = zips.get(packageFile(YEAR_PACKAGE)) ?? {};
  });

  function checkDatapackage(): void {
    const datapackage = JSON.parse(text("datapackage.json")) as {
      created: string;
      resources: { path: string; hash: string; bytes: number }[];
    };
    expect(datapackage.created).toBe("2026-11-25T00:00:00.000Z");
    const paths = datapackage.resources.map((r) => r.path).sort();
    expect(paths).toEqual(["archive/archive.warc.gz", "indexes/index.cdx", "pages/pages.jsonl"]);
    for (const resource of datapackage.resources) {
      const bytes = zip[resource.path];
      expect(bytes, resource.path).toBeDefined();
      expect(resource.hash).toBe(`sha256:${sha256(bytes ?? new Uint8Array())}`);
      expect(resource.bytes).toBe(bytes?.length);
    }
    const digest = JSON.parse(text("datapackage-digest.json")) as { path: string; hash: string };
    expect(digest).toEqual({
      path: "datapackage.json",
      hash: `sha256:${sha256(zip["datapackage.json"] ?? new Uint8Array())}`,
    });
  }

  it("hold a response for every built page and asset, and the capture as a resource, each in its package", async () => {
    const records = new Map<string, { type: string; date: string; payload: Uint8Array }>();
    const packed = new Map<string, string>();
    for (const [name, packageZip] of zips)
      for await (const record of WARCParser.iterRecords([
        packageZip["archive/archive.warc.gz"] ?? new Uint8Array(),
      ])) {
        const payload = await record.readFully(true);
        const digest = record.warcPayloadDigest;
        if (record.warcType !== "warcinfo") {
          expect(digest, record.warcTargetURI ?? "").toBe(
            `sha256:${createHash("sha256").update(payload).digest("hex")}`,
          );
        }
        if (record.warcType === "warcinfo") continue;
        const url = record.warcTargetURI ?? "";
        expect(records.has(url), url).toBe(false);
        records.set(url, { type: record.warcType, date: record.warcDate ?? "", payload });
        packed.set(url, name);
      }
    // A brotli copy is a way of sending a file, not a resource at a URL of its own.
    const published = files.filter(
      (f) => ![...PACKAGES, FIXITY_MANIFEST, "_headers"].includes(f) && !f.endsWith(BROTLI_SUFFIX),
    );
    expect(records.size).toBe(published.length);
    for (const file of published) {
      const url = `${ROOT_URL}${file.replace(/(^|\/)index\.html$/, "$1")}`;
      const record = records.get(url);
      expect(record, url).toBeDefined();
      // The article's pages, its capture, its year's listing and search part in its year's
      // package; the rest in the shared one.
      const own = /^(articles|captures|years\/\d{4}|pagefind\/parts)\//.test(file);
      expect(packed.get(url), url).toBe(packageFile(own ? YEAR_PACKAGE : SHARED_PACKAGE));
      // A raw capture (captures/<file>) is a resource; every built page, a response.
      expect(record?.type).toBe(/^captures\/[^/]+$/.test(file) ? "resource" : "response");
      expect(record?.date).toBe("2026-11-25T00:00:00Z");
      expect(Buffer.from(record?.payload ?? []).equals(await readFile(join(dir, file))), url).toBe(
        true,
      );
    }
    const capture = records.get(`${ROOT_URL}captures/${CAPTURE_FILE}`);
    expect(capture?.type).toBe("resource");
    expect(Buffer.from(capture?.payload ?? []).equals(captureBytes())).toBe(true);
  });

  it("list the pages with their text, so viewers can search them", () => {
    const lines = text("pages/pages.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines[0]).toMatchObject({ format: "json-pages-1.0", id: "pages" });
    const article = lines.find((p) => p.url === `${ROOT_URL}${ARTICLE_PATH}`);
    expect(article).toMatchObject({ title: HEADLINE, ts: "2026-11-25T00:00:00Z" });
    expect(article?.text).toContain("Mohamad Gnounou, a spokesman for government forces");
    expect(article?.text).toContain("Trump, Erdogan discuss Libya in phone call");
    expect(article?.text).not.toContain("Join the mailing list");
    // The front page is the shared package's page, not the year's.
    const shared = new TextDecoder()
      .decode(zips.get(packageFile(SHARED_PACKAGE))?.["pages/pages.jsonl"])
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(shared.map((p) => p.url ?? p.id)).toEqual(["pages", ROOT_URL]);
    expect(lines.some((p) => p.url === ROOT_URL)).toBe(false);
  });
});

/** The status, encoding and raw body of `url` asked for with `Accept-Encoding: accept`. */
function fetchRaw(
  url: string,
  accept: string,
): Promise<{
  status: number;
  encoding: string | undefined;
  cacheControl: string | undefined;
  body: Buffer;
}> {
  return new Promise((done, fail) => {
    get(url, { headers: { "accept-encoding": accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        done({
          status: res.statusCode ?? 0,
          encoding: res.headers["content-encoding"],
          cacheControl: res.headers["cache-control"],
          body: Buffer.concat(chunks),
        }),
      );
    }).on("error", fail);
  });
}

describe("the search files every search loads", () => {
  it("go brotli-compressed to a browser that accepts it, as Pagefind would unwrap them", async () => {
    // The files with a copy: Pagefind's code, WebAssembly, page tables and filter lists, and nothing else.
    const copied = files.filter((f) => f.endsWith(BROTLI_SUFFIX)).map((f) => f.slice(0, -3));
    expect(copied).toContain("pagefind/pagefind.js");
    for (const kind of [/^pagefind\/wasm\.[^/]+\.pagefind$/, /^pagefind\/[^/]+\.pf_meta$/]) {
      expect(
        copied.filter((f) => kind.test(f)),
        String(kind),
      ).toHaveLength(1);
    }
    // Each part's page table, and every filter list (the directory's and each part's).
    expect(copied.filter((f) => /^pagefind\/parts\/[^/]+\/[^/]+\.pf_meta$/.test(f))).toEqual(
      files.filter((f) => /^pagefind\/parts\/.*\.pf_meta$/.test(f)),
    );
    expect(
      copied.filter((f) => /^pagefind\/(parts\/[^/]+\/)?filter\/[^/]+\.pf_filter$/.test(f)),
    ).toEqual(files.filter((f) => f.endsWith(".pf_filter")));
    expect(copied.filter((f) => /\.pf_(index|fragment)$/.test(f))).toEqual([]);
    expect(copied.every((f) => files.includes(f))).toBe(true);
    const served = await serve({ dir, base: BASE });
    try {
      for (const path of copied) {
        const onDisk = await readFile(join(dir, path));
        const payload = path.endsWith(".js") ? onDisk : gunzipSync(onDisk);
        const br = await fetchRaw(`${served.url}${path}`, "gzip, deflate, br");
        expect([br.status, br.encoding], path).toEqual([200, "br"]);
        expect(brotliDecompressSync(br.body).equals(payload), path).toBe(true);
        // Smaller than what any other host sends: the gzip file Pagefind wrote, or the code as it is.
        expect(br.body.length, path).toBeLessThan(onDisk.length);
        const plain = await fetchRaw(`${served.url}${path}`, "identity");
        expect([plain.status, plain.encoding], path).toEqual([200, undefined]);
        expect(plain.body.equals(onDisk), path).toBe(true);
      }
      // Query-dependent files are sent as Pagefind wrote them.
      const chunk = files.find((f) => f.endsWith(".pf_index"));
      expect(chunk).toBeDefined();
      const sent = await fetchRaw(`${served.url}${chunk ?? ""}`, "br");
      expect(sent.encoding, chunk).toBeUndefined();
      expect(sent.body.equals(await readFile(join(dir, chunk ?? ""))), chunk).toBe(true);
      // Files named by their content (a part's, a chunk) may be kept for good; the entry may not.
      const partMeta = files.find((f) => /^pagefind\/parts\/.+\.pf_meta$/.test(f)) ?? "";
      for (const path of [partMeta, chunk ?? ""]) {
        const kept = await fetchRaw(`${served.url}${path}`, "br");
        expect(kept.cacheControl, path).toBe("public, max-age=31536000, immutable");
      }
      const entry = await fetchRaw(`${served.url}pagefind/pagefind-entry.json`, "br");
      expect(entry.cacheControl ?? "").not.toContain("immutable");
    } finally {
      await served.close();
    }
  });

  it("are neither precached by the service worker nor packaged in the WACZ as copies", async () => {
    const worker = await readFile(join(dir, "sw.js"), "utf8");
    expect(worker).toContain(".pf_meta");
    expect(worker).not.toMatch(/\.br["'?]/);
    const shared = unzipSync(
      new Uint8Array(await readFile(join(dir, packageFile(SHARED_PACKAGE)))),
    );
    const index = new TextDecoder().decode(shared["indexes/index.cdx"]);
    expect(index).toContain(".pf_meta");
    expect(index).not.toMatch(/\.br[ "]/);
  });
});

describe("the year's WACZ package in ReplayWeb.page", () => {
  it("opens, finds Gnounou in its page search, and replays the article", async () => {
    // ReplayWeb.page's prebuilt viewer (test-only dependency), served beside the package.
    const site = await mkdtemp(join(tmpdir(), "archive-replay-"));
    await cp(dir, site, { recursive: true });
    await mkdir(join(site, "replay"));
    for (const file of ["index.html", "ui.js", "sw.js"]) {
      await cp(
        new URL(`../../node_modules/replaywebpage/${file}`, import.meta.url),
        join(site, "replay", file),
      );
    }
    const server = await serve({ dir: site, base: BASE });
    const browser = await launch();
    try {
      // ReplayWeb.page replays through a service worker of its own.
      const { page, requests } = await openPage(browser, {
        serviceWorkers: "allow",
        viewport: { width: 1280, height: 900 },
      });
      const source = encodeURIComponent(`${server.url}${packageFile(YEAR_PACKAGE)}`);
      await page.goto(`${server.url}replay/index.html?source=${source}#view=pages`);
      await page.getByPlaceholder(/Search by Page URL, Title, or Text/).fill("Gnounou");
      const result = page.getByRole("link", { name: HEADLINE }).first();
      await result.waitFor({ timeout: 30_000 });
      expect(await page.getByRole("link", { name: HEADLINE }).count()).toBe(1);
      await result.click();
      const replayed = page.locator("iframe").first().contentFrame();
      await expect
        .poll(
          () =>
            replayed
              .locator("h1")
              .first()
              .innerText()
              .catch(() => ""),
          { timeout: 30_000 },
        )
        .toBe(HEADLINE);
      expect(
        await replayed
          .getByRole("heading", { name: "Government forces retake more areas near capital" })
          .count(),
      ).toBe(1);
      expect(offsite(requests, new URL(server.url).origin)).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
      await rm(site, { recursive: true, force: true });
    }
  });
});
