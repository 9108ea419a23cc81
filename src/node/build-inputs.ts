/**
 * What a build is made of, hashed, so that `npm run build` can tell that
 * nothing changed since the last build and keep its site as it is: the same
 * bytes a build would write again, in seconds instead of minutes.
 *
 * The inputs: every file of the content folder, `src/` and `public/`; the
 * project's configuration, package and lock files (the lock file pins Astro,
 * Pagefind's binary and every other package); and the settings the build
 * reads from the environment. The record of the last build also holds the
 * digest of the fixity manifest it wrote and every file's size, so a site
 * changed or replaced since (a file deleted or rewritten, another build's
 * output) is never taken for it: the manifest is hashed and every file's size
 * looked up, never the whole site re-hashed.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { FIXITY_MANIFEST, parseFixityManifest } from "../archive/publish/fixity.ts";
import { contentDir } from "./content-paths.ts";
import { inBatches, listFiles, sha256OfFile } from "./files.ts";

/** The settings a build reads from the environment: a change to any is a change to the site. */
export const BUILD_SETTINGS: readonly string[] = [
  "BASE_PATH",
  "SITE_URL",
  "ARCHIVE_CONTENT",
  "ARCHIVE_SEARCH_SHARD_PAGES",
  "ARCHIVE_SEARCH_PART_PAGES",
  "ARCHIVE_SEARCH_PRECACHE_BYTES",
  "TZ",
  "NODE_ENV",
];

/** The project's own files a build reads, besides its folders. */
const PROJECT_FILES = ["astro.config.mjs", "package.json", "package-lock.json", "tsconfig.json"];

/** Files read or looked up at once, while hashing and checking a kept site. */
const READ_AT_ONCE = 64;

/** The folders whose every file a build may read. */
const PROJECT_FOLDERS = ["src", "public"];

/** What a build is made of, hashed. */
export interface InputDigests {
  /** One hash of all of it. */
  inputs: string;
  /**
   * One hash of all but the content: the project's code, configuration,
   * package and lock files, and the settings (but where the content folder is).
   */
  code: string;
  /** Each file of the content folder's SHA-256, by its path in the folder ("captures/x.txt"). */
  content: ReadonlyMap<string, string>;
}

/** Each file of `folder` with its SHA-256, by path, read many at a time; a missing folder has none. */
async function folderDigests(folder: string): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  const files = await listFiles(folder).catch(() => [] as string[]);
  // Read many at a time (most are a few KB), hashed in their order.
  for (let at = 0; at < files.length; at += READ_AT_ONCE) {
    const batch = files.slice(at, at + READ_AT_ONCE);
    const sums = await Promise.all(batch.map((file) => digestOf(join(folder, file))));
    for (const [i, file] of batch.entries()) digests.set(file, sums[i] ?? "");
  }
  return digests;
}

const digestOf = async (path: string): Promise<string> =>
  createHash("sha256")
    .update(await readFile(path))
    .digest("hex");

/** Everything a build of the project at `root` is made of, with `env`'s settings, hashed once. */
export async function inputDigests(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<InputDigests> {
  const code = createHash("sha256");
  for (const folder of PROJECT_FOLDERS) {
    code.update(`folder ${folder}\n`);
    for (const [file, sum] of await folderDigests(join(root, folder))) {
      code.update(`${file}\0${sum}\n`);
    }
  }
  for (const file of PROJECT_FILES) {
    code.update(`${file}\0${await digestOf(join(root, file)).catch(() => "missing")}\n`);
  }
  const settings = BUILD_SETTINGS.map((name) => [name, env[name] ?? null]);
  code.update(JSON.stringify(settings.filter(([name]) => name !== "ARCHIVE_CONTENT")));
  const codeHash = code.digest("hex");
  const folder = contentDir(root, env.ARCHIVE_CONTENT);
  const content = await folderDigests(folder);
  const all = createHash("sha256");
  all.update(`code ${codeHash}\ncontent ${relative(root, folder)}\n`);
  for (const [file, sum] of content) all.update(`${file}\0${sum}\n`);
  return { inputs: all.digest("hex"), code: codeHash, content };
}

/** One hash of everything a build of the project at `root` is made of, with `env`'s settings. */
export async function buildInputs(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  return (await inputDigests(root, env)).inputs;
}

/** What the last build of a site recorded. */
export interface BuildRecord {
  /** The site's folder. */
  outDir: string;
  /** buildInputs of that build. */
  inputs: string;
  /** The SHA-256 of the fixity manifest it wrote. */
  manifest: string;
  /** The size in bytes of each file the manifest lists, by its path in the site. */
  sizes: Record<string, number>;
}

/**
 * The folder `npm run build` keeps what it knows of earlier builds in (the
 * record of the last build, the parts cache), never in the site: the one
 * ARCHIVE_CACHE_DIR names (Astro's cache too), or the project's.
 */
export function buildCache(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return env.ARCHIVE_CACHE_DIR || join(root, "node_modules", ".cache", "news-archive");
}

/** Where the record of the last build is kept. */
const recordPath = (cache: string): string => join(cache, "last-build.json");

/** The SHA-256 of a site's fixity manifest, or undefined when it has none. */
const manifestOf = (outDir: string): Promise<string | undefined> =>
  sha256OfFile(join(outDir, FIXITY_MANIFEST)).catch(() => undefined);

/**
 * Why the site in `outDir` must be built, in one line; undefined when the last
 * build recorded was of these very inputs and its site is still there, whole.
 */
export async function whyBuild(
  root: string,
  outDir: string,
  inputs: string,
  cache = buildCache(root, {}),
): Promise<string | undefined> {
  const record = await readFile(recordPath(cache), "utf8")
    .then((text) => JSON.parse(text) as BuildRecord)
    .catch(() => undefined);
  if (!record || record.outDir !== outDir) return "no earlier build of this site is recorded";
  if (record.inputs !== inputs) return "its content, code or settings changed since the last build";
  const manifest = await manifestOf(outDir);
  if (manifest === undefined)
    return `${relative(root, outDir) || "."}/${FIXITY_MANIFEST} is missing`;
  if (manifest !== record.manifest) {
    return `${relative(root, outDir) || "."}/${FIXITY_MANIFEST} is not the one the last build wrote`;
  }
  if (typeof record.sizes !== "object" || record.sizes === null) {
    return "the last build's record is of an older build";
  }
  const site = relative(root, outDir) || ".";
  const problems = await inBatches(
    Object.entries(record.sizes),
    READ_AT_ONCE,
    async ([path, size]) => {
      const found = await stat(join(outDir, path)).catch(() => undefined);
      if (!found) return `${site}/${path} is missing`;
      if (found.size !== size) return `${site}/${path} is not the file the last build wrote`;
      return undefined;
    },
  );
  return problems.find((problem) => problem !== undefined);
}

/** Records a build of `inputs` that has just written the site in `outDir`. */
export async function recordBuild(
  root: string,
  outDir: string,
  inputs: string,
  cache = buildCache(root, {}),
): Promise<void> {
  const manifest = await manifestOf(outDir);
  if (manifest === undefined) return;
  const listed = parseFixityManifest(await readFile(join(outDir, FIXITY_MANIFEST), "utf8"));
  const paths = [...listed.keys(), FIXITY_MANIFEST];
  // A file the manifest lists but the site lacks is recorded so: the next build is not skipped.
  const found = await inBatches(paths, READ_AT_ONCE, (file) =>
    stat(join(outDir, file)).then(
      (info) => info.size,
      () => -1,
    ),
  );
  const sizes = Object.fromEntries(paths.map((file, i) => [file, found[i] ?? -1]));
  const path = recordPath(cache);
  await mkdir(dirname(path), { recursive: true });
  const record: BuildRecord = { outDir, inputs, manifest, sizes };
  await writeFile(path, JSON.stringify(record));
}
