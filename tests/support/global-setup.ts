/**
 * Builds every shared fixture site once per test run, two at a time, each in
 * a copy of the project (builds of one project folder share its .astro
 * folder and must take turns), and hands their folders to the
 * e2e files, which serve them as they need: as Starlight's e2e tests share
 * their fixture builds. The importer's test captures are imported first.
 * It also starts the one Chromium every file connects to.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { startChromium } from "./browser.ts";
import { FIXTURES, ROOT, runIsolatedBuild, type FixtureName } from "./site.ts";

const run = promisify(execFile);

/** Captures imported into a fixture's content folder, a language (and archive day) at a time. */
type Imports = { files: string[]; language: string; archived?: string }[];

const VERSION_CAPTURES = "tests/fixtures/versions";

/** The importer's test captures and the languages they are imported with. */
const IMPORTS: Imports = [
  {
    files: [
      "content/captures/000_03d7a90d1c96a686.txt",
      "tests/fixtures/import/captures/101_af2d07cb14df449c.txt",
      "tests/fixtures/import/captures/102_abf20705a43e5efa.txt",
    ],
    language: "en",
  },
  { files: ["tests/fixtures/import/captures/103_2614eba2fbaa42f1.txt"], language: "ar" },
  { files: ["tests/fixtures/import/captures/104_2f297b6807aa6579.txt"], language: "fa" },
];

/** The seed, then captured again: edited, rewritten, on another page (tests/fixtures/versions/). */
const VERSIONS: Imports = [
  {
    files: [
      "content/captures/000_03d7a90d1c96a686.txt",
      `${VERSION_CAPTURES}/303_seed_other_page.txt`,
    ],
    language: "en",
  },
  { files: [`${VERSION_CAPTURES}/301_seed_edited.txt`], language: "en", archived: "2026-11-29" },
  {
    files: [
      `${VERSION_CAPTURES}/302_seed_rewritten.txt`,
      `${VERSION_CAPTURES}/304_same_outlet_same_day.txt`,
    ],
    language: "en",
    archived: "2026-11-30",
  },
];

const LANGUAGE_CAPTURES = "tests/fixtures/languages/captures";

/** The seed beside an article in each of eight other languages (tests/fixtures/languages/). */
const LANGUAGES: Imports = [
  { files: ["content/captures/000_03d7a90d1c96a686.txt"], language: "en" },
  { files: [`${LANGUAGE_CAPTURES}/201_zh.txt`], language: "zh" },
  { files: [`${LANGUAGE_CAPTURES}/202_ja.txt`], language: "ja" },
  { files: [`${LANGUAGE_CAPTURES}/203_ko.txt`], language: "ko" },
  { files: [`${LANGUAGE_CAPTURES}/204_ru.txt`], language: "ru" },
  { files: [`${LANGUAGE_CAPTURES}/205_el.txt`], language: "el" },
  { files: [`${LANGUAGE_CAPTURES}/206_de.txt`], language: "de" },
  { files: ["tests/fixtures/import/captures/103_2614eba2fbaa42f1.txt"], language: "ar" },
  { files: ["tests/fixtures/import/captures/104_2f297b6807aa6579.txt"], language: "fa" },
];

/** Imports captures into a fresh content folder with `npm run import`'s script. */
async function importFixtures(content: string, imports: Imports): Promise<void> {
  for (const { files, language, archived = "2026-11-28" } of imports) {
    await run(
      process.execPath,
      [join(ROOT, "bin/import.ts"), "--archived", archived, "--language", language, ...files],
      { cwd: ROOT, env: { ...process.env, ARCHIVE_CONTENT: content } },
    );
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = await startChromium();
  project.provide("chromiumEndpoint", chromium.wsEndpoint());
  const scratch = await mkdtemp(join(tmpdir(), "archive-fixtures-"));
  const importedContent = join(scratch, "imported-content");
  const languagesContent = join(scratch, "languages-content");
  const versionsContent = join(scratch, "versions-content");
  // The hostile capture beside the real article: one site at "/" serves both.
  const hostileContent = join(scratch, "hostile-content");
  await cp(join(ROOT, "content"), hostileContent, { recursive: true });
  await cp(join(ROOT, "tests/fixtures/hostile"), hostileContent, { recursive: true });
  const contentOf: Record<FixtureName, string | undefined> = {
    archive: undefined,
    hostile: hostileContent,
    imports: importedContent,
    languages: languagesContent,
    versions: versionsContent,
  };
  const dirs = {} as Record<FixtureName, string>;
  const logs = {} as Record<FixtureName, string>;
  const buildFixture = async (name: FixtureName): Promise<void> => {
    const dir = join(scratch, name);
    const content = contentOf[name];
    const settings = { ...FIXTURES[name], ...(content ? { content } : {}) };
    const built = await runIsolatedBuild(dir, settings);
    if (!built.ok) throw new Error(`The fixture site "${name}" did not build:\n${built.output}`);
    dirs[name] = dir;
    logs[name] = built.output;
  };
  // Two builds at a time (two cores), each in a copy of the project with its own .astro
  // folder, the next starting as soon as one ends; the captures are imported meanwhile.
  const imported: Partial<Record<FixtureName, Promise<void>>> = {
    imports: importFixtures(importedContent, IMPORTS),
    languages: importFixtures(languagesContent, LANGUAGES),
    versions: importFixtures(versionsContent, VERSIONS),
  };
  const queue: FixtureName[] = ["archive", "hostile", "versions", "imports", "languages"];
  const builder = async (): Promise<void> => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      await imported[name];
      await buildFixture(name);
    }
  };
  await Promise.all([builder(), builder(), ...Object.values(imported)]);
  project.provide("fixtureDirs", dirs);
  project.provide("fixtureLogs", logs);
  project.provide("importedContent", importedContent);
  project.provide("versionsContent", versionsContent);
  project.provide("hostileContent", hostileContent);
  return async () => {
    await chromium.close();
    await rm(scratch, { recursive: true, force: true });
  };
}
