/**
 * A test file's fixture: one of the shared fixture sites, served for the
 * file, and the run's shared Chromium, connected for it; both closed after.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launch } from "./browser.ts";
import { serveFixture, type FixtureName, type Site } from "./site.ts";

export interface Fixture {
  site: Site;
  browser: Browser;
}

/** Serves `name` and connects to Chromium before the file's tests; closes both after. */
export function useFixture(name: FixtureName): Fixture {
  const fixture = {} as Fixture;
  beforeAll(async () => {
    fixture.site = await serveFixture(name);
    fixture.browser = await launch();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.site?.close();
  });
  return fixture;
}
