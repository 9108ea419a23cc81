/**
 * The importer: raw captures in, byte-for-byte copies and article files out.
 * Each capture is read once (bytes → text → blocks → layout reading), then
 * compared with the articles the archive holds (src/archive/versions/match.ts)
 * and either imported whole as a new article or a new version of one (capture
 * and Markdown written), recorded as captured again with an unchanged text,
 * found already imported, or refused with one line that says why, writing
 * nothing for it. An import holds the content folder's lock throughout.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { parseFrontmatter } from "@astrojs/markdown-remark";
import { slug } from "github-slugger";
import { isBlank, splitCapture } from "../archive/capture/capture-text.ts";
import { datePart } from "../archive/capture/dateline.ts";
import { decodeCapture, MAX_CAPTURE_BYTES, undecodable } from "../archive/capture/decode.ts";
import { sha256 } from "../archive/hash.ts";
import {
  CURRENT_LAYOUT,
  readCapture,
  ruleSays,
  type BlockReading,
  type CaptureReading,
  type LayoutVersion,
} from "../archive/capture/layout.ts";
import { pageOfFile, versionsFolder } from "../archive/content/content-check.ts";
import { articleSchema, canonicalLanguage, dayBefore } from "../archive/content/schema.ts";
import { changesBetween, summarise } from "../archive/versions/changes.ts";
import { byCapture, previousOf } from "../archive/versions/history.ts";
import type { VersionText } from "../archive/versions/changes.ts";
import {
  bodyWordIds,
  describeMatch,
  matchVersion,
  sameText,
  versionText,
  type Match,
  type StoredVersion,
} from "../archive/versions/match.ts";
import { withContentLock, type StillHeld } from "./content-lock.ts";
import { articleFile } from "../archive/content/markdown.ts";
import { publicationFor } from "../archive/capture/outlets.ts";
import type { ArticleData } from "../archive/content/schema.ts";
import { scriptMismatch } from "../archive/capture/script.ts";
import { articlesDir, capturesDir, contentDir, markdownFiles } from "./content-paths.ts";

/** How captures are imported. */
export interface ImportOptions {
  /** The project root (the content folder is $ARCHIVE_CONTENT or content/ in it). */
  root: string;
  /** The archive day, "YYYY-MM-DD". */
  archived: string;
  /**
   * BCP 47 language tag of the articles: new articles default to "en", a
   * version to its article's language.
   */
  language?: string | undefined;
  /** Publication name for citations; default from the outlet table, else the publisher line. */
  publication?: string | undefined;
  /** The captures' encoding when not UTF-8. */
  encoding?: string | undefined;
  /** The captures are versions of this article (its id), whatever the matching rule says. */
  versionOf?: string | undefined;
  /** The captures are new articles, whatever the matching rule says. */
  newArticle?: boolean | undefined;
  /** Write nothing. */
  dryRun: boolean;
}

/**
 * What became of one capture: a new article; a new version of one; "captured
 * again" (its article text equals a stored version's: kept and listed with
 * it); "unchanged" (already in the archive, nothing written); or refused.
 */
export type ImportResult =
  | {
      status: "imported" | "version" | "recaptured" | "unchanged";
      source: string;
      /** The Markdown file written or concerned, relative to the content folder. */
      article: string;
      blocks: readonly BlockReading[];
      warnings: string[];
      /** What the importer decided and why, e.g. "version 2 of articles/x/: 1 block changed". */
      decision?: string;
    }
  | { status: "refused"; source: string; reason: string; blocks?: readonly BlockReading[] };

/**
 * How far apart, in days, two datelines may be for the captures to be
 * compared as versions of one article (an update moves a dateline by hours
 * or days); `--version-of` joins captures further apart.
 */
export const MATCH_DAYS = 31;

/** How many Markdown files an import reads at once as it starts. */
const READ_AT_ONCE = 64;

/** A dateline's day, as days since 1970 (UTC), or undefined when it has none. */
function dayOf(published: string | undefined): number | undefined {
  const time = Date.parse((published ?? "").slice(0, 10));
  return Number.isNaN(time) ? undefined : Math.round(time / 86_400_000);
}

/** The key of a publisher line's files of one day. */
const outletDay = (publisher: string, day: number): string => `${day}\u0000${publisher}`;

/** Adds `value` to the set of `key` in `map`. */
function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** The longest slug part of an article id, in UTF-8 bytes (file names are limited to 255 bytes). */
const MAX_SLUG_BYTES = 180;

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/** An HTML tag as a headline's text may hold it ("<i>", "</b>", '<a href="…">'). */
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;

/**
 * The article id: "<published date>-<headline slug>", as the seed's article
 * has. Tags in the headline's text are not words of it: their names stay out.
 * The id is NFC whatever form the headline is captured in, as Astro makes the
 * route parameter it is published under (the headline's text stays as captured).
 */
export function articleIdFor(published: string, headline: string): string {
  let words = slug(headline.replace(TAG, "").normalize("NFC")).normalize("NFC");
  if (utf8Length(words) > MAX_SLUG_BYTES) {
    // Whole characters, then whole words where the slug has any.
    let cut = "";
    for (const char of words) {
      if (utf8Length(cut + char) > MAX_SLUG_BYTES) break;
      cut += char;
    }
    words = cut.includes("-") ? cut.replace(/-[^-]*$/, "") : cut;
  }
  return `${datePart(published)}-${words || "article"}`;
}

/**
 * Why a capture's article cannot be shown, when its headline, publisher line
 * or whole body is blank (white space the block splitter keeps, such as
 * U+00A0, which the content check would refuse); null when none is.
 */
function blankPart(reading: Extract<CaptureReading, { ok: true }>): string | null {
  const parts: [string, BlockReading[]][] = [
    ["headline", reading.blocks.filter((b) => b.role === "headline")],
    ["publisher line", reading.blocks.filter((b) => b.role === "publisher")],
    ["body", [...reading.body]],
  ];
  for (const [name, read] of parts) {
    const text = read.map((b) => b.block.text).join("");
    const [first, last] = [read[0]?.block.firstLine, read.at(-1)?.block.lastLine];
    if (!isBlank(text) || first === undefined) continue;
    const lines = first === last ? `L${first}` : `L${first}-${last}`;
    const points = [...new Set(text)].slice(0, 8);
    const named = points.map(
      (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`,
    );
    return `its ${name} (${lines}) is blank: it holds only white space (${named.join(" ")})`;
  }
  return null;
}

/** The .txt files a list of files and folders names (folders: every .txt inside, sorted). */
export async function captureFiles(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      // Any case, so a capture named ".TXT" is refused by name, not left out without a word.
      const names = (await readdir(input)).filter((n) => n.toLowerCase().endsWith(".txt")).sort();
      files.push(...names.map((n) => join(input, n)));
    } else {
      files.push(input);
    }
  }
  return files;
}

/** A Markdown file of the content folder: an article or a later version of one. */
interface HeldFile {
  /** Its path in the content folder, e.g. "articles/x.md" or "articles/x/versions/2.md". */
  path: string;
  /** The article's id. */
  article: string;
  /** The version's number. */
  version: number;
  /** Its frontmatter, when it passes the schema (a broken file still holds its place). */
  data?: ArticleData;
  /** The capture files it names (its own and its recaptures'). */
  captures: string[];
}

/** Where a Markdown file's path puts it: its article and version number. */
type FilePlace = Exclude<ReturnType<typeof pageOfFile>, string>;

/** A Markdown file of the content folder as an import notes it, from its path, place and text. */
function heldFile(path: string, place: FilePlace, text: string): HeldFile {
  let data: ArticleData | undefined;
  let captures: string[] = [];
  try {
    const frontmatter = parseFrontmatter(text).frontmatter;
    const parsed = articleSchema.safeParse(frontmatter);
    if (parsed.success) data = parsed.data;
    const ref = frontmatter.capture as { file?: unknown } | undefined;
    const more = Array.isArray(frontmatter.recaptures) ? frontmatter.recaptures : [];
    captures = [ref, ...more]
      .map((r) => (r as { file?: unknown } | undefined)?.file)
      .filter((f): f is string => typeof f === "string");
  } catch {
    // A broken file still holds its URL; the build names what is wrong with it.
  }
  return { path, ...place, ...(data ? { data } : {}), captures };
}

/** What is already in the content folder, kept up to date as captures are imported. */
class Holdings {
  /** The capture files stored, by name; each one's SHA-256 is read when first asked for (`hashOf`). */
  private readonly captureNames = new Set<string>();
  private readonly hashes = new Map<string, string>();
  /** Every Markdown file, by its path in the content folder. */
  readonly files = new Map<string, HeldFile>();
  /** Capture file → the Markdown file that names it. */
  readonly usedBy = new Map<string, HeldFile>();
  /**
   * The files by article, and by publisher line and dateline day: an import
   * looks up a capture's candidates, not every file (a folder of 100,000
   * captures would otherwise cost time in the square of its size).
   */
  private readonly byArticle = new Map<string, Set<HeldFile>>();
  private readonly byOutletDay = new Map<string, Set<HeldFile>>();
  /** The order files were first noted in, which candidates keep. */
  private readonly order = new Map<string, number>();
  /**
   * Version texts read so far, by capture file (read when first compared),
   * and those of captures just imported: an import compares each capture
   * with its outlet's month, in any order, so it keeps every one (their
   * words as numbers, a few KB a version).
   */
  private readonly texts = new Map<string, StoredVersion | null>();

  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  static async read(root: string): Promise<Holdings> {
    const held = new Holdings(root);
    const list = async (dir: string): Promise<string[]> =>
      (await readdir(dir).catch(() => [] as string[])).sort();
    for (const name of await list(capturesDir(root))) {
      if (!name.startsWith(".") && !name.endsWith(".importing")) held.captureNames.add(name);
    }
    const files: { name: string; path: string; place: FilePlace }[] = [];
    for (const name of await markdownFiles(articlesDir(root))) {
      const path = `articles/${name}`;
      const place = pageOfFile(path, "articles");
      if (typeof place !== "string") files.push({ name, path, place });
    }
    // A batch read at a time, not one file after another; noted in the folder's order.
    for (let start = 0; start < files.length; start += READ_AT_ONCE) {
      const batch = files.slice(start, start + READ_AT_ONCE);
      const texts = await Promise.all(
        batch.map(({ name }) => readFile(join(articlesDir(root), name), "utf8")),
      );
      batch.forEach(({ path, place }, i) => held.add(heldFile(path, place, texts[i] ?? "")));
    }
    return held;
  }

  /** Notes a file; `text`, for one just imported, spares reading its capture back (a dry run never wrote it). */
  add(file: HeldFile, text?: VersionText): void {
    const before = this.files.get(file.path);
    if (before) this.forget(before);
    this.files.set(file.path, file);
    if (!this.order.has(file.path)) this.order.set(file.path, this.order.size);
    for (const capture of file.captures) this.usedBy.set(capture, file);
    addTo(this.byArticle, file.article, file);
    const day = dayOf(file.data?.published);
    if (file.data && day !== undefined) {
      addTo(this.byOutletDay, outletDay(file.data.publisher, day), file);
    }
    const own = file.data?.capture.file;
    if (text && own) {
      const words = bodyWordIds(text);
      const layout = file.data?.layout ?? 1;
      this.texts.set(own, { article: file.article, number: file.version, layout, text, words });
    }
  }

  /** Takes a file's earlier record out of the indexes, before it is noted again. */
  private forget(file: HeldFile): void {
    this.byArticle.get(file.article)?.delete(file);
    const day = dayOf(file.data?.published);
    if (file.data && day !== undefined) {
      this.byOutletDay.get(outletDay(file.data.publisher, day))?.delete(file);
    }
  }

  /** The SHA-256 of the capture stored as `file`; undefined when none is (or it cannot be read). */
  async hashOf(file: string): Promise<string | undefined> {
    const known = this.hashes.get(file);
    if (known !== undefined || !this.captureNames.has(file)) return known;
    const bytes = await readFile(join(capturesDir(this.root), file)).catch(() => null);
    if (!bytes) return undefined;
    const hash = sha256(bytes);
    this.hashes.set(file, hash);
    return hash;
  }

  /** Notes a capture stored as `file` (or that a dry run would store). */
  storeCapture(file: string, hash: string): void {
    this.captureNames.add(file);
    this.hashes.set(file, hash);
  }

  /** Files in the order they were first noted. */
  private inOrder(files: Iterable<HeldFile>): HeldFile[] {
    const at = (f: HeldFile): number => this.order.get(f.path) ?? 0;
    return [...files].sort((a, b) => at(a) - at(b));
  }

  /** The Markdown files of an article: its versions, by number. */
  versionsOf(article: string): HeldFile[] {
    return [...(this.byArticle.get(article) ?? [])].sort((a, b) => a.version - b.version);
  }

  /** A stored version's text and words, read from its capture once; null when unreadable. */
  async textOf(file: HeldFile): Promise<StoredVersion | null> {
    const ref = file.data?.capture;
    if (!ref || !file.data) return null;
    const known = this.texts.get(ref.file);
    if (known !== undefined) return known;
    const layout = file.data.layout ?? 1;
    const reading = await readingOf(this.root, ref, layout);
    const text = reading && versionText(reading, file.data.language);
    const stored = text && {
      article: file.article,
      number: file.version,
      layout,
      text,
      words: bodyWordIds(text),
    };
    this.texts.set(ref.file, stored);
    return stored;
  }

  /** Every readable version of one article. */
  async versionsOfArticle(article: string): Promise<StoredVersion[]> {
    return this.readable(this.versionsOf(article));
  }

  /**
   * The versions a capture is compared with: those with its publisher line
   * whose dateline's day is within `MATCH_DAYS` of its own (matchVersion's
   * rule does the rest), so an import reads a few captures, not the archive.
   */
  async candidatesFor(publisher: string, published: string): Promise<StoredVersion[]> {
    const day = dayOf(published);
    if (day === undefined) return [];
    const near: HeldFile[] = [];
    for (let d = day - MATCH_DAYS; d <= day + MATCH_DAYS; d++) {
      near.push(...(this.byOutletDay.get(outletDay(publisher, d)) ?? []));
    }
    return this.readable(this.inOrder(near));
  }

  private async readable(files: readonly HeldFile[]): Promise<StoredVersion[]> {
    const texts = await Promise.all(files.map((f) => this.textOf(f)));
    return texts.filter((t): t is StoredVersion => t !== null);
  }
}

/** Imports captures one by one, holding the content folder's lock; one result each, in order. */
export async function importCaptures(
  sources: readonly string[],
  given: ImportOptions,
  waiting?: (line: string) => void,
): Promise<ImportResult[]> {
  // The language tag as the content check wants it: canonical ("EN" is "en").
  const language = given.language && (canonicalLanguage(given.language) ?? given.language);
  const options: ImportOptions = { ...given, ...(language ? { language } : {}) };
  const work = async (stillHeld: StillHeld): Promise<ImportResult[]> => {
    const held = await Holdings.read(options.root);
    const results: ImportResult[] = [];
    for (const source of sources) {
      // A lock lost while stuck: stop before this capture, with the reason.
      stillHeld();
      results.push(
        await importOne(source, options, held).catch(
          (error: NodeJS.ErrnoException): ImportResult => ({
            status: "refused",
            source,
            reason: `could not be written (${error.code ?? error.message}); nothing was kept for it`,
          }),
        ),
      );
    }
    return results;
  };
  return options.dryRun
    ? work(() => undefined)
    : withContentLock(contentDir(options.root), "import", work, waiting);
}

async function importOne(
  source: string,
  options: ImportOptions,
  held: Holdings,
): Promise<ImportResult> {
  const refuse = (reason: string, blocks?: readonly BlockReading[]): ImportResult => ({
    status: "refused",
    source,
    reason,
    ...(blocks ? { blocks } : {}),
  });
  let bytes: Buffer;
  try {
    // Its size first: a file far larger than a capture is refused, not read whole.
    const { size } = await stat(source);
    if (size > MAX_CAPTURE_BYTES) {
      const n = (x: number): string => x.toLocaleString("en");
      return refuse(
        `is ${n(size)} bytes, more than the ${n(MAX_CAPTURE_BYTES)} (${MAX_CAPTURE_BYTES / 1024 / 1024} MB) a capture may be: a news article's capture is tens of KB`,
      );
    }
    bytes = await readFile(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : String(error),
    );
  }
  const unreadable = undecodable(bytes, options.encoding, true);
  if (unreadable) return refuse(unreadable);
  const captureBlocks = splitCapture(decodeCapture(bytes, options.encoding)).blocks;
  const reading = readCapture(captureBlocks);
  if (!reading.ok) return refuse(`cannot read the layout: it ${reading.problem}`);
  const read: Extract<CaptureReading, { ok: true }> = reading;
  const { blocks } = reading;
  const blank = blankPart(read);
  if (blank) return refuse(blank, blocks);
  if (options.archived < dayBefore(read.published)) {
    return refuse(
      `--archived ${options.archived} is before its dateline's day (${read.published.slice(0, 10)}): a copy is made after the article`,
      blocks,
    );
  }

  const file = basename(source);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$/.test(file)) {
    return refuse("the file name must be letters, digits, . _ - and end in .txt", blocks);
  }
  const hash = sha256(bytes);
  const storedHash = await held.hashOf(file);
  if (storedHash !== undefined && storedHash !== hash) {
    return refuse(`a different capture is already stored as captures/${file}`, blocks);
  }
  /** The warnings for the capture's text in `language`. */
  const warningsIn = (language: string): string[] =>
    [scriptMismatch(reading.body.map((b) => b.block.text).join("\n"), language)].filter(
      (w): w is string => w !== null,
    );
  const user = held.usedBy.get(file);
  if (storedHash !== undefined && user) {
    return {
      status: "unchanged",
      source,
      article: user.path,
      blocks,
      warnings: warningsIn(user.data?.language ?? options.language ?? "en"),
    };
  }

  const text = versionText(reading, options.language ?? "en");
  /** The capture's text as a version of the layout rules reads it. */
  const textBy = (layout: LayoutVersion): VersionText => {
    if (layout === CURRENT_LAYOUT) return text;
    const older = readCapture(captureBlocks, layout);
    return older.ok ? versionText(older, options.language ?? "en") : text;
  };
  const encoding =
    options.encoding && !/^utf-?8$/i.test(options.encoding) ? { encoding: options.encoding } : {};
  const capture = { file, sha256: hash, ...encoding };
  const write = (path: string, markdown: string): Promise<void> =>
    options.dryRun
      ? Promise.resolve()
      : writeBoth(options.root, file, bytes, path, markdown, storedHash !== undefined);

  // Another capture of an article the archive holds?
  if (options.versionOf !== undefined && held.versionsOf(options.versionOf).length === 0) {
    return refuse(
      `--version-of ${options.versionOf}: the archive has no article with that id`,
      blocks,
    );
  }
  const match = options.newArticle
    ? undefined
    : matchVersion(
        text,
        options.versionOf === undefined
          ? await held.candidatesFor(text.publisher, read.published)
          : await held.versionsOfArticle(options.versionOf),
        options.versionOf !== undefined,
        textBy,
      );
  if (options.versionOf !== undefined && !match) {
    // The archivist said so: a version of that article, even where the rule finds no match.
    const versions = await held.versionsOfArticle(options.versionOf);
    const newest = versions.at(-1);
    if (!newest)
      return refuse(`--version-of ${options.versionOf}: its versions cannot be read`, blocks);
    return addVersion({ version: newest, reason: { rule: "body", share: 0 } }, true);
  }
  if (match?.reason.rule === "same-text") {
    // The same text as the version in force on the capture's day (whichever version the
    // text was first matched with): captured again. Otherwise a new version: the same text as
    // one a later version changed (the text went back), or captured before any version was.
    const inForce = held
      .versionsOf(match.version.article)
      .filter((f) => (f.data?.archived ?? "") <= options.archived)
      .map((f) => ({ number: f.version, archived: f.data?.archived ?? "" }))
      .sort(byCapture)
      .at(-1);
    const current = inForce
      ? (await held.versionsOfArticle(match.version.article)).find(
          (v) => v.number === inForce.number,
        )
      : undefined;
    if (current && sameText(current.text, textBy(current.layout))) {
      return addRecapture({ version: current, reason: match.reason });
    }
    return addVersion(match, options.versionOf !== undefined);
  }
  if (match) return addVersion(match, options.versionOf !== undefined);

  const id = articleIdFor(reading.published, reading.headline);
  const article = `articles/${id}.md`;
  const owner = held.files.get(article);
  if (owner) {
    return refuse(
      `its article would take the URL articles/${id}/, which ${article} (from ${owner.captures[0] ?? "an unreadable capture field"}) has; if it is another capture of that article, import it with --version-of ${id}`,
      blocks,
    );
  }
  const language = options.language ?? "en";
  const data = articleData(reading, capture, language);
  await write(article, articleFile(data, reading.body));
  held.storeCapture(file, hash);
  held.add({ path: article, article: id, version: 1, data, captures: [file] }, text);
  return { status: "imported", source, article, blocks, warnings: warningsIn(language) };

  function articleData(
    r: Extract<CaptureReading, { ok: true }>,
    ref: ArticleData["capture"],
    lang: string,
    publication = publicationFor(r.publisher),
  ): ArticleData {
    return {
      headline: r.headline,
      publisher: r.publisher,
      publication: options.publication ?? publication,
      dateline: r.dateline,
      published: r.published,
      language: lang,
      archived: options.archived,
      layout: CURRENT_LAYOUT,
      capture: ref,
    };
  }

  /** A new version of the matched article, numbered after its last. */
  async function addVersion(found: Match, told: boolean): Promise<ImportResult> {
    const { article } = found.version;
    const files = held.versionsOf(article);
    const number = (files.at(-1)?.version ?? 1) + 1;
    const path = `articles/${versionsFolder(article)}/${number}.md`;
    // A version is in its article's language unless --language says otherwise.
    const lang = options.language ?? files[0]?.data?.language ?? "en";
    // And names its article's publication (given by --publication when it was imported).
    const data = articleData(read, capture, lang, files[0]?.data?.publication);
    const own = { ...text, language: lang };
    // What changed, from the version captured just before it.
    const all = await held.versionsOfArticle(article);
    const days = new Map(files.map((f) => [f.version, f.data?.archived ?? ""]));
    const before = previousOf(
      [
        ...all.map((v) => ({ ...v, archived: days.get(v.number) ?? "" })),
        { ...found.version, number, archived: options.archived },
      ],
      number,
    );
    const changed = before ? summarise(changesBetween(before.text, own)) : "";
    await write(path, articleFile(data, read.body));
    held.storeCapture(file, hash);
    held.add({ path, article, version: number, data, captures: [file] }, own);
    const why = told
      ? "--version-of"
      : found.reason.rule === "same-text"
        ? `the same text as version ${found.version.number}, ${
            (days.get(found.version.number) ?? "") > options.archived
              ? "captured later"
              : "which a later version changed"
          }`
        : describeMatch(found.reason);
    return {
      status: "version",
      source,
      article: path,
      blocks,
      warnings: warningsIn(lang),
      decision: `version ${number} of articles/${article}/${before ? `: ${changed} since version ${before.number}` : ""} (${why})`,
    };
  }

  /** Captured again, unchanged: the capture is kept and listed with the version it reads as. */
  async function addRecapture(found: Match): Promise<ImportResult> {
    const { article, number } = found.version;
    const target = held.versionsOf(article).find((f) => f.version === number);
    const data = target?.data;
    if (!target || !data) return refuse(`its version articles/${article}/ cannot be read`, blocks);
    const recaptures = [...(data.recaptures ?? []), { ...capture, archived: options.archived }];
    const updated: ArticleData = { ...data, recaptures };
    if (!options.dryRun) {
      // The version's file is written again with its recaptures: only if it is as the importer
      // wrote it, so nothing edited by hand is lost.
      const current = await readFile(join(contentDir(options.root), target.path), "utf8");
      const versionReading = await readingOf(options.root, data.capture, data.layout ?? 1);
      if (!versionReading || articleFile(data, versionReading.body) !== current) {
        return refuse(
          `its text is the same as ${target.path}, but that file is not as the importer writes it (edited by hand?); add the capture to its recaptures by hand`,
          blocks,
        );
      }
      await write(target.path, articleFile(updated, versionReading.body));
    }
    held.storeCapture(file, hash);
    held.add({ ...target, data: updated, captures: [...target.captures, file] });
    return {
      status: "recaptured",
      source,
      article: target.path,
      blocks,
      warnings: warningsIn(data.language),
      decision: `captured again, unchanged: the same article text as version ${number} of articles/${article}/`,
    };
  }
}

/** A stored capture's reading by the layout rules of its article file, or null when it cannot be read. */
async function readingOf(
  root: string,
  ref: ArticleData["capture"],
  layout: LayoutVersion,
): Promise<Extract<CaptureReading, { ok: true }> | null> {
  const bytes = await readFile(join(capturesDir(root), ref.file)).catch(() => null);
  if (!bytes || undecodable(bytes, ref.encoding)) return null;
  const reading = readCapture(splitCapture(decodeCapture(bytes, ref.encoding)).blocks, layout);
  return reading.ok ? reading : null;
}

/**
 * Writes the capture and its Markdown file, both or neither: each goes to a
 * temporary name first and is renamed into place, the capture first; a
 * failure removes what was written. Killed between the two renames, the
 * capture waits unused (the build names it) and the same import completes it.
 */
async function writeBoth(
  root: string,
  file: string,
  bytes: Uint8Array,
  markdownPath: string,
  markdown: string,
  captureStored: boolean,
): Promise<void> {
  const capturePath = join(capturesDir(root), file);
  const target = join(contentDir(root), markdownPath);
  await mkdir(capturesDir(root), { recursive: true });
  await mkdir(dirname(target), { recursive: true });
  const written: string[] = [];
  try {
    if (!captureStored) {
      await writeFile(`${capturePath}.importing`, bytes);
      await rename(`${capturePath}.importing`, capturePath);
      written.push(capturePath);
    }
    await writeFile(`${target}.importing`, markdown);
    await rename(`${target}.importing`, target);
  } catch (error) {
    await Promise.all(
      [...written, `${capturePath}.importing`, `${target}.importing`].map((p) =>
        rm(p, { force: true }),
      ),
    );
    throw error;
  }
}

/** The block map of a capture: one line per block, what it was taken for and by which rule. */
export function blockMap(blocks: readonly BlockReading[]): string[] {
  const clip = (text: string): string => {
    const line = text.replace(/\n/g, " ⏎ ");
    return line.length > 72 ? `${line.slice(0, 71)}…` : line;
  };
  return blocks.map(({ block, role, rule }, i) => {
    const lines =
      block.firstLine === block.lastLine
        ? `L${block.firstLine}`
        : `L${block.firstLine}-${block.lastLine}`;
    const says =
      rule === "none"
        ? "outside the article: no rule"
        : `${rule}: ${ruleSays(blocks[i] as BlockReading)}`;
    return `  ${lines.padEnd(9)} ${role.padEnd(10)} ${clip(block.text)}\n  ${"".padEnd(9)} ${"".padEnd(10)} ↳ ${says}`;
  });
}

/** The one-line summary of a result. */
export function resultLine(result: ImportResult, root: string): string {
  const source = relative(process.cwd(), result.source) || result.source;
  if (result.status === "refused") return `refused   ${source}: ${result.reason}`;
  const where = relative(process.cwd(), join(contentDir(root), result.article));
  const status = result.status === "recaptured" ? "captured" : result.status;
  const line = `${status.padEnd(9)} ${source} → ${where}${result.decision ? `: ${result.decision}` : ""}`;
  return [line, ...result.warnings.map((w) => `  warning: ${source}: ${w}`)].join("\n");
}
