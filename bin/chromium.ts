/**
 * Finds a Chromium for the browser tests, or installs one: Debian's
 * `chromium` package when apt-get is there and we are root, otherwise
 * Playwright's own installer. Says what it does; fails with a clear message.
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

/** Runs a command quietly; prints its output only when it fails. */
function run(command: string, args: string[]): boolean {
  console.log(`[chromium] $ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status === 0) return true;
  console.error(`${result.stdout ?? ""}${result.stderr ?? ""}`.slice(-4000));
  return false;
}

function hasCommand(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Finds Chromium or installs it; returns its path or exits with a message. */
export async function ensureChromium(): Promise<string> {
  const found = await findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    console.error(`[chromium] CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
    process.exit(1);
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot && hasCommand("apt-get")) {
    console.log("[chromium] No Chromium found; installing Debian's chromium package.");
    process.env.DEBIAN_FRONTEND = "noninteractive";
    const install = ["install", "-y", "-qq", "--no-install-recommends", "chromium"];
    if (run("apt-get", ["update", "-qq"]) && run("apt-get", install)) {
      const path = await findChromium();
      if (path) return path;
    }
  } else {
    console.log("[chromium] No Chromium found; trying Playwright's installer.");
    if (run("npx", ["--no-install", "playwright-core", "install", "chromium"])) {
      const path = await findChromium();
      if (path) return path;
    }
  }
  console.error(
    "[chromium] Could not find or install Chromium for the browser tests.\n" +
      "  Install it (Debian: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium binary.",
  );
  process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const path = await ensureChromium();
  console.log(`[chromium] Using ${path}`);
}
