import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { metaCsp } from "../../src/archive/publish/headers.ts";
import { pagePolicy, withPolicy } from "../../src/archive/publish/csp.ts";

const hash = (text: string): string =>
  `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><script>a()</script><style>p{}</style>
<meta name="description" content="A hostile headline <script>alert(&quot;x&quot;)</script>">
<script type="application/ld+json">{"x":1}</script><script type="module">b()</script>
<script src="/x.js"></script></head><body><style>p{}</style></body></html>`;

describe("each page's policy", () => {
  it("allows exactly the page's own inline scripts and styles, by hash", () => {
    const policy = pagePolicy(PAGE);
    expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' ${hash("a()")} ${hash("b()")};`);
    expect(policy).toMatch(new RegExp(`style-src 'self' ${hash("p{}").replace(/[+/]/g, "\\$&")}$`));
    expect(policy).not.toContain(hash('{"x":1}'));
    expect(policy).not.toContain(hash("alert(&quot;x&quot;)"));
    expect(policy.match(/sha256-/g)).toHaveLength(3);
    expect(policy).toMatch(/^default-src 'self'; base-uri 'none'; object-src 'none'/);
    expect(policy).not.toMatch(/unsafe-inline|blob:|worker-src/);
  });
  it("is written into the page's head, where a reader of the page finds it", () => {
    const { html: page, policy } = withPolicy(PAGE);
    expect(policy).toBe(pagePolicy(PAGE));
    expect(page.indexOf('http-equiv="content-security-policy"')).toBe(
      page.indexOf('<meta charset="utf-8">') + 28,
    );
    expect(metaCsp(page)).toBe(pagePolicy(PAGE));
    expect(() => withPolicy("<html><head></head></html>")).toThrow(/no <meta charset/);
  });
});
