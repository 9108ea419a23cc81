/**
 * The build in parts (src/node/build-parts.ts, bin/build.ts) gives the bytes
 * a single `astro build` gives:
 * - a year built apart (`npm run build -- --part <year>`: its content alone,
 *   in a cache of its own, as on another machine) holds that year's files as
 *   the whole archive's build has them, and nothing of another year;
 * - `npm run build`, in another time zone and on another day (UTC+14, the
 *   clock shifted by a preload), gives the bytes `astro build` gave in the
 *   machine's zone and time, and replaces its output folder whole;
 * - after captures are added, changed and removed, `npm run build` rebuilds
 *   only the changed years, in groups when they are too many for one build
 *   (ARCHIVE_PART_ARTICLES), the last with the assembly's own pages, and
 *   assembles them with the rest: byte for byte a fresh `astro build` of the
 *   same content;
 * - parts built apart on other machines, by the commands of the documented
 *   CI workflow (docs/ci/build-in-parts.yml), put in one machine's cache,
 *   assemble into that same site.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sha256 } from "../../src/archive/hash.ts";
import { buildPartOf } from "../../src/archive/publish/build-parts.ts";
import type { PackagePlan } from "../../src/archive/publish/packages.ts";
import { readContentFolder } from "../../src/node/content-folder.ts";
import { listFiles } from "../../src/node/files.ts";
import { plannedPackages } from "../../src/node/publish.ts";
import { ARTICLE_ID } from "../support/capture.ts";
import { FIXTURES, ROOT, runBuild, withBuildLock } from "../support/site.ts";

const run = promisify(execFile);
const SHIFT_CLOCK = new URL("../support/shift-clock.ts", import.meta.url).pathname;

/** Each test runs several whole builds one after another, taking turns with the other files' builds. */
const BUILDS = { timeout: 300_000 };

/** Every file of a tree with its SHA-256, by path. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const file of await listFiles(dir)) sums[file] = sha256(await readFile(join(dir, file)));
  return sums;
}

/** The `run:` commands of the documented CI workflow, each a step of one of its jobs. */
async function workflowCommands(): Promise<{ years: string; part: string; assemble: string }> {
  const workflow = await readFile(join(ROOT, "docs/ci/build-in-parts.yml"), "utf8");
  const commands = [...workflow.matchAll(/^\s+(?:- )?run: (.+)$/gm)].map((m) => m[1] ?? "");
  const part = commands.find((c) => c.includes("--part")) ?? "";
  expect(part).toContain("${{ matrix.year }}");
  expect(commands).toContain("npm run build");
  return {
    years: commands.find((c) => c.includes("--years")) ?? "",
    part,
    assemble: "npm run build",
  };
}

/**
 * The imports fixture's settings: its site's bytes are the ones to match. Every
 * build here runs in UTC+14 with the clock three days ahead, and still gives
 * the bytes the fixture's build gave in the machine's zone and time.
 */
const SETTINGS = {
  BASE_PATH: FIXTURES.imports.base,
  SITE_URL: FIXTURES.imports.site,
  ...FIXTURES.imports.env,
  TZ: "Pacific/Kiritimati",
  NODE_OPTIONS: `--import=${SHIFT_CLOCK}`,
};

describe("the build in parts", () => {
  let scratch: string;
  let content: string;
  /** The parts cache of the builds in turn, and of the year built apart. */
  let caches: { inTurn: string; apart: string };
  /** The fresh single build of the changed content. */
  let fresh: Record<string, string>;

  /**
   * Runs a shell command in `cwd` (the project, or another checkout of it)
   * over the scratch content, with the parts cache `cache` and `more`
   * environment, taking turns with other builds; its output.
   */
  async function shell(command: string, cwd: string, cache: string, more = {}): Promise<string> {
    const env = {
      ...process.env,
      // This Node first, so npm and the astro it runs use it too.
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`,
      ASTRO_TELEMETRY_DISABLED: "1",
      ...SETTINGS,
      ARCHIVE_CONTENT: content,
      ARCHIVE_CACHE_DIR: cache,
      ...more,
    };
    const { stdout, stderr } = await withBuildLock(() =>
      run("sh", ["-c", command], { cwd, env, maxBuffer: 1 << 26 }),
    );
    return stdout + stderr;
  }

  /** `npm run build -- …args` in the project, with the parts cache `cache` and `more` environment. */
  const npmBuild = (args: string[], cache: string, more = {}): Promise<string> =>
    shell(`npm run build -- ${args.map((a) => `'${a}'`).join(" ")}`, ROOT, cache, more);

  /** Imports `file` into the scratch content, captured on `day`, with the importer's `more` options. */
  async function importCapture(file: string, day: string, more: string[] = []): Promise<void> {
    await run(process.execPath, [join(ROOT, "bin/import.ts"), "--archived", day, ...more, file], {
      cwd: ROOT,
      env: { ...process.env, ARCHIVE_CONTENT: content },
    });
  }

  /** The years' plan of the scratch content, to tell each built file's year. */
  async function plan(): Promise<PackagePlan> {
    const previous = process.env.ARCHIVE_CONTENT;
    process.env.ARCHIVE_CONTENT = content;
    try {
      const { entries, problems } = await readContentFolder(ROOT);
      expect(problems).toEqual([]);
      return plannedPackages(entries);
    } finally {
      if (previous === undefined) delete process.env.ARCHIVE_CONTENT;
      else process.env.ARCHIVE_CONTENT = previous;
    }
  }

  /** The folder of the part of `year` in a parts cache. */
  async function partFolder(cache: string, year: string): Promise<string> {
    const names = await readdir(join(cache, "parts"));
    const name = names.find((n) => n.startsWith(`${year}-`));
    if (!name) throw new Error(`no part of ${year} in ${cache}: ${names.join(", ")}`);
    return join(cache, "parts", name);
  }

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "archive-parts-"));
    content = join(scratch, "content");
    await cp(inject("importedContent"), content, { recursive: true });
    caches = { inTurn: join(scratch, "cache"), apart: join(scratch, "cache-apart") };
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it(
    "builds a year apart to the bytes the whole archive's build has for it, and nothing else",
    BUILDS,
    async () => {
      // The workflow's job for one year, on a machine (a parts cache) of its own.
      const { part } = await workflowCommands();
      const output = await shell(part.replace("${{ matrix.year }}", "2023"), ROOT, caches.apart);
      expect(output).toContain("Parts: 2023: not built before.");
      const folder = await partFolder(caches.apart, "2023");
      expect(output).toContain(`The part of 2023 is in ${folder}.`);
      const whole = inject("fixtureDirs").imports;
      const years = await plan();
      const inWhole = (await listFiles(whole)).filter(
        (path) => buildPartOf(path, years) === "2023",
      );
      for (const kind of [
        /^articles\/[^/]+\/index\.html$/,
        /^captures\/[^/]+\.txt$/,
        /^years\//,
        /^pagefind\/parts\/en-2023-1-[^/]+\/pagefind\.en_\w+\.pf_meta$/,
        /^packages\/2023\.wacz$/,
      ]) {
        expect(
          inWhole.some((path) => kind.test(path)),
          String(kind),
        ).toBe(true);
      }
      const apart = await fingerprint(join(folder, "site"));
      expect(Object.keys(apart)).toEqual(inWhole);
      for (const path of inWhole) {
        expect(apart[path], path).toBe(sha256(await readFile(join(whole, path))));
      }
    },
  );

  it(
    "rebuilds only the years whose captures changed, in groups, to the bytes of a whole build",
    BUILDS,
    async () => {
      // Built over files of an older site: the build replaces the whole folder.
      const first = join(scratch, "first");
      await mkdir(join(first, "articles", "gone"), { recursive: true });
      await writeFile(join(first, "articles", "gone", "index.html"), "<p>left over</p>");
      const output = await npmBuild(["--outDir", first], caches.inTurn);
      expect(output).toContain("Parts: 5 years (2020–2024): not built before.");
      expect(output).toContain("the site is built whole");
      // The same content and settings as the imports fixture, another zone and day: the same bytes.
      expect(await fingerprint(first)).toEqual(await fingerprint(inject("fixtureDirs").imports));

      // 2021's article is removed; the seed (2020) is captured again on another page, and
      // edited with a dateline of the next year (the article stays in 2020, its first version's).
      const articles = join(content, "articles");
      const removed = (await readdir(articles)).find((name) => name.startsWith("2021-"));
      if (!removed) throw new Error("the imports fixture has no article of 2021");
      const text = await readFile(join(articles, removed), "utf8");
      const capture = /^\s+file: "(.+)"$/m.exec(text)?.[1] ?? "";
      await rm(join(articles, removed));
      await rm(join(content, "captures", capture));
      await importCapture(
        join(ROOT, "tests/fixtures/versions/303_seed_other_page.txt"),
        "2026-12-02",
      );
      const edited = await readFile(
        join(ROOT, "tests/fixtures/versions/301_seed_edited.txt"),
        "utf8",
      );
      const redated = edited.replace(
        "Sunday, 24 May 2020 7:18 AM",
        "Friday, 1 January 2021 9:00 AM",
      );
      expect(redated).not.toBe(edited);
      await writeFile(join(scratch, "305_seed_redated.txt"), redated);
      await importCapture(join(scratch, "305_seed_redated.txt"), "2026-12-02", [
        "--version-of",
        ARTICLE_ID,
      ]);
      // 2022's article is captured again, unchanged, under another name.
      await cp(
        join(ROOT, "tests/fixtures/import/captures/103_2614eba2fbaa42f1.txt"),
        join(scratch, "306_recaptured.txt"),
      );
      await importCapture(join(scratch, "306_recaptured.txt"), "2026-12-02", ["--language", "ar"]);

      // At most 2 article files a build: 2020's and 2022's parts are built one after the other.
      const second = join(scratch, "second");
      const again = await npmBuild(["--outDir", second], caches.inTurn, {
        ARCHIVE_PART_ARTICLES: "2",
      });
      expect(again).toContain("Parts: 2020: 2 captures added; 1 article file added, 1 changed.");
      expect(again).toContain("Parts: 2022: 1 capture added; 1 article file changed.");
      expect(again).toContain("Parts: 2021: no longer in the content.");
      expect(again).toContain("Parts: rebuilding 2020, 2022; 2 kept.");
      expect(again).toContain("Parts: 3 article files to build, at most 2 a build: 2 builds");
      expect(again).toMatch(/Parts: built 2020 \(2 article files\) in /);
      // The last group, small enough, is built by the assembly's own Astro run.
      expect(again).toContain(
        "Parts: 2022 (1 article file) built with the shared pages, in one build.",
      );
      expect(again).not.toMatch(/Parts: built 2022/);
      expect(again).not.toContain("built whole");
      // The assembly builds from the content as the command checked it, not read again.
      expect(again).toMatch(/The content as npm run build checked it: 4 articles \(5 versions\)/);
      // Its search index holds 2022's pages, indexed as it publishes them.
      expect(again).not.toContain("while the pages were built");

      const whole = join(scratch, "whole");
      const built = await runBuild(whole, {
        base: SETTINGS.BASE_PATH,
        site: SETTINGS.SITE_URL,
        content,
        env: FIXTURES.imports.env,
      });
      expect(built.ok, built.output).toBe(true);
      fresh = await fingerprint(whole);
      expect(Object.keys(fresh).length).toBeGreaterThan(50);
      expect(await fingerprint(second)).toEqual(fresh);
    },
  );

  it(
    "assembles parts built apart on other machines, by the documented CI workflow's commands",
    BUILDS,
    async () => {
      const commands = await workflowCommands();
      /** Runs a workflow step's command in `cwd`, with a parts cache of its machine's own. */
      const step = shell;

      // The years job.
      const output = join(scratch, "github-output");
      await step(commands.years, ROOT, join(scratch, "machine-years"), { GITHUB_OUTPUT: output });
      const years = JSON.parse((await readFile(output, "utf8")).replace(/^years=/, "")) as string[];
      expect(years).toEqual(["2020", "2022", "2023", "2024"]);

      // The assembling machine: another checkout of the same commit, every part put in its cache
      // (2023's from the machine that built it apart, in the first test).
      const checkout = join(scratch, "machine-assemble");
      for (const name of [
        "bin",
        "src",
        "public",
        "astro.config.mjs",
        "package.json",
        "package-lock.json",
        "tsconfig.json",
      ]) {
        await cp(join(ROOT, name), join(checkout, name), { recursive: true });
      }
      await symlink(join(ROOT, "node_modules"), join(checkout, "node_modules"), "dir");
      const cache = join(scratch, "machine-assemble-cache");
      for (const [machine, year] of [
        [caches.inTurn, "2020"],
        [caches.inTurn, "2022"],
        [caches.apart, "2023"],
        [caches.inTurn, "2024"],
      ] as const) {
        const folder = await partFolder(machine, year);
        await cp(folder, join(cache, "parts", folder.slice(folder.lastIndexOf("/") + 1)), {
          recursive: true,
        });
      }
      const assembled = await step(commands.assemble, checkout, cache);
      expect(assembled).toContain("Parts: all 4 parts kept from the parts cache.");
      // Its search index is the parts' own, written while Astro builds its pages.
      expect(assembled).toMatch(
        /The search index: .* written in [\d.]+ s while the pages were built/,
      );
      expect(await fingerprint(join(checkout, "dist"))).toEqual(fresh);
    },
  );
});
