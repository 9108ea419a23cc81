/**
 * The browser modules step: src/browser/<name>.ts (and the stylesheets some
 * of them load, <name>.css) bundled with esbuild into <outDir>/modules/. Each is a file of its own so that pages load it only when
 * a reader reaches for its feature; the pages' small inline loaders import it
 * by that path (BROWSER_MODULES).
 */
import { join } from "node:path";
import * as esbuild from "esbuild";
import { BROWSER_MODULES, BROWSER_STYLES } from "../archive/site.ts";
import { PROJECT_ROOT } from "./files.ts";

/** Bundles every browser module into `outDir`. */
export async function bundleBrowserModules(outDir: string): Promise<void> {
  const result = await esbuild.build({
    entryPoints: Object.fromEntries([
      ...Object.entries(BROWSER_MODULES).map(([name, path]) => [
        path.replace(/\.js$/, ""),
        join(PROJECT_ROOT, "src", "browser", `${name}.ts`),
      ]),
      ...Object.entries(BROWSER_STYLES).map(([name, path]) => [
        path.replace(/\.css$/, ""),
        join(PROJECT_ROOT, "src", "browser", `${name}.css`),
      ]),
    ]),
    outdir: outDir,
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    legalComments: "none",
    logLevel: "silent",
  });
  const problems = [...result.errors, ...result.warnings].map((m) => m.text);
  if (problems.length > 0) {
    throw new Error(`Bundling the browser modules failed:\n  ${problems.join("\n  ")}`);
  }
}
