/**
 * A build in parts (src/archive/publish/build-parts.ts): each year of
 * publication is built apart into the parts cache, in a folder named by a
 * hash of everything that determines it (the project's code, configuration,
 * lock file and settings; the year; its articles' and captures' bytes), and
 * an assembly builds the pages that span years, puts each year's files in
 * beside them, and publishes the whole (src/integration/index.ts). A year's
 * files are the same bytes whether it is built alone or with the others
 * (tests/e2e/parts.test.ts), so the assembly gives the site a single build
 * gives (the same test).
 *
 * A part's folder holds `site/` (the year's files: its pages, captures,
 * search parts and package), `search/` (the search index's WebAssembly for
 * its languages, and each search part's words, which the assembly's search
 * directory lists without reading the part) and `part.json` (each file's size, SHA-256 and, for a page,
 * its policy, as the build that made it published them): a part is reused
 * when every file it lists is there at its size, and is otherwise built
 * again. Parts are written under a temporary name and renamed into place, so
 * a part is there whole or not at all.
 */
import { createHash } from "node:crypto";
import {
  lstat,
  mkdir,
  open,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { buildPartOf, type ContentPart } from "../archive/publish/build-parts.ts";
import { FIXITY_MANIFEST, parseFixityManifest } from "../archive/publish/fixity.ts";
import { POLICY_META } from "../archive/publish/csp.ts";
import { metaCsp } from "../archive/publish/headers.ts";
import type { PackagePlan } from "../archive/publish/packages.ts";
import { PARTS_DIR } from "../archive/search/search-parts.ts";
import { SEARCH_DIR } from "../archive/site.ts";
import { buildCache, type InputDigests } from "./build-inputs.ts";
import { writePartContent } from "./content-parts.ts";
import { contentDir } from "./content-paths.ts";
import { inBatches, linkOrCopy, listFiles, removeLater, sha256OfFile } from "./files.ts";
import type { Prebuilt, PrebuiltFile } from "./publish.ts";
import { KEPT_WORDS, keptWordsFile, partWordsOf } from "./search-merge.ts";

/** The setting that tells a build to assemble: the file naming each year's part. */
export const PARTS_ENV = "ARCHIVE_PARTS";

/** A part's record, in its folder. */
const PART_RECORD = "part.json";

/** A part's files, in its folder. */
const PART_SITE = "site";

/** The search index's own files its languages need (the WebAssembly), in a part's folder. */
const PART_SEARCH = "search";

/** One year's part as this build needs it. */
export interface PartPlan {
  year: string;
  /** The hash of everything that determines the part. */
  key: string;
  /** Its folder in the parts cache. */
  folder: string;
  /** Its content files. */
  content: ContentPart;
  /** Each of its content files' SHA-256, by its path in the content folder. */
  digests: Record<string, string>;
}

/** What a part's folder records of it. */
interface PartRecord {
  year: string;
  key: string;
  /** Each file of `site/`: its size in bytes, its SHA-256 and a page's policy (its place in `policies`). */
  files: Record<string, { size: number; sha256: string; policy?: number }>;
  /** The pages' policies. */
  policies: string[];
  /** The content it was built from: each file's SHA-256 (PartPlan's digests). */
  content: Record<string, string>;
}

/** The parts cache of the project at `root`, in the build's cache folder. */
export function partsCache(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return join(buildCache(root, env), "parts");
}

/**
 * The most articles one Astro build of parts holds, unless
 * ARCHIVE_PART_ARTICLES says otherwise: Astro keeps a build's whole content
 * store to its end, so a build's memory grows with its articles (about 1 GB
 * for 2,000 article files of real length, docs/scale.md), and a site with
 * more is built in groups of years, one after another.
 */
export const PART_ARTICLES = 2_000;

/** The most articles one build of parts holds, from `env`'s ARCHIVE_PART_ARTICLES. */
export function partArticles(env: Readonly<Record<string, string | undefined>>): number {
  const given = env.ARCHIVE_PART_ARTICLES;
  if (given === undefined || given === "") return PART_ARTICLES;
  const most = Number(given);
  if (!Number.isInteger(most) || most < 1) {
    throw new Error(
      `ARCHIVE_PART_ARTICLES=${given}: must be a whole number of articles, 1 or more (default ${PART_ARTICLES}).`,
    );
  }
  return most;
}

/** The articles `parts` hold. */
export const articlesOf = (parts: readonly PartPlan[]): number =>
  parts.reduce((sum, part) => sum + part.content.articles.length, 0);

/**
 * `parts` in their order, in groups of at most `most` articles each, one
 * build a group; a year with more than `most` is a group of its own.
 */
export function groupParts(parts: readonly PartPlan[], most: number): PartPlan[][] {
  const groups: PartPlan[][] = [];
  let group: PartPlan[] = [];
  let held = 0;
  for (const part of parts) {
    const articles = part.content.articles.length;
    if (group.length > 0 && held + articles > most) {
      groups.push(group);
      group = [];
      held = 0;
    }
    group.push(part);
    held += articles;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Each year's part, keyed by the code's hash, the year and its files' digests. */
export function planParts(
  digests: InputDigests,
  parts: ReadonlyMap<string, ContentPart>,
  cache: string,
): PartPlan[] {
  return [...parts].map(([year, content]) => {
    const hash = createHash("sha256").update(`code ${digests.code}\nyear ${year}\n`);
    const sums: Record<string, string> = {};
    for (const [folder, files] of [
      ["articles", content.articles],
      ["captures", content.captures],
    ] as const) {
      for (const file of files) {
        const path = `${folder}/${file}`;
        sums[path] = digests.content.get(path) ?? "missing";
        hash.update(`${path}\0${sums[path]}\n`);
      }
    }
    const key = hash.digest("hex").slice(0, 16);
    return { year, key, folder: join(cache, `${year}-${key}`), content, digests: sums };
  });
}

/**
 * The content files of `parts` that are no longer the bytes this build
 * planned them from (an import wrote them while it ran), as paths from the
 * project's root, sorted: what a part's build that failed on its content
 * check is told to name.
 */
export async function changedSincePlanned(
  root: string,
  parts: readonly PartPlan[],
): Promise<string[]> {
  const dir = contentDir(root);
  const planned = parts.flatMap((part) => Object.entries(part.digests));
  const changed = await inBatches(planned, AT_ONCE, async ([path, digest]) => {
    const now = await sha256OfFile(join(dir, path)).catch(() => "missing");
    return now === digest ? [] : [relative(root, join(dir, path))];
  });
  return changed.flat().sort();
}

/** Why `part` must be built, in a few words; undefined when its folder holds it whole. */
export async function whyBuildPart(part: PartPlan): Promise<string | undefined> {
  const record = await readFile(join(part.folder, PART_RECORD), "utf8")
    .then((text) => JSON.parse(text) as PartRecord)
    .catch(() => undefined);
  if (!record) {
    const others = await readdir(dirname(part.folder)).catch(() => [] as string[]);
    const earlier = others.find((name) => name.startsWith(`${part.year}-`));
    if (earlier === undefined) return "not built before";
    const before = await readFile(join(dirname(part.folder), earlier, PART_RECORD), "utf8")
      .then((text) => (JSON.parse(text) as PartRecord).content)
      .catch(() => undefined);
    return before ? contentChanges(before, part.digests) : "its content or the code changed";
  }
  if (!Array.isArray(record.policies)) return "its record is of an older build";
  const problems = await inBatches(Object.entries(record.files), AT_ONCE, async ([path, file]) => {
    const found = await stat(join(part.folder, PART_SITE, path)).catch(() => undefined);
    if (!found) return `${path} is missing from its folder`;
    if (found.size !== file.size) return `${path} in its folder is not the file it built`;
    return undefined;
  });
  return problems.find((problem) => problem !== undefined);
}

/**
 * What changed between two contents of a part, in a few words ("1 capture
 * added, 2 changed"); the code or settings, when the content is the same.
 */
function contentChanges(before: Record<string, string>, now: Record<string, string>): string {
  const said: string[] = [];
  for (const [folder, one, many] of [
    ["captures/", "capture", "captures"],
    ["articles/", "article file", "article files"],
  ] as const) {
    const paths = new Set([...Object.keys(before), ...Object.keys(now)]);
    let added = 0;
    let removed = 0;
    let changed = 0;
    for (const path of paths) {
      if (!path.startsWith(folder)) continue;
      if (before[path] === undefined) added++;
      else if (now[path] === undefined) removed++;
      else if (before[path] !== now[path]) changed++;
    }
    const counts = [
      [added, "added"],
      [removed, "removed"],
      [changed, "changed"],
    ].filter(([n]) => n !== 0);
    if (counts.length === 0) continue;
    const [[first = 0]] = counts as [[number, string]];
    said.push(
      `${first} ${first === 1 ? one : many} ${counts.map(([n, what], i) => (i === 0 ? what : `${n} ${what}`)).join(", ")}`,
    );
  }
  return said.length > 0 ? said.join("; ") : "the code or settings changed";
}

/**
 * Runs `work` in a fresh scratch folder `.<name>-<pid>` of the parts cache
 * that holds `parts`, removed after; nothing when there are no parts.
 */
async function inScratch(
  parts: readonly PartPlan[],
  name: string,
  work: (scratch: string) => Promise<void>,
): Promise<void> {
  const [first] = parts;
  if (!first) return;
  const scratch = join(dirname(first.folder), `.${name}-${process.pid}`);
  await rm(scratch, { recursive: true, force: true });
  try {
    await work(scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The bytes of a page's start its policy's <meta> is looked for in first. */
const PAGE_HEAD_BYTES = 16 * 1024;

/**
 * A built page's policy, from its <meta>, which the publish step puts first
 * in <head> (src/archive/publish/csp.ts): read from the page's start, and
 * from the whole page only when it is not there. Reading every page whole as
 * a string, the command's heap grew by 0.5 GB filing three years of 10,000.
 */
async function pagePolicy(file: string): Promise<string | null> {
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(
      Buffer.allocUnsafe(PAGE_HEAD_BYTES),
      0,
      PAGE_HEAD_BYTES,
      0,
    );
    const head = buffer.subarray(0, bytesRead);
    const at = head.indexOf(POLICY_META);
    // The policy's value is escaped (no '"' in it): its first '">' ends the <meta>.
    const end = at < 0 ? -1 : head.indexOf('">', at);
    if (end >= 0) return metaCsp(head.toString("utf8", at, end + 2));
  } finally {
    await handle.close();
  }
  return metaCsp(await readFile(file, "utf8"));
}

/**
 * Files each of `parts`' files of the built site at `site` into its folder in
 * the cache, moved (a scratch build's) or linked (a site's, left whole),
 * with the hash its fixity manifest gives and a page's policy; `plan` tells
 * each file's year.
 */
async function fileParts(
  site: string,
  parts: readonly PartPlan[],
  plan: PackagePlan,
  how: "move" | "link",
): Promise<void> {
  await inScratch(parts, "filing", async (scratch) => {
    const hashes = parseFixityManifest(await readFile(join(site, FIXITY_MANIFEST), "utf8"));
    const records = new Map<string, PartRecord>(
      parts.map((part) => [
        part.year,
        { year: part.year, key: part.key, files: {}, policies: [], content: part.digests },
      ]),
    );
    const filed = (await listFiles(site)).flatMap((path) => {
      const record = records.get(buildPartOf(path, plan));
      if (!record) return [];
      const sha256 = hashes.get(path);
      if (sha256 === undefined) {
        throw new Error(`${site}: ${FIXITY_MANIFEST} does not list ${path}`);
      }
      return [{ path, record, sha256, size: 0, policy: undefined as string | undefined }];
    });
    const folders = folderMaker();
    await inBatches(filed, AT_ONCE, async (file) => {
      const to = join(scratch, file.record.year, PART_SITE, file.path);
      await folders.make(dirname(to));
      if (how === "move") await rename(join(site, file.path), to);
      else await linkOrCopy(join(site, file.path), to);
      file.size = (await stat(to)).size;
      if (file.path.endsWith(".html")) {
        const policy = await pagePolicy(to);
        if (policy === null) throw new Error(`${site}: ${file.path} carries no policy`);
        file.policy = policy;
      }
    });
    // In path order, so a part's record is the same however the files were filed.
    /** Each year's policies' places in its record. */
    const placed = new Map<string, Map<string, number>>();
    for (const { path, record, sha256, size, policy } of filed) {
      const entry: PartRecord["files"][string] = { size, sha256 };
      if (policy !== undefined) {
        const places = placed.get(record.year) ?? new Map<string, number>();
        placed.set(record.year, places);
        let n = places.get(policy);
        if (n === undefined) {
          n = record.policies.push(policy) - 1;
          places.set(policy, n);
        }
        entry.policy = n;
      }
      record.files[path] = entry;
    }
    const wasm = (await readdir(join(site, SEARCH_DIR)).catch(() => [] as string[])).filter(
      (name) => name.endsWith(".pagefind"),
    );
    // Each search part's words, as the site's directory lists them, kept beside the part.
    const words = [...(await partWordsOf(join(site, SEARCH_DIR)))].map(([searchPart, list]) => ({
      searchPart,
      list,
      year: buildPartOf(`${SEARCH_DIR}/${PARTS_DIR}/${searchPart}/pagefind-entry.json`, plan),
    }));
    for (const part of parts) {
      const folder = join(scratch, part.year);
      await mkdir(join(folder, PART_SEARCH, KEPT_WORDS), { recursive: true });
      for (const name of wasm) {
        await linkOrCopy(join(site, SEARCH_DIR, name), join(folder, PART_SEARCH, name));
      }
      for (const { searchPart, list } of words.filter((w) => w.year === part.year)) {
        await writeFile(keptWordsFile(join(folder, PART_SEARCH), searchPart), JSON.stringify(list));
      }
      await writeFile(join(folder, PART_RECORD), JSON.stringify(records.get(part.year)));
      await rm(part.folder, { recursive: true, force: true });
      await rename(folder, part.folder);
    }
  });
}

/** Files linked or moved at once: the file system works on several while each waits. */
const AT_ONCE = 32;

/** Makes folders (and their parents), each once however many files go in it. */
function folderMaker(): { make(folder: string): Promise<void> } {
  const made = new Map<string, Promise<unknown>>();
  return {
    async make(folder) {
      let making = made.get(folder);
      if (!making) made.set(folder, (making = mkdir(folder, { recursive: true })));
      await making;
    },
  };
}

/**
 * Builds `parts` apart, in one build over their content alone (`build`
 * builds a content folder into a site folder), and files each year's files
 * into its folder in the cache. `plan` tells each built file's year.
 */
export async function buildParts(
  root: string,
  parts: readonly PartPlan[],
  plan: PackagePlan,
  build: (content: string, site: string) => Promise<void>,
): Promise<void> {
  await inScratch(parts, "building", async (scratch) => {
    const content = join(scratch, "content");
    await mkdir(content, { recursive: true });
    for (const part of parts) await writePartContent(root, part.content, content);
    const site = join(scratch, "site");
    await build(content, site);
    await fileParts(site, parts, plan, "move");
  });
}

/**
 * Keeps the parts of a whole site just built at `site` in the cache, linked
 * to its files (which no later build rewrites: each writes a new folder).
 */
export async function keepParts(
  site: string,
  parts: readonly PartPlan[],
  plan: PackagePlan,
): Promise<void> {
  await fileParts(site, parts, plan, "link");
}

/** The years the cache holds a part of that are not among `parts` (gone from the content). */
export async function goneYears(cache: string, parts: readonly PartPlan[]): Promise<string[]> {
  const years = new Set(parts.map((part) => part.year));
  const held = (await readdir(cache).catch(() => [] as string[]))
    .filter((name) => !name.startsWith("."))
    .map((name) => name.slice(0, name.lastIndexOf("-")));
  return [...new Set(held)].filter((year) => !years.has(year)).sort();
}

/**
 * Removes the cache's parts not in `keep`: older keys of their years, and
 * (unless `only` names the years to look at) years gone from the content.
 * A whole build sets them aside under a scratch name (the next build removes
 * what is left of it) and does not wait for their removal: a change to the
 * code drops every part, 85,000 files at 10,000. A build of some years
 * (`only`: one job of several, whose cache is saved as soon as it ends)
 * removes them before it ends.
 */
export async function pruneParts(
  cache: string,
  keep: readonly PartPlan[],
  only?: ReadonlySet<string>,
): Promise<void> {
  const kept = new Set(keep.map((part) => part.folder));
  for (const name of await readdir(cache).catch(() => [] as string[])) {
    const folder = join(cache, name);
    if (kept.has(folder) || name.startsWith(".")) continue;
    if (only && !only.has(name.slice(0, name.lastIndexOf("-")))) continue;
    if (only) {
      await rm(folder, { recursive: true, force: true });
      continue;
    }
    const aside = join(cache, `.removing-${process.pid}-${name}`);
    await rename(folder, aside);
    await removeLater(aside);
  }
}

/**
 * Removes what builds stopped midway (Ctrl+C, a crash) left in the parts
 * cache: their scratch folders and assembly files, all named with a leading
 * "." and their process id. Builds of a project take turns, so when one
 * starts no other is using them.
 */
export async function removeLeftovers(cache: string): Promise<void> {
  for (const name of await readdir(cache).catch(() => [] as string[])) {
    if (name.startsWith(".")) await rm(join(cache, name), { recursive: true, force: true });
  }
}

/**
 * What an assembly is given (PARTS_ENV's file): each kept year's part
 * folder, and the years it builds itself, from the content folder `content`
 * holding their files alone (writePartContent).
 */
export interface AssemblyParts {
  years: Map<string, string>;
  build?: { years: string[]; content: string };
}

/** Writes the file an assembly reads (PARTS_ENV): `kept`'s part folders, and what it builds. */
export async function writePartsFile(
  file: string,
  kept: readonly PartPlan[],
  build?: { years: string[]; content: string },
): Promise<void> {
  const years = Object.fromEntries(kept.map((part) => [part.year, part.folder]));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ years, ...(build ? { build } : {}) }));
}

/** What an assembly is given, from its file; a clear error when it cannot be read. */
export async function readPartsFile(file: string): Promise<AssemblyParts> {
  let read: unknown;
  try {
    read = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new Error(`${PARTS_ENV}=${file}: ${(error as Error).message}`, { cause: error });
  }
  const { years, build } = (read ?? {}) as { years?: unknown; build?: unknown };
  if (typeof years !== "object" || years === null) {
    throw new Error(`${PARTS_ENV}=${file}: has no "years" naming each year's folder`);
  }
  const parts = new Map<string, string>();
  for (const [year, folder] of Object.entries(years)) {
    if (typeof folder !== "string")
      throw new Error(`${PARTS_ENV}=${file}: ${year} names no folder`);
    parts.set(year, folder);
  }
  if (build === undefined) return { years: parts };
  const { years: built, content } = build as { years?: unknown; content?: unknown };
  if (
    !Array.isArray(built) ||
    !built.every((year): year is string => typeof year === "string") ||
    typeof content !== "string"
  ) {
    throw new Error(`${PARTS_ENV}=${file}: its "build" names no years and content folder to build`);
  }
  return { years: parts, build: { years: built, content } };
}

/**
 * Moves what an assembly's Astro built (the folder `built`) into the site at
 * `site`, where the years' files are linked (linkParts): folders both hold
 * are merged, and a file both hold stops it, naming the file (a part's file
 * is never replaced).
 */
export async function moveBuilt(built: string, site: string, under = ""): Promise<void> {
  for (const entry of await readdir(built, { withFileTypes: true })) {
    const path = `${under}${entry.name}`;
    const to = join(site, entry.name);
    const there = await lstat(to).catch(() => undefined);
    if (!there) await rename(join(built, entry.name), to);
    else if (entry.isDirectory() && there.isDirectory()) {
      await moveBuilt(join(built, entry.name), to, `${path}/`);
    } else throw new Error(`both the assembly and a year's part wrote ${path}`);
  }
}

/**
 * Puts each year's files in the site at `dir`, linked to its part's (copied
 * across file systems), as its record lists them; returns them with their
 * hashes and policies. A file `plan` puts in another year stops it, as does
 * one already there.
 */
export async function linkParts(
  dir: string,
  parts: ReadonlyMap<string, string>,
  plan: PackagePlan,
): Promise<Prebuilt> {
  const files = new Map<string, PrebuiltFile>();
  const searchFiles: string[] = [];
  const folders = folderMaker();
  for (const [year, folder] of parts) {
    const record = await readFile(join(folder, PART_RECORD), "utf8")
      .then((text) => JSON.parse(text) as PartRecord)
      .catch((error: Error) => {
        throw new Error(`the part of ${year} in ${folder} has no record: ${error.message}`, {
          cause: error,
        });
      });
    const paths = Object.keys(record.files);
    for (const path of paths) {
      const own = buildPartOf(path, plan);
      if (own !== year) {
        throw new Error(`the part of ${year} holds ${path}, which belongs to ${own}`);
      }
    }
    await inBatches(paths, AT_ONCE, async (path) => {
      const to = join(dir, path);
      await folders.make(dirname(to));
      await linkOrCopy(join(folder, PART_SITE, path), to).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
        throw new Error(`the part of ${year} and another put in ${path}`, {
          cause: error,
        });
      });
    });
    for (const [path, file] of Object.entries(record.files)) {
      const policy = file.policy === undefined ? undefined : record.policies[file.policy];
      files.set(path, { sha256: file.sha256, ...(policy === undefined ? {} : { policy }) });
    }
    searchFiles.push(join(folder, PART_SEARCH));
  }
  return { files, searchFiles };
}
