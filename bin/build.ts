/**
 * `npm run build`: the archive's build (`astro build`), unless nothing it is
 * made of changed since the last build of `dist/` and that site is still
 * whole (src/node/build-inputs.ts): then `dist/` is kept as it is, which is
 * the site the build would write again, and the command says so in one line.
 * Arguments are passed to `astro build`; with any, it always builds.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { buildInputs, recordBuild, whyBuild } from "../src/node/build-inputs.ts";
import { PROJECT_ROOT } from "../src/node/files.ts";

const args = process.argv.slice(2);
const outDir = join(PROJECT_ROOT, "dist");
const inputs = await buildInputs(PROJECT_ROOT, process.env);
const why =
  args.length > 0
    ? "astro build was given arguments"
    : await whyBuild(PROJECT_ROOT, outDir, inputs);
if (why === undefined) {
  console.log(
    `Nothing changed since the last build (inputs ${inputs.slice(0, 12)}): dist/ is the site it wrote, kept as it is.`,
  );
  process.exit(0);
}
console.log(`Building: ${why}.`);
const code = await new Promise<number>((done) => {
  const child = spawn(join(PROJECT_ROOT, "node_modules", ".bin", "astro"), ["build", ...args], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  child.on("close", (exit) => done(exit ?? 1));
});
if (code === 0 && args.length === 0) await recordBuild(PROJECT_ROOT, outDir, inputs);
process.exit(code);
