import { describe, expect, it } from "vitest";
import { headersFile, metaCsp, pagePath } from "../../src/archive/publish/headers.ts";

describe("_headers", () => {
  it("reads a page's meta CSP", () => {
    const html = `<head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'sha256-x='"></head>`;
    expect(metaCsp(html)).toBe("default-src 'self'; script-src 'sha256-x='");
    expect(metaCsp("<head></head>")).toBeNull();
  });
  it("maps built files to the paths they are served at", () => {
    expect(pagePath("/", "index.html")).toBe("/");
    expect(pagePath("/archive/", "articles/a/index.html")).toBe("/archive/articles/a/");
    expect(pagePath("/", "404.html")).toBe("/404.html");
  });
  it("writes one block per page, adding what only a header can carry", () => {
    const file = headersFile([
      { path: "/b/", csp: "default-src 'self';" },
      { path: "/", csp: "default-src 'none'" },
    ]);
    expect(file).toContain("/*\n  X-Content-Type-Options: nosniff\n");
    expect(file).toContain(
      "/\n  Content-Security-Policy: default-src 'none'; frame-ancestors 'self'\n",
    );
    expect(file.indexOf("\n/\n")).toBeLessThan(file.indexOf("\n/b/\n"));
  });
});

describe("_headers for captures in another charset", () => {
  it("sends their media type", () => {
    const types = new Map([
      ["/captures/a.txt", "text/plain; charset=utf-8"],
      ["/captures/b.txt", "text/plain; charset=windows-1252"],
    ]);
    const file = headersFile([], types);
    expect(file).toContain("/captures/b.txt\n  Content-Type: text/plain; charset=windows-1252\n");
    expect(file).not.toContain("/captures/a.txt");
  });
});
