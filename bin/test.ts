/**
 * `npm test`'s runner: the static checks (astro check, eslint, prettier) and
 * the unit tests run while the browser tests build their fixture sites and
 * run, so the two cores are both busy. The browser tests' output streams as
 * it comes; the other group's is printed whole when it ends. Fails when
 * either fails.
 */
import { spawn } from "node:child_process";

/** Runs a command; resolves to its exit code and, when buffered, its output. */
function run(
  command: string,
  args: string[],
  buffered: boolean,
): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      stdio: buffered ? ["ignore", "pipe", "pipe"] : "inherit",
      env: process.env,
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => done({ code: code ?? 1, output }));
  });
}

/** Runs commands one after another until one fails. */
async function inTurn(
  steps: [string, string[]][],
  buffered: boolean,
): Promise<{ code: number; output: string }> {
  let output = "";
  for (const [command, args] of steps) {
    const result = await run(command, args, buffered);
    output += result.output;
    if (result.code !== 0) return { code: result.code, output };
  }
  return { code: 0, output };
}

const [checks, browser] = await Promise.all([
  inTurn(
    [
      ["npm", ["run", "--silent", "check"]],
      ["vitest", ["run", "--project", "unit", "--coverage"]],
    ],
    true,
  ),
  inTurn([["vitest", ["run", "--project", "e2e"]]], false),
]);
process.stdout.write(checks.output);
if (checks.code !== 0) console.error("The checks or the unit tests failed (above).");
if (browser.code !== 0) console.error("The browser tests failed (above).");
process.exitCode = checks.code || browser.code;
