/**
 * `npm run build`'s command (bin/build.ts) mostly waits on its children, and
 * its memory sits beside every Astro build it runs: it reads the content in a
 * child process and loads none of the content check's modules itself.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/node/files.ts";

/** A module's relative imports that load at run time (`import type` is erased). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["'](\.[^"']+)["']/gm),
  ].map((match) => match[1] ?? "");
  return specifiers.map((specifier) => resolve(dirname(file), specifier));
}

/** Every project module `entry` loads, following relative imports. */
function loadedModules(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !/\.(ts|js|mjs)$/.test(file)) return;
    seen.add(file);
    for (const next of runtimeImports(file)) visit(next);
  };
  visit(entry);
  return seen;
}

describe("npm run build's command", () => {
  it("loads no module of the content check: the child reads the content", () => {
    const modules = [...loadedModules(join(PROJECT_ROOT, "bin/build.ts"))].map((m) =>
      relative(PROJECT_ROOT, m),
    );
    expect(modules).toContain("src/node/content-years.ts");
    expect(modules).toContain("src/node/content-paths.ts");
    expect(modules.filter((m) => /content-(check|folder)\.ts$|\/markdown\//.test(m))).toEqual([]);
  });
});
