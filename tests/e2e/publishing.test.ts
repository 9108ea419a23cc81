/**
 * Publishing on a self-hosted server: a build served by Caddy with the
 * configuration `npm run caddyfile` writes from the build's `_headers`
 * (docs/publishing.md). Caddy is installed by `npm test` (bin/test-tools.ts)
 * where it can be; without it this file is skipped, and says so.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { findCaddy } from "../../bin/test-tools.ts";
import {
  metaCsp,
  pagePath,
  parseHeadersFile,
  rulesFor,
  type HeaderRule,
} from "../../src/archive/publish/headers.ts";
import { launch, openPage, search } from "../support/browser.ts";
import { ARTICLE_PATH } from "../support/capture.ts";
import { FIXTURES, ROOT } from "../support/site.ts";

const run = promisify(execFile);
const caddy = findCaddy();
const BASE = FIXTURES.imports.base;

/** A port no one listens on now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail()));
    });
  });
}

/** The status, headers and raw (undecoded) body of `url`, asked for with `accept` encodings. */
function fetchRaw(url: string, accept = "identity") {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (done, fail) => {
      get(url, { headers: { "accept-encoding": accept } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      }).on("error", fail);
    },
  );
}

if (!caddy)
  console.warn("publishing.test.ts: no Caddy on this machine (see bin/test-tools.ts): skipped.");

describe.skipIf(!caddy)("a build served by Caddy with `npm run caddyfile`'s configuration", () => {
  const dir = inject("fixtureDirs").imports;
  let scratch: string;
  let server: ChildProcess | undefined;
  let origin: string;
  let rules: HeaderRule[];
  let browser: Browser;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "archive-caddy-"));
    origin = `http://127.0.0.1:${await freePort()}`;
    const config = join(scratch, "Caddyfile");
    // As an archivist runs it: the command, on the built folder.
    await run(
      process.execPath,
      [join(ROOT, "bin/caddyfile.ts"), "--dist", dir, "--address", origin, "--out", config],
      { cwd: ROOT },
    );
    // Caddy keeps its state under HOME: a scratch one, so the test leaves nothing behind.
    const env = { ...process.env, HOME: scratch, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch };
    server = spawn(caddy ?? "caddy", ["run", "--config", config, "--adapter", "caddyfile"], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    server.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const started = Date.now();
    for (;;) {
      const answer = await fetchRaw(`${origin}${BASE}`).catch(() => undefined);
      if (answer?.status === 200) break;
      if (server.exitCode !== null || Date.now() - started > 15_000) {
        throw new Error(`Caddy did not serve the build:\n${log.slice(-3000)}`);
      }
      await new Promise((wait) => setTimeout(wait, 100));
    }
    rules = parseHeadersFile(await readFile(join(dir, "_headers"), "utf8"));
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("sends every page the policy of its own inline code, with what only a header can carry", async () => {
    const pages = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".html"));
    // Articles in Arabic and Persian too: paths that are not ASCII.
    expect(pages.length).toBeGreaterThanOrEqual(15);
    expect(pages.some((f) => /[^\x20-\x7e]/.test(f))).toBe(true);
    for (const file of pages) {
      const path = pagePath(BASE, file);
      // Exactly one rule gives the page its policy: a host sends every matching rule's headers.
      const policies = rulesFor(rules, path).flatMap((r) =>
        r.headers.filter(([name]) => name === "Content-Security-Policy").map(([, value]) => value),
      );
      expect(policies, path).toHaveLength(1);
      const missing = file === "404.html";
      const sent = await fetchRaw(`${origin}${missing ? `${BASE}no-such-page/` : encodeURI(path)}`);
      expect(sent.status, path).toBe(missing ? 404 : 200);
      const policy = String(sent.headers["content-security-policy"]);
      expect(policy, path).toBe(policies[0]);
      // The header is the page's own meta policy plus what only a header can say.
      const meta = String(metaCsp(sent.body.toString("utf8"))).replace(/;\s*$/, "");
      expect(policy, path).toBe(`${meta}; frame-ancestors 'self'`);
      expect(sent.headers["x-content-type-options"], path).toBe("nosniff");
      expect(sent.headers["referrer-policy"], path).toBe("no-referrer");
    }
  });

  it("answers a missing path with the archive's 404 page, and the bare base with a redirect", async () => {
    const missing = await fetchRaw(`${origin}${BASE}articles/never-archived/`);
    expect(missing.status).toBe(404);
    expect(missing.body.toString("utf8")).toContain("<h1");
    const outside = await fetchRaw(`${origin}/elsewhere/`);
    expect(outside.status).toBe(404);
    const bare = await fetchRaw(`${origin}${BASE.replace(/\/$/, "")}`);
    expect([bare.status, bare.headers.location]).toEqual([301, BASE]);
  });

  it("sends the search files' brotli copies to a browser that accepts them, and the files to one that does not", async () => {
    const copies = (await run("find", [join(dir, "pagefind"), "-name", "*.br"])).stdout
      .trim()
      .split("\n")
      .map((file) => file.slice(dir.length + 1, -".br".length));
    expect(copies).toContain("pagefind/pagefind.js");
    for (const path of copies) {
      const br = await fetchRaw(`${origin}${BASE}${path}`, "gzip, br");
      expect([br.status, br.headers["content-encoding"]], path).toEqual([200, "br"]);
      expect(br.body.equals(await readFile(join(dir, `${path}.br`))), path).toBe(true);
      const plain = await fetchRaw(`${origin}${BASE}${path}`);
      expect(plain.body.equals(await readFile(join(dir, path))), path).toBe(true);
    }
  });

  it("reads and searches in Chromium under the header policy, with nothing blocked", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${origin}${BASE}`);
    await search(page, "Gnounou");
    await page.locator("[data-search-results] a").first().click();
    await page.waitForURL(`**/${ARTICLE_PATH}**`);
    await expect.poll(() => page.locator("mark").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
