/**
 * The docs say what is true of the code: every environment variable the code
 * reads is documented, every relative link and anchor in the README and docs/
 * leads somewhere, every dependency is explained in the stack, and the README
 * stays short.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import GithubSlugger from "github-slugger";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
const tracked = (...patterns: string[]): string[] =>
  execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", ...patterns], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter((file) => file !== "" && existsSync(join(ROOT, file)));
const read = (file: string): string => readFileSync(join(ROOT, file), "utf8");

/** Variables the system sets for every program, not settings of the archive's. */
const SYSTEM = new Set(["TZ", "NODE_ENV", "PATH"]);

/** The environment variables a source text reads (an assignment alone is not a read). */
export function variablesRead(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(
    /process\.env\.([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_])(?!\s*=(?!=))/g,
  )) {
    names.add(match[1] ?? "");
  }
  for (const match of source.matchAll(/process\.env\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]/g)) {
    names.add(match[1] ?? "");
  }
  for (const match of source.matchAll(/\{([^}]*)\}\s*=\s*process\.env\b/g)) {
    for (const name of (match[1] ?? "").split(",")) names.add(name.split(":")[0]?.trim() ?? "");
  }
  names.delete("");
  return [...names];
}

/** The Markdown's text outside fenced code blocks. */
const prose = (markdown: string): string => markdown.replace(/^```[\s\S]*?^```/gm, "");

/** The GitHub anchors of a Markdown file's headings. */
function anchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  return new Set(
    [...prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((heading) =>
      slugger.slug((heading[1] ?? "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/`/g, "")),
    ),
  );
}

const DOCS = tracked("README.md", "docs/**/*.md", "docs/*.md");

describe("the environment variables the code reads", () => {
  it("are each documented in the README's settings or the testing doc", () => {
    const sources = tracked("*.ts", "*.mjs", "*.js", "*.astro").filter(
      (file) => !file.startsWith("tests/"),
    );
    // Documented: the first cell of a row of the README's or the testing doc's settings tables.
    const documented = new Set(
      [
        ...(read("README.md") + read("docs/testing.md")).matchAll(
          /^\|\s*`([A-Za-z_][A-Za-z0-9_]*)`/gm,
        ),
      ].map((row) => row[1]),
    );
    const undocumented = sources.flatMap((file) =>
      variablesRead(read(file))
        .filter((name) => !SYSTEM.has(name) && !documented.has(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(sources.length).toBeGreaterThan(50);
    expect(undocumented).toEqual([]);
  });

  it("are found however they are read", () => {
    expect(
      variablesRead(
        'const a = process.env.ONE ?? 1; process.env.TWO ??= "x"; process.env.SET = "y";' +
          ' process.env["THREE"]; const { FOUR, FIVE: five } = process.env; if (process.env.SIX === "1") {}',
      ).sort(),
    ).toEqual(["FIVE", "FOUR", "ONE", "SIX", "THREE", "TWO"]);
  });
});

describe("the README and docs/", () => {
  it("exist", () => {
    expect(DOCS).toContain("README.md");
    expect(DOCS.filter((file) => file.startsWith("docs/")).length).toBeGreaterThanOrEqual(10);
  });

  it("link only to files and headings that exist", () => {
    const broken: string[] = [];
    for (const file of DOCS) {
      for (const [, target = ""] of prose(read(file)).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [path = "", anchor] = target.split("#");
        const resolved = path === "" ? file : relative(ROOT, join(ROOT, dirname(file), path));
        if (!existsSync(join(ROOT, resolved))) {
          broken.push(`${file}: ${target}: no such file`);
        } else if (
          anchor !== undefined &&
          !anchors(read(resolved)).has(decodeURIComponent(anchor))
        ) {
          broken.push(`${file}: ${target}: no such heading in ${resolved}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("explain every dependency in the stack", () => {
    const manifest = JSON.parse(read("package.json")) as Record<string, Record<string, string>>;
    const stack = read("docs/stack.md");
    const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    expect(names.filter((name) => !stack.includes(`\`${name}\``))).toEqual([]);
  });

  it("keep the README short: the rest is in docs/", () => {
    expect(Buffer.byteLength(read("README.md"))).toBeLessThanOrEqual(12 * 1024);
  });
});
