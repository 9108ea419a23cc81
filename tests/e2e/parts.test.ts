/**
 * What a build in parts stands on: a year built alone (its articles and
 * captures as the whole content) gives its part's files byte for byte as the
 * whole archive's build does, and nothing of another year
 * (src/archive/publish/build-parts.ts).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildPartOf, SHARED_PART } from "../../src/archive/publish/build-parts.ts";
import type { PackagePlan } from "../../src/archive/publish/packages.ts";
import { readContentFolder } from "../../src/node/content-folder.ts";
import { contentPartsOf, writePartContent } from "../../src/node/content-parts.ts";
import { listFiles } from "../../src/node/files.ts";
import { plannedPackages } from "../../src/node/publish.ts";
import { FIXTURES, ROOT, runIsolatedBuild } from "../support/site.ts";

/** The year built alone: the imports fixture's article of 2023. */
const YEAR = "2023";

describe("a year built alone", () => {
  let scratch: string;
  let plan: PackagePlan;
  let alone: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "archive-parts-"));
    const content = inject("importedContent");
    const previous = process.env.ARCHIVE_CONTENT;
    process.env.ARCHIVE_CONTENT = content;
    try {
      const { entries, problems } = await readContentFolder(ROOT);
      expect(problems).toEqual([]);
      plan = plannedPackages(entries);
      const part = contentPartsOf(ROOT, entries).get(YEAR);
      if (!part) throw new Error(`the imports fixture has no article of ${YEAR}`);
      await writePartContent(ROOT, part, join(scratch, "content"));
    } finally {
      if (previous === undefined) delete process.env.ARCHIVE_CONTENT;
      else process.env.ARCHIVE_CONTENT = previous;
    }
    alone = join(scratch, "site");
    const built = await runIsolatedBuild(alone, {
      ...FIXTURES.imports,
      content: join(scratch, "content"),
    });
    if (!built.ok) throw new Error(`The year ${YEAR} did not build alone:\n${built.output}`);
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("gives its part's files byte for byte as the whole archive's build, and no other year's", async () => {
    const whole = inject("fixtureDirs").imports;
    const yearFiles = (files: string[]): string[] =>
      files.filter((path) => buildPartOf(path, plan) === YEAR).sort();
    const inWhole = yearFiles(await listFiles(whole));
    const builtAlone = await listFiles(alone);
    // Every kind of file a part holds is there: its pages, capture, listing, search part, package.
    for (const kind of [
      /^articles\/[^/]+\/index\.html$/,
      /^captures\/[^/]+\.txt$/,
      /^years\/\d{4}\/index\.html$/,
      /^pagefind\/parts\/[^/]+\/pagefind-entry\.json$/,
      /^packages\/\d{4}\.wacz$/,
    ]) {
      expect(
        inWhole.some((path) => kind.test(path)),
        String(kind),
      ).toBe(true);
    }
    expect(yearFiles(builtAlone)).toEqual(inWhole);
    for (const path of inWhole) {
      const [a, b] = await Promise.all([readFile(join(whole, path)), readFile(join(alone, path))]);
      expect(a.equals(b), path).toBe(true);
    }
    const others = builtAlone.filter(
      (path) => ![YEAR, SHARED_PART].includes(buildPartOf(path, plan)),
    );
    expect(others).toEqual([]);
  });
});
