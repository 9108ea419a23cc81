/**
 * `npm run screenshots`: the README's pictures, made from the build in dist/
 * in headless Chromium, so they can be made again whenever the pages change:
 * an article page (desktop, light) and a search (phone, dark). Each is
 * written as WebP (Chromium encodes it), small enough to commit.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "./test-tools.ts";
import { serve } from "./serve.ts";

const OUT = "docs/images";
/** The word searched for in the search picture, and the article shown (the first listed on "/"). */
const QUERY = process.argv[2] ?? "Libya";

/** The page's screenshot as WebP bytes, encoded by the page's own canvas. */
async function webp(browser: Browser, page: Page): Promise<Buffer> {
  const png = (await page.screenshot({ type: "png" })).toString("base64");
  const shot = await browser.newPage();
  try {
    const data = await shot.evaluate(async (source) => {
      const image = new Image();
      image.src = `data:image/png;base64,${source}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      [canvas.width, canvas.height] = [image.width, image.height];
      canvas.getContext("2d")?.drawImage(image, 0, 0);
      return canvas.toDataURL("image/webp", 0.82);
    }, png);
    return Buffer.from(data.slice(data.indexOf(",") + 1), "base64");
  } finally {
    await shot.close();
  }
}

const executablePath = await findChromium();
if (!executablePath) {
  console.error(
    "screenshots: no Chromium found: run `node bin/test-tools.ts` or set CHROMIUM_PATH.",
  );
  process.exit(1);
}
const served = await serve({ dir: "dist", base: process.env.BASE_PATH }).catch((error: Error) => {
  console.error(`screenshots: ${error.message}`);
  process.exit(1);
});
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  mkdirSync(OUT, { recursive: true });
  const desktop = await browser.newPage({
    viewport: { width: 1100, height: 760 },
    colorScheme: "light",
  });
  await desktop.goto(served.url);
  await desktop.locator("main a[href*='/articles/']").first().click();
  await desktop.waitForLoadState("load");
  writeFileSync(join(OUT, "article.webp"), await webp(browser, desktop));

  const phone = await browser.newPage({
    viewport: { width: 390, height: 760 },
    colorScheme: "dark",
    isMobile: true,
    hasTouch: true,
  });
  await phone.goto(served.url);
  await phone.getByRole("searchbox").fill(QUERY);
  await phone
    .getByRole("status")
    .filter({ hasText: `“${QUERY}”` })
    .waitFor();
  await phone.locator("[data-search-results] a").first().waitFor();
  writeFileSync(join(OUT, "search.webp"), await webp(browser, phone));
  console.log(`Wrote ${OUT}/article.webp and ${OUT}/search.webp from ${served.url}`);
} finally {
  await browser.close();
  await served.close();
}
