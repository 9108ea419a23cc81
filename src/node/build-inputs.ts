/**
 * What a build is made of, hashed, so that `npm run build` can tell that
 * nothing changed since the last build and keep its site as it is: the same
 * bytes a build would write again, in seconds instead of minutes.
 *
 * The inputs: every file of the content folder, `src/` and `public/`; the
 * project's configuration, package and lock files (the lock file pins Astro,
 * Pagefind's binary and every other package); and the settings the build
 * reads from the environment. The record of the last build also holds the
 * digest of the fixity manifest it wrote, so a site changed or replaced since
 * (a file deleted, another build's output) is never taken for it: the
 * manifest is checked, never the whole site re-hashed.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { FIXITY_MANIFEST } from "../archive/publish/fixity.ts";
import { contentDir } from "./content-folder.ts";
import { listFiles, sha256OfFile } from "./files.ts";

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

/** Files read at once while hashing. */
const READ_AT_ONCE = 64;

/** The folders whose every file a build may read. */
const PROJECT_FOLDERS = ["src", "public"];

/** One hash of everything a build of the project at `root` is made of, with `env`'s settings. */
export async function buildInputs(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const hash = createHash("sha256");
  const digest = async (path: string): Promise<string> =>
    createHash("sha256")
      .update(await readFile(path))
      .digest("hex");
  for (const folder of [
    contentDir(root, env.ARCHIVE_CONTENT),
    ...PROJECT_FOLDERS.map((f) => join(root, f)),
  ]) {
    hash.update(`folder ${relative(root, folder)}\n`);
    const files = await listFiles(folder).catch(() => [] as string[]);
    // Read many at a time (most are a few KB), hashed in their order.
    for (let at = 0; at < files.length; at += READ_AT_ONCE) {
      const batch = files.slice(at, at + READ_AT_ONCE);
      const digests = await Promise.all(batch.map((file) => digest(join(folder, file))));
      for (const [i, file] of batch.entries()) hash.update(`${file}\0${digests[i] ?? ""}\n`);
    }
  }
  for (const file of PROJECT_FILES) {
    hash.update(`${file}\0${await digest(join(root, file)).catch(() => "missing")}\n`);
  }
  hash.update(JSON.stringify(BUILD_SETTINGS.map((name) => [name, env[name] ?? null])));
  return hash.digest("hex");
}

/** What the last build of a site recorded. */
export interface BuildRecord {
  /** The site's folder. */
  outDir: string;
  /** buildInputs of that build. */
  inputs: string;
  /** The SHA-256 of the fixity manifest it wrote. */
  manifest: string;
}

/** Where the record of the last build is kept (beside the project's other caches, never in the site). */
export const recordPath = (root: string): string =>
  join(root, "node_modules", ".cache", "news-archive", "last-build.json");

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
): Promise<string | undefined> {
  const record = await readFile(recordPath(root), "utf8")
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
  return undefined;
}

/** Records a build of `inputs` that has just written the site in `outDir`. */
export async function recordBuild(root: string, outDir: string, inputs: string): Promise<void> {
  const manifest = await manifestOf(outDir);
  if (manifest === undefined) return;
  const path = recordPath(root);
  await mkdir(dirname(path), { recursive: true });
  const record: BuildRecord = { outDir, inputs, manifest };
  await writeFile(path, JSON.stringify(record));
}
