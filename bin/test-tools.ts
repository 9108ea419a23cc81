/**
 * Finds what the tests drive beside Node, or installs it: Chromium (the
 * browser tests) and Caddy (the publishing test, which serves a build with the
 * configuration `npm run caddyfile` writes). As root with apt-get, whatever is
 * missing comes from Debian's packages in one install; elsewhere Chromium
 * comes from Playwright's installer, and Caddy is to be installed by hand (the
 * publishing test then says it is skipped, and why). Says what it does.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

/** Flags for headless Chromium on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Path of Playwright's own Chromium, if its installer put one there. */
async function playwrightChromium(): Promise<string | undefined> {
  try {
    const { chromium } = await import("playwright-core");
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The Chromium to use: $CHROMIUM_PATH, a system one, or Playwright's. */
export async function findChromium(): Promise<string | undefined> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p)) ?? (await playwrightChromium());
}

/** The path of a command on PATH, or undefined. */
function commandPath(command: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

/** The Caddy server on PATH, or undefined. */
export function findCaddy(): string | undefined {
  return commandPath("caddy");
}

/** Runs a command quietly; prints its output only when it fails. */
function run(command: string, args: string[]): boolean {
  console.log(`[test-tools] $ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status === 0) return true;
  console.error(`${result.stdout ?? ""}${result.stderr ?? ""}`.slice(-4000));
  return false;
}

/** Installs Debian packages, when this process may: root with apt-get. */
function aptInstall(packages: string[]): boolean {
  if (packages.length === 0) return true;
  if (process.getuid?.() !== 0 || !commandPath("apt-get")) return false;
  console.log(`[test-tools] Installing Debian's ${packages.join(" and ")}.`);
  process.env.DEBIAN_FRONTEND = "noninteractive";
  const install = ["install", "-y", "-qq", "--no-install-recommends", ...packages];
  return run("apt-get", ["update", "-qq"]) && run("apt-get", install);
}

/** Finds Chromium and Caddy or installs them; exits with a message when Chromium cannot be had. */
export async function ensureTestTools(): Promise<{ chromium: string; caddy?: string }> {
  if (process.env.CHROMIUM_PATH && !(await findChromium())) {
    console.error(`[test-tools] CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
    process.exit(1);
  }
  const missing = [
    ...((await findChromium()) ? [] : ["chromium"]),
    ...(findCaddy() ? [] : ["caddy"]),
  ];
  const installed = aptInstall(missing);
  let chromium = await findChromium();
  if (!chromium && !installed) {
    console.log("[test-tools] No Chromium found; trying Playwright's installer.");
    if (run("npx", ["--no-install", "playwright-core", "install", "chromium"])) {
      chromium = await findChromium();
    }
  }
  if (!chromium) {
    console.error(
      "[test-tools] Could not find or install Chromium for the browser tests.\n" +
        "  Install it (Debian: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium binary.",
    );
    process.exit(1);
  }
  const caddy = findCaddy();
  if (!caddy) {
    console.warn(
      "[test-tools] No Caddy found, and it could not be installed: the publishing test will be skipped.\n" +
        "  Install it (Debian: `sudo apt-get install caddy`) to run it.",
    );
  }
  return { chromium, ...(caddy ? { caddy } : {}) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { chromium, caddy } = await ensureTestTools();
  console.log(`[test-tools] Using ${chromium}${caddy ? ` and ${caddy}` : ""}`);
}
