/**
 * `npm run build`: the archive's build, in parts (src/node/build-parts.ts).
 *
 * 1. Nothing changed: when everything the build is made of is what the last
 *    build of `dist/` was made of and that site is still whole
 *    (src/node/build-inputs.ts), `dist/` is kept and the command says so.
 * 2. The parts: each year of publication whose part is not in the parts
 *    cache (new content, changed content or code, or a damaged folder) is
 *    built, in one `astro build` over their content alone, or in several one
 *    after another when they hold more articles than one build can
 *    (PART_ARTICLES); the log says which and why. When most of a site one
 *    build can hold is to be built, it is built whole instead, and its parts
 *    kept.
 * 3. The assembly: one `astro build` over the whole content that builds the
 *    pages spanning years, puts in every year's part, and publishes the site
 *    into `dist/` (or where `--outDir` says), the same bytes a single
 *    `astro build` gives. It reads no content: the command's child process
 *    checked it once, and hands it on in a file (src/node/handed-content.ts).
 *
 * `npm run build -- --part <year>` builds only that year's part into the
 * cache (one job of several on separate machines; a last job with every
 * part in its cache assembles), and `--years` prints the content's years as
 * JSON. Other arguments go to the assembly's `astro build`; with any, it
 * always builds. Two builds of the project take turns (withBuildLock): the
 * second waits for the first, saying so.
 */
import { spawn } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  buildCache,
  inputDigests,
  recordBuild,
  whyBuild,
  type InputDigests,
} from "../src/node/build-inputs.ts";
import {
  articlesOf,
  buildParts,
  changedSincePlanned,
  goneYears,
  groupParts,
  keepParts,
  partArticles,
  planParts,
  partsCache,
  PARTS_ENV,
  pruneParts,
  removeLeftovers,
  whyBuildPart,
  writePartsFile,
} from "../src/node/build-parts.ts";
import { withBuildLock } from "../src/node/content-lock.ts";
import { writePartContent } from "../src/node/content-parts.ts";
import { CAPTURES } from "../src/node/content-paths.ts";
import { type ContentYears, readContentYears } from "../src/node/content-years.ts";
import { PROJECT_ROOT } from "../src/node/files.ts";
import { CHECKED_ENV } from "../src/node/handed-content.ts";

/** Runs `astro build` with `args` and more environment; resolves to its exit code. */
function astroBuild(args: readonly string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise<number>((done) => {
    const child = spawn(join(PROJECT_ROOT, "node_modules", ".bin", "astro"), ["build", ...args], {
      cwd: PROJECT_ROOT,
      stdio: "inherit",
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", ...env },
    });
    child.on("close", (exit) => done(exit ?? 1));
  });
}

/** "1 article file", "3 article files". */
const fileCount = (n: number): string => (n === 1 ? "1 article file" : `${n} article files`);

/**
 * The share of the content's articles to build past which the site is built
 * whole, when one build can hold it (PART_ARTICLES): parts and an assembly
 * run Astro twice, the second time over the whole content, so they pay only
 * for a small share.
 */
const WHOLE_OVER = 0.4;

/**
 * The share of the articles one build holds (PART_ARTICLES) that the
 * assembly builds itself, the years' pages beside the shared pages, rather
 * than run Astro once more for them: its memory holds every article's
 * listing facts already.
 */
const ASSEMBLY_SHARE = 0.5;

/** Where `astro build` writes, from its arguments (`--outDir x` or `--outDir=x`), else dist/. */
function outDirOf(args: readonly string[]): string {
  const at = args.findIndex((arg) => arg === "--outDir" || arg.startsWith("--outDir="));
  const given = at < 0 ? undefined : (args[at]?.split("=")[1] ?? args[at + 1]);
  return given ? resolve(PROJECT_ROOT, given) : join(PROJECT_ROOT, "dist");
}

/** Each capture's SHA-256, by its name in the captures folder, from the inputs' digests. */
function captureDigests(digests: InputDigests): Map<string, string> {
  const prefix = `${CAPTURES}/`;
  return new Map(
    [...digests.content].flatMap(([path, sum]) =>
      path.startsWith(prefix) ? [[path.slice(prefix.length), sum] as const] : [],
    ),
  );
}

/** The site `npm run build` without arguments builds, and keeps when nothing changed. */
const DIST = join(PROJECT_ROOT, "dist");

const args = process.argv.slice(2);
const cacheDir = buildCache(PROJECT_ROOT, process.env);
if (args[0] === "--years") {
  // The content's years of publication, as JSON: one job each, on several machines.
  const read = await readContentYears(PROJECT_ROOT).catch((error: unknown) => {
    console.error(`The content could not be read: ${(error as Error).message}`);
    process.exit(1);
  });
  if (!read) {
    console.error("The content has problems: `npm run build` says what they are.");
    process.exit(1);
  }
  console.log(JSON.stringify([...read.years.keys()]));
  process.exit(0);
}
process.exit(await withBuildLock(PROJECT_ROOT, build));

/** Builds the site (or one year's part): the command's exit code. */
async function build(): Promise<number> {
  const partAt = args.indexOf("--part");
  const onlyYear = partAt >= 0 ? args[partAt + 1] : undefined;
  if (partAt >= 0) {
    if (!onlyYear || args.length !== 2) {
      console.error(
        "Usage: npm run build -- --part <year> (a year of publication the content has)",
      );
      return 2;
    }
  }
  let most: number;
  try {
    most = partArticles(process.env);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const digests = await inputDigests(PROJECT_ROOT, process.env);
  if (onlyYear === undefined) {
    const why =
      args.length > 0
        ? "astro build was given arguments"
        : await whyBuild(PROJECT_ROOT, DIST, digests.inputs, cacheDir);
    if (why === undefined) {
      console.log(
        `Nothing changed since the last build (inputs ${digests.inputs.slice(0, 12)}): dist/ is the site it wrote, kept as it is.`,
      );
      return 0;
    }
    console.log(`Building: ${why}.`);
  }

  const cache = partsCache(PROJECT_ROOT, process.env);
  await removeLeftovers(cache);
  // The content as checked here, for the assembly: a scratch file of the parts cache.
  const checkedFile = onlyYear === undefined ? join(cache, `.checked-${process.pid}`) : undefined;
  if (checkedFile) await mkdir(cache, { recursive: true });
  try {
    return await buildChecked(onlyYear, most, digests, cache, checkedFile);
  } finally {
    if (checkedFile) await rm(checkedFile, { force: true });
  }
}

/** Builds the content checked once, here, and handed to the assembly in `checkedFile`. */
async function buildChecked(
  onlyYear: string | undefined,
  most: number,
  digests: InputDigests,
  cache: string,
  checkedFile: string | undefined,
): Promise<number> {
  let read: ContentYears | undefined;
  try {
    read = await readContentYears(PROJECT_ROOT, checkedFile, {
      cache: cacheDir,
      code: digests.code,
      captures: captureDigests(digests),
    });
  } catch (error) {
    console.error(`The content could not be read: ${(error as Error).message}`);
    return 1;
  }
  if (!read) {
    // Astro's build reads the content the same way, and says what is wrong with it.
    return await astroBuild(onlyYear === undefined ? args : []);
  }
  const { years, packages } = read;
  if (read.reused > 0) {
    console.log(
      `Content: ${fileCount(read.checked)} checked; ${fileCount(read.reused)} as checked before, unchanged.`,
    );
  }
  const plans = planParts(digests, years, cache);
  const wanted = onlyYear === undefined ? plans : plans.filter((p) => p.year === onlyYear);
  if (onlyYear !== undefined && wanted.length === 0) {
    console.error(
      `The content has no article of ${onlyYear ?? ""}; its years: ${[...years.keys()].join(", ") || "none"}.`,
    );
    return 2;
  }
  const toBuild: typeof wanted = [];
  /** The years to build, by why. */
  const reasons = new Map<string, string[]>();
  for (const part of wanted) {
    const why = await whyBuildPart(part);
    if (why === undefined) continue;
    toBuild.push(part);
    reasons.set(why, [...(reasons.get(why) ?? []), part.year]);
  }
  const yearList = (list: readonly string[]): string =>
    list.length > 4 ? `${list.length} years (${list[0]}–${list.at(-1)})` : list.join(", ");
  const gone = onlyYear === undefined ? await goneYears(cache, plans) : [];
  console.log(
    [
      ...[...reasons].map(([why, list]) => `${yearList(list)}: ${why}`),
      ...(gone.length > 0 ? [`${yearList(gone)}: no longer in the content`] : []),
      toBuild.length === 0
        ? `all ${wanted.length} parts kept from the parts cache`
        : `rebuilding ${yearList(toBuild.map((p) => p.year))}; ${wanted.length - toBuild.length} kept`,
    ]
      .map((line) => `Parts: ${line}.`)
      .join("\n"),
  );
  if (
    onlyYear === undefined &&
    articlesOf(wanted) <= most &&
    articlesOf(toBuild) > articlesOf(wanted) * WHOLE_OVER
  ) {
    // Most of a site one build can hold: one whole build costs less than parts
    // and an assembly, and gives the same bytes; its parts are kept for the next.
    console.log("Parts: most of the content is to be built, so the site is built whole.");
    const code = await astroBuild(args, { [PARTS_ENV]: "" });
    if (code === 0) {
      await keepParts(outDirOf(args), plans, packages);
      if (args.length === 0) await recordBuild(PROJECT_ROOT, DIST, digests.inputs, cacheDir);
      await pruneParts(cache, plans);
    }
    return code;
  }
  const groups = groupParts(toBuild, most);
  if (groups.length > 1) {
    console.log(
      `Parts: ${fileCount(articlesOf(toBuild))} to build, at most ${most} a build: ${groups.length} builds, one after another.`,
    );
  }
  // A last group small enough is built by the assembly's own Astro run, which then runs alone.
  const last = groups.at(-1) ?? [];
  const withAssembly =
    onlyYear === undefined && articlesOf(last) <= most * ASSEMBLY_SHARE ? groups.pop() : undefined;
  for (const group of groups) {
    const started = performance.now();
    const named = yearList(group.map((p) => p.year));
    try {
      await buildParts(PROJECT_ROOT, group, packages, async (content, site) => {
        const code = await astroBuild(["--outDir", site], {
          ARCHIVE_CONTENT: content,
          [PARTS_ENV]: "",
        });
        if (code !== 0) throw new Error(`The part build of ${named} failed (above).`);
      });
    } catch (error) {
      console.error((error as Error).message);
      const changed = await changedSincePlanned(PROJECT_ROOT, group);
      if (changed.length > 0) {
        console.error(
          `The content changed while this build ran (an import?): ${changed.join(", ")}. Nothing was published; run npm run build again.`,
        );
      }
      return 1;
    }
    console.log(
      `Parts: built ${named} (${fileCount(articlesOf(group))}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
  if (onlyYear !== undefined) {
    await pruneParts(cache, wanted, new Set([onlyYear]));
    console.log(`The part of ${onlyYear} is in ${wanted[0]?.folder ?? ""}.`);
    return 0;
  }

  const partsFile = join(cache, `.assemble-${process.pid}.json`);
  const ownContent = join(cache, `.assembly-content-${process.pid}`);
  const own = new Set(withAssembly ?? []);
  if (withAssembly) {
    console.log(
      `Parts: ${yearList(withAssembly.map((p) => p.year))} (${fileCount(articlesOf(withAssembly))}) built with the shared pages, in one build.`,
    );
    for (const part of withAssembly) await writePartContent(PROJECT_ROOT, part.content, ownContent);
  }
  await writePartsFile(
    partsFile,
    plans.filter((part) => !own.has(part)),
    withAssembly ? { years: withAssembly.map((p) => p.year), content: ownContent } : undefined,
  );
  const code = await astroBuild(args, {
    [PARTS_ENV]: partsFile,
    ...(checkedFile ? { [CHECKED_ENV]: checkedFile } : {}),
  });
  await rm(partsFile, { force: true });
  await rm(ownContent, { recursive: true, force: true });
  if (code === 0) {
    if (withAssembly) await keepParts(outDirOf(args), withAssembly, packages);
    if (args.length === 0) await recordBuild(PROJECT_ROOT, DIST, digests.inputs, cacheDir);
    await pruneParts(cache, plans);
  } else if (withAssembly) {
    const changed = await changedSincePlanned(PROJECT_ROOT, withAssembly);
    if (changed.length > 0) {
      console.error(
        `The content changed while this build ran (an import?): ${changed.join(", ")}. Nothing was published; run npm run build again.`,
      );
    }
  }
  return code;
}
