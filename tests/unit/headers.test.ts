import { describe, expect, it } from "vitest";
import { caddyfile } from "../../src/archive/publish/caddyfile.ts";
import {
  headersFile,
  metaCsp,
  pagePath,
  parseHeadersFile,
  servedType,
  rulesFor,
  type HeaderRule,
} from "../../src/archive/publish/headers.ts";

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
  it("writes a rule for each policy, adding what only a header can carry", () => {
    const file = headersFile([
      { path: "/b/", csp: "default-src 'self';" },
      { path: "/", csp: "default-src 'none'" },
    ]);
    expect(file).toContain("/*\n  X-Content-Type-Options: nosniff\n");
    expect(file).toContain(
      "/\n  Content-Security-Policy: default-src 'none'; frame-ancestors 'self'\n",
    );
    expect(file.indexOf("\n/\n")).toBeLessThan(file.indexOf("\n/b/*\n"));
  });
});

/** A rule that is not one of the search files' cache rules. */
const isPolicyRule = (rule: HeaderRule): boolean => !rule.path.includes("/pagefind/");

describe("_headers for the search files named by their content", () => {
  it("lets browsers keep the parts, chunks and filter lists for good, under the base", () => {
    const rules = parseHeadersFile(headersFile([], new Map(), "/archive/"));
    const kept = rules.filter((r) => !isPolicyRule(r));
    expect(kept.map((r) => r.path)).toEqual([
      "/archive/pagefind/parts/*",
      "/archive/pagefind/index/*",
      "/archive/pagefind/filter/*",
    ]);
    for (const rule of kept) {
      expect(rule.headers).toEqual([["Cache-Control", "public, max-age=31536000, immutable"]]);
    }
    // The directory's entry and page table, and the code, are not named by their content.
    for (const path of ["/archive/pagefind/pagefind-entry.json", "/archive/pagefind/pagefind.js"]) {
      expect(
        rulesFor(rules, path).filter((r) => !isPolicyRule(r)),
        path,
      ).toEqual([]);
    }
  });
});

describe("_headers for a large archive", () => {
  const pages = (n: number, folder: string, csp: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => ({ path: `/archive/${folder}/${i}/`, csp: csp(i) }));
  it("is one rule for a folder whose pages share a policy, however many there are", () => {
    const file = headersFile(
      [...pages(5000, "articles", () => "a"), { path: "/archive/", csp: "front" }],
      new Map(),
      "/archive/",
    );
    const rules = parseHeadersFile(file).filter(isPolicyRule);
    expect(rules.map((r) => r.path)).toEqual(["/*", "/archive/", "/archive/articles/*"]);
    expect(rulesFor(rules, "/archive/articles/17/")).toHaveLength(2);
    expect(rulesFor(rules, "/archive/")).toHaveLength(2);
  });
  it("keeps a rule a page in a folder whose pages differ, so no page gets two policies", () => {
    const file = headersFile(
      [...pages(3, "years", (i) => (i === 2 ? "b" : "a")), ...pages(2, "outlets", () => "c")],
      new Map(),
      "/archive/",
    );
    const rules = parseHeadersFile(file).filter(isPolicyRule);
    expect(rules.map((r) => r.path)).toEqual([
      "/*",
      "/archive/outlets/*",
      "/archive/years/0/",
      "/archive/years/1/",
      "/archive/years/2/",
    ]);
    for (const path of ["/archive/years/2/", "/archive/outlets/1/"]) {
      const policies = rulesFor(rules, path).filter((r) => r.path !== "/*");
      expect(policies, path).toHaveLength(1);
    }
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

describe("reading _headers back", () => {
  it("gives the rules headersFile wrote, in order", () => {
    const file = headersFile(
      [{ path: "/a/", csp: "default-src 'self'" }],
      new Map([["/captures/b.txt", "text/plain; charset=windows-1252"]]),
    );
    expect(parseHeadersFile(file)).toEqual([
      {
        path: "/*",
        headers: [
          ["X-Content-Type-Options", "nosniff"],
          ["Referrer-Policy", "no-referrer"],
        ],
      },
      {
        path: "/a/*",
        headers: [["Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'"]],
      },
      ...["parts", "index", "filter"].map((folder) => ({
        path: `/pagefind/${folder}/*`,
        headers: [["Cache-Control", "public, max-age=31536000, immutable"]],
      })),
      { path: "/captures/b.txt", headers: [["Content-Type", "text/plain; charset=windows-1252"]] },
    ]);
  });
  it("names a line it cannot read", () => {
    expect(() => parseHeadersFile("  X-Orphan: 1\n")).toThrow(/line 1/);
    expect(() => parseHeadersFile("/a/\n  not a header\n")).toThrow(/line 2/);
  });
});

describe("the Caddyfile made from _headers", () => {
  const rules = parseHeadersFile(
    headersFile(
      [
        { path: "/archive/", csp: "default-src 'self'" },
        { path: "/archive/a/", csp: "default-src 'self'" },
        { path: "/archive/404.html", csp: "default-src 'none'" },
      ],
      new Map([["/archive/captures/b.txt", "text/plain; charset=windows-1252"]]),
      "/archive/",
    ),
  );
  const config = caddyfile(rules, {
    address: "archive.example",
    root: '/srv/the "archive"',
    base: "/archive/",
  });

  it("writes each set of headers once, behind the paths that send it", () => {
    expect(config.match(/Content-Security-Policy "default-src 'self'; frame/g)).toHaveLength(1);
    expect(config).toContain('\t@headers1 path "/archive/" "/archive/a/*"\n\theader @headers1 {\n');
    expect(config).toContain('\t@headers2 path "/archive/404.html"\n');
    expect(config).toContain(
      '\t@headers3 path "/archive/pagefind/parts/*" "/archive/pagefind/index/*" "/archive/pagefind/filter/*"\n\theader @headers3 {\n\t\tCache-Control "public, max-age=31536000, immutable"\n',
    );
    expect(config).toContain(
      '\t@headers4 path "/archive/captures/b.txt"\n\theader @headers4 {\n\t\tContent-Type "text/plain; charset=windows-1252"\n',
    );
  });
  it("serves under the base, with the brotli copies, and the 404 page with its own policy", () => {
    expect(config).toContain('root * "/srv/the \\"archive\\""');
    expect(config).toContain(
      "\tredir /archive /archive/ 301\n\thandle /archive/* {\n\t\turi strip_prefix /archive\n",
    );
    expect(config).toContain("precompressed br");
    expect(config).toMatch(
      /handle_errors \{\n\t\trewrite \* \/404\.html\n\t\theader \{\n\t\t\tContent-Security-Policy "default-src 'none'/,
    );
  });
  it("needs no prefix at the root", () => {
    const atRoot = caddyfile([], { address: ":80", root: "/srv", base: "/" });
    expect(atRoot).toContain("\thandle /* {\n\t\t# ");
    expect(atRoot).not.toContain("redir");
    expect(atRoot).not.toContain("@headers");
  });
});

describe("the media type a server sends", () => {
  it("is the capture's charset as _headers names it, else UTF-8 for text", () => {
    const types = new Map([
      ["/archive/captures/a.txt", "text/plain; charset=windows-1252"],
      ["/archive/captures/b.txt", "text/plain; charset=utf-8"],
    ]);
    const rules = parseHeadersFile(headersFile([], types, "/archive/"));
    expect(servedType(rules, "/archive/captures/a.txt")).toBe("text/plain; charset=windows-1252");
    expect(servedType(rules, "/archive/captures/b.txt")).toBe("text/plain; charset=utf-8");
    expect(servedType(rules, "/archive/robots.txt")).toBe("text/plain; charset=utf-8");
    expect(servedType(rules, "/archive/pagefind/pagefind.js")).toBeUndefined();
  });
});
