/**
 * The build's gatekeeper for content, before Astro runs: every problem in the
 * archive's articles and captures, one line each, naming the file and the
 * field; and, for the articles that pass, the entries every later step uses
 * (Astro's loader, the guard on the built pages, the WACZ). Pure: it is given
 * the files' text and bytes and reads nothing itself.
 *
 * The article body is not compared here: the guard compares what the reader
 * gets, the built page, with the capture (see page-guard.ts).
 */
import { parseFrontmatter } from "@astrojs/markdown-remark";
import { slug } from "github-slugger";
import { isBlank, splitCapture, type CaptureText } from "../capture/capture-text.ts";
import { decodeCapture, undecodable } from "../capture/decode.ts";
import { byCapture, type Version } from "../versions/history.ts";
import { describeDifference } from "../page/difference.ts";
import { sha256 } from "../hash.ts";
import { readCapture, type CaptureReading, type LayoutVersion } from "../capture/layout.ts";
import { articleSchema, isSha256, type ArticleData } from "./schema.ts";

/** One Markdown article as read from disk. */
export interface ArticleFile {
  /** Its path as the reader should see it, e.g. "content/articles/x.md". */
  path: string;
  /** Its text. */
  text: string;
}

/** Everything the check looks at. */
export interface ContentSet {
  articles: readonly ArticleFile[];
  /** Raw captures by file name. */
  captures: ReadonlyMap<string, Uint8Array>;
  /**
   * Every capture file's name, when `captures` holds only those some
   * articles need (checkContentReusing); else its keys.
   */
  captureNames?: readonly string[];
  /** How the articles folder is named in messages, e.g. "content/articles". */
  articlesPath: string;
  /** How the captures folder is named in messages, e.g. "content/captures". */
  capturesPath: string;
}

/** A capture as read for an article: once, here, for every later step. */
export interface CaptureEntry {
  /** File name in captures/. */
  file: string;
  /** Its path in messages, e.g. "content/captures/x.txt". */
  path: string;
  /** Size in bytes. */
  bytes: number;
  /** Its lines and blocks. */
  text: CaptureText;
  /** Its blocks read by the layout rules. */
  reading: Extract<CaptureReading, { ok: true }>;
}

/** A capture of a version whose article text reads exactly as the version's. */
export interface RecaptureEntry extends CaptureEntry {
  /** The day it was captured. */
  archived: string;
  /** SHA-256 of its bytes. */
  sha256: string;
  /** Its charset, when not UTF-8. */
  encoding?: string | undefined;
}

/** One version of an article, as every version's page lists it. */
export interface VersionRef {
  /** 1 for the article file, then 2, 3, … in the order the versions were imported. */
  number: number;
  /** Its page id: the article id, or "<article id>/versions/<number>". */
  id: string;
  /** The day it was captured. */
  archived: string;
  /** Its headline. */
  headline: string;
  /** Its dateline's local date-time (version 1's gives the article's year of publication). */
  published: string;
  /** True when a version with a lower number was captured after it (it was added later). */
  backfilled: boolean;
}

/** An article version that passed the check, with everything later steps need. */
export interface ArticleEntry {
  /**
   * The permanent page id: the article's id (URL segment under /articles/,
   * from the file name) for version 1, "<article id>/versions/<n>" for the
   * others.
   */
  id: string;
  /** The article's id (the id of its version 1). */
  article: string;
  /** This version's number. */
  version: number;
  /** Every version of the article, oldest capture first (then by number). */
  versions: readonly VersionRef[];
  /** Captures whose article text equals this version's. */
  recaptures: readonly RecaptureEntry[];
  /** The Markdown file's path in messages. */
  path: string;
  data: ArticleData;
  /** The Markdown body. */
  body: string;
  /** The whole file as read (frontmatter and body), for Astro's Markdown renderer. */
  source: string;
  capture: CaptureEntry;
}

/**
 * What the build's steps after the content load need of an article: no
 * Markdown source, no capture lines, no capture reading (the guard and the
 * packages take those apart: CaptureReadings). Kept for the whole build, so
 * ten thousand of them stay small.
 */
export interface PublishedEntry extends Pick<
  ArticleEntry,
  "id" | "article" | "version" | "versions" | "path" | "data"
> {
  capture: Omit<CaptureEntry, "text" | "reading">;
  recaptures: readonly Omit<RecaptureEntry, "text" | "reading">[];
}

/**
 * Each article version's capture as the layout rules read it, by entry id:
 * what the guard checks a built page against and the packages' page text.
 * A build keeps them only for the pages it renders (an assembly keeps
 * none): each holds its capture's whole text alive.
 */
export type CaptureReadings = ReadonlyMap<string, CaptureEntry["reading"]>;

/** The part of a checked article the build keeps after the content load. */
export function publishedEntry(entry: ArticleEntry): PublishedEntry {
  const { id, article, version, versions, path, data } = entry;
  const withoutText = <C extends CaptureEntry>(c: C): Omit<C, "text" | "reading"> => {
    const kept: Partial<C> = { ...c };
    delete kept.text;
    delete kept.reading;
    return kept as Omit<C, "text" | "reading">;
  };
  const capture = withoutText(entry.capture);
  const recaptures = entry.recaptures.map(withoutText);
  return { id, article, version, versions, path, data, capture, recaptures };
}

/** The reading of `entry`'s capture, from those a build kept; fails, naming it, when not kept. */
export function readingOf(
  readings: CaptureReadings,
  entry: Pick<PublishedEntry, "id" | "capture">,
): CaptureEntry["reading"] {
  const reading = readings.get(entry.id);
  if (!reading) throw new Error(`${entry.capture.path}: its reading was not kept for this build`);
  return reading;
}

/** What the check found: problems (one line each), warnings, and the articles that passed. */
export interface CheckedContent {
  problems: string[];
  /** What does not stop a build but needs a person (a capture nothing uses), one line each. */
  warnings: string[];
  entries: ArticleEntry[];
}

/** The permanent id (URL segment) of an article file: its name, slugged. */
export function articleId(path: string): string {
  const name = path.split("/").pop() ?? path;
  return slug(name.replace(/\.md$/, ""));
}

/** The folder of an article's later versions, relative to the articles folder. */
export const versionsFolder = (article: string): string => `${article}/versions`;

/** The page id of version `n` of an article. */
export const versionId = (article: string, n: number): string =>
  n === 1 ? article : `${versionsFolder(article)}/${n}`;

/** Where a Markdown file sits: an article (version 1) or a later version of one. */
export function pageOfFile(
  path: string,
  articlesPath: string,
): { article: string; version: number } | string {
  const inside = path.startsWith(`${articlesPath}/`) ? path.slice(articlesPath.length + 1) : path;
  const parts = inside.split("/");
  // Astro writes a page under its route parameter made NFC: another form is another address.
  const first = (parts[0] ?? "").replace(/\.md$/, "");
  if (first !== first.normalize("NFC")) {
    return `file name: ${show(first)} is not in Unicode's composed form (NFC), which the site's addresses use: rename it ${show(first.normalize("NFC"))}`;
  }
  if (parts.length === 1) return { article: articleId(path), version: 1 };
  const [article = "", folder, name = ""] = parts;
  const number = /^([1-9][0-9]*)\.md$/.exec(name)?.[1];
  if (parts.length !== 3 || folder !== "versions" || number === undefined || Number(number) < 2) {
    return `file name: a later version must be ${articlesPath}/<article id>/versions/<n>.md, n = 2, 3, …`;
  }
  if (slug(article) !== article) {
    return `file name: ${show(article)} is not an article id (ids are lower-case words joined by -)`;
  }
  return { article, version: Number(number) };
}

const show = (s: string): string => JSON.stringify(s);

interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
}

/** A schema issue as "field: message" lines. */
function describeIssue(issue: ZodIssueLike): string[] {
  const field = issue.path.map(String).join(".");
  const prefix = field ? `${field}.` : "";
  if (issue.code === "unrecognized_keys") {
    return (issue.keys ?? []).map((key) => `${prefix}${key}: is not a known field`);
  }
  if (/received undefined/.test(issue.message)) return [`${field}: is missing`];
  return [`${field || "frontmatter"}: ${issue.message}`];
}

/** Reads one capture named in an article's frontmatter (`field` says where), or says what is wrong with it. */
function readCaptureFor(
  ref: ArticleData["capture"],
  bytes: Uint8Array,
  path: string,
  layout: LayoutVersion,
  field = "capture",
): CaptureEntry | string {
  const { file, sha256: recorded, encoding } = ref;
  const actual = sha256(bytes);
  if (recorded !== actual) return `${field}.sha256: is ${recorded} but ${path} hashes to ${actual}`;
  const unreadable = undecodable(bytes, encoding);
  if (unreadable) return `${field}.file: ${path} ${unreadable}`;
  const text = splitCapture(decodeCapture(bytes, encoding));
  const reading = readCapture(text.blocks, layout);
  if (!reading.ok)
    return `${field}.file: the layout of ${path} cannot be read: it ${reading.problem}`;
  return { file, path, bytes: bytes.length, text, reading };
}

type Reading = CaptureEntry["reading"];

/** The article's text as a capture reads it: headline, publisher line, dateline, then each body block. */
export const articleText = (reading: Reading): string[] => [
  reading.headline,
  reading.publisher,
  reading.dateline,
  ...reading.body.map((b) => `${b.role === "subheading" ? "## " : ""}${b.block.text}`),
];

/** True when two captures read as the same article text, block for block. */
export function sameArticleText(a: Reading, b: Reading): boolean {
  const [x, y] = [articleText(a), articleText(b)];
  return x.length === y.length && x.every((line, i) => line === y[i]);
}

/**
 * Checks one recapture of a version: readable, and reading exactly as the
 * version's capture, both by the version's `layout`.
 */
function readRecapture(
  ref: NonNullable<ArticleData["recaptures"]>[number],
  field: string,
  version: CaptureEntry,
  content: ContentSet,
  layout: LayoutVersion,
): RecaptureEntry | string {
  const path = `${content.capturesPath}/${ref.file}`;
  const bytes = content.captures.get(ref.file);
  if (!bytes)
    return `${field}.file: names ${show(ref.file)}, which is not in ${content.capturesPath}/`;
  const read = readCaptureFor(ref, bytes, path, layout, field);
  if (typeof read === "string") return read;
  const [ours, theirs] = [articleText(version.reading), articleText(read.reading)];
  const at = ours.findIndex((line, i) => line !== theirs[i]);
  if (at !== -1 || ours.length !== theirs.length) {
    const line = at === -1 ? Math.min(ours.length, theirs.length) : at;
    const what = ["headline", "publisher line", "dateline"][line] ?? `body block ${line - 2}`;
    return `${field}: ${path} is listed as captured again unchanged, but its ${what} ${describeDifference(
      version.path,
      ours[line] ?? "(the end of the article)",
      theirs[line] ?? "(the end of the article)",
      path,
    )}`;
  }
  return { ...read, archived: ref.archived, sha256: ref.sha256, encoding: ref.encoding };
}

/** The problems of one article (each "path: field: message"), and its entry when it has none. */
function checkArticle(
  article: ArticleFile,
  content: ContentSet,
): { problems: string[]; entry?: ArticleEntry } {
  const problems: string[] = [];
  const say = (line: string): void => {
    problems.push(`${article.path}: ${line}`);
  };
  let parsed: { frontmatter: Record<string, unknown>; content: string };
  try {
    parsed = parseFrontmatter(article.text);
  } catch (error) {
    say(`frontmatter: is not valid YAML (${(error as Error).message.split("\n")[0]})`);
    return { problems };
  }
  if (!/^(\uFEFF)?---\r?\n/.test(article.text))
    say("frontmatter: is missing (the file must start with ---)");
  const body = parsed.content;
  if (isBlank(body)) say("body: is empty");

  const result = articleSchema.safeParse(parsed.frontmatter);
  if (!result.success) {
    for (const issue of result.error.issues) describeIssue(issue as ZodIssueLike).forEach(say);
    // The capture is still checked, so that one build names every problem.
    const ref = parsed.frontmatter.capture as { file?: unknown; sha256?: unknown } | undefined;
    if (typeof ref?.file === "string") {
      const bytes = content.captures.get(ref.file);
      const actual = bytes ? sha256(bytes) : undefined;
      if (!bytes) {
        say(`capture.file: names ${show(ref.file)}, which is not in ${content.capturesPath}/`);
      } else if (typeof ref.sha256 === "string" && isSha256(ref.sha256) && ref.sha256 !== actual) {
        say(
          `capture.sha256: is ${ref.sha256} but ${content.capturesPath}/${ref.file} hashes to ${actual}`,
        );
      }
    }
    return { problems };
  }
  const data = result.data;
  const capturePath = `${content.capturesPath}/${data.capture.file}`;
  const bytes = content.captures.get(data.capture.file);
  if (!bytes) {
    say(`capture.file: names ${show(data.capture.file)}, which is not in ${content.capturesPath}/`);
    return { problems };
  }
  // An article file naming no layout was written by the rules before versions: 1.
  const layout = data.layout ?? 1;
  const capture = readCaptureFor(data.capture, bytes, capturePath, layout);
  if (typeof capture === "string") {
    say(capture);
    return { problems };
  }
  for (const field of ["headline", "publisher", "dateline"] as const) {
    const printed = capture.reading[field];
    if (data[field] !== printed) {
      say(`${field}: ${describeDifference(capturePath, printed, data[field], "the frontmatter")}`);
    }
  }
  const recaptures: RecaptureEntry[] = [];
  (data.recaptures ?? []).forEach((ref, i) => {
    const read = readRecapture(ref, `recaptures.${i}`, capture, content, layout);
    if (typeof read === "string") say(read);
    else recaptures.push(read);
  });
  const place = pageOfFile(article.path, content.articlesPath);
  if (typeof place === "string") say(place);
  if (problems.length > 0 || typeof place === "string") return { problems };
  return {
    problems,
    entry: {
      id: versionId(place.article, place.version),
      article: place.article,
      version: place.version,
      versions: [],
      recaptures,
      path: article.path,
      data,
      body,
      source: article.text,
      capture,
    },
  };
}

/** What the checks that span files need of an entry (an ArticleEntry or a PublishedEntry). */
type SpanningEntry = Pick<
  PublishedEntry,
  "id" | "article" | "version" | "versions" | "path" | "data" | "capture" | "recaptures"
>;

/** An entry's place among its article's versions. */
const versionOf = (e: SpanningEntry): Version => ({ number: e.version, archived: e.data.archived });

/** The versions of one article in order: captured first, then imported first. */
function versionRefs(entries: readonly SpanningEntry[]): VersionRef[] {
  const ordered = [...entries].sort((a, b) => byCapture(versionOf(a), versionOf(b)));
  return ordered.map((e) => ({
    number: e.version,
    id: e.id,
    archived: e.data.archived,
    headline: e.data.headline,
    published: e.data.published,
    backfilled: entries.some((o) => o.version < e.version && o.data.archived > e.data.archived),
  }));
}

/**
 * What spans files: each article's versions numbered 2, 3, … with no gap and
 * an article file of their own; no capture used twice; captures nothing uses.
 */
function checkVersions(
  content: ContentSet,
  entries: readonly SpanningEntry[],
): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const numbers = new Map<string, number[]>();
  const articleFiles = new Set<string>();
  for (const { path } of content.articles) {
    const place = pageOfFile(path, content.articlesPath);
    if (typeof place === "string") continue;
    if (place.version === 1) articleFiles.add(place.article);
    numbers.set(place.article, [...(numbers.get(place.article) ?? []), place.version]);
  }
  for (const [article, held] of numbers) {
    const folder = `${content.articlesPath}/${versionsFolder(article)}/`;
    if (!articleFiles.has(article)) {
      problems.push(
        `${folder}: holds versions of ${content.articlesPath}/${article}.md, which does not exist`,
      );
    }
    const highest = Math.max(...held);
    for (let n = 2; n <= highest; n++) {
      if (!held.includes(n)) {
        problems.push(
          `${folder}${n}.md: is missing: versions are numbered 2, 3, … as they were imported, and a published version's address must keep working`,
        );
      }
    }
  }
  const users = new Map<string, string[]>();
  for (const entry of entries) {
    for (const file of [entry.capture.file, ...entry.recaptures.map((r) => r.file)]) {
      users.set(file, [...(users.get(file) ?? []), entry.path]);
    }
  }
  for (const [file, paths] of users) {
    if (paths.length > 1) {
      problems.push(
        `${content.capturesPath}/${file}: is the capture of ${paths.join(" and of ")}; a capture belongs to one version`,
      );
    }
  }
  // Said only of content that passes: a broken file's capture would look unused.
  const passed = problems.length === 0 && entries.length === content.articles.length;
  const warnings = [...(content.captureNames ?? content.captures.keys())]
    .filter((file) => passed && !users.has(file) && file.endsWith(".txt"))
    .sort()
    .map(
      (file) =>
        `${content.capturesPath}/${file}: no article or version uses this capture; to adopt it, run npm run import -- --archived <the day it was captured> ${content.capturesPath}/${file} (with --language or --encoding if it needs them)`,
    );
  return { problems, warnings };
}

/** Checks the content set; no problems means it may be built from the entries. */
export function checkContent(content: ContentSet): CheckedContent {
  const checked = content.articles.map((article) => checkArticle(article, content));
  const problems = checked.flatMap((c) => c.problems);
  const entries = checked.flatMap((c) => (c.entry ? [c.entry] : []));
  return checkSpanning(content, problems, entries);
}

/** What checkContentReusing found: as checkContent, the entries as later steps keep them. */
export interface ReusingCheck {
  problems: string[];
  warnings: string[];
  entries: PublishedEntry[];
  /** The entries of the articles checked here, not reused. */
  checked: PublishedEntry[];
}

/**
 * Checks the content set as checkContent does, but takes the entry of each
 * article file `reused` holds (by path) as it is: that file, and the captures
 * it names, are what they were when the entry was checked (the caller knows,
 * by their digests). Only the other articles are checked here, and
 * `content.captures` need hold only their captures. The checks that span
 * files run over every entry, and every version list is made anew.
 */
export function checkContentReusing(
  content: ContentSet,
  reused: ReadonlyMap<string, PublishedEntry>,
): ReusingCheck {
  const problems: string[] = [];
  const entries: PublishedEntry[] = [];
  const checked: PublishedEntry[] = [];
  for (const article of content.articles) {
    const known = reused.get(article.path);
    if (known) {
      entries.push({ ...known, versions: [] });
      continue;
    }
    const result = checkArticle(article, content);
    problems.push(...result.problems);
    if (result.entry) {
      const entry = publishedEntry(result.entry);
      entries.push(entry);
      checked.push(entry);
    }
  }
  return { ...checkSpanning(content, problems, entries), checked };
}

/**
 * The captures an article file names (its capture and recaptures), as far
 * as its frontmatter can be read: what a check of it will ask for.
 */
export function capturesNamed(text: string): string[] {
  try {
    const { frontmatter } = parseFrontmatter(text);
    const refs = [
      frontmatter.capture,
      ...(Array.isArray(frontmatter.recaptures) ? frontmatter.recaptures : []),
    ];
    return refs.flatMap((ref) => {
      const file = (ref as { file?: unknown } | undefined)?.file;
      return typeof file === "string" ? [file] : [];
    });
  } catch {
    return [];
  }
}

/** The checks that span files, over the entries of the articles that passed their own. */
function checkSpanning<E extends SpanningEntry>(
  content: ContentSet,
  problems: string[],
  entries: E[],
): { problems: string[]; warnings: string[]; entries: E[] } {
  const spanning = checkVersions(content, entries);
  problems.push(...spanning.problems);
  const groups = new Map<string, E[]>();
  for (const entry of entries)
    groups.set(entry.article, [...(groups.get(entry.article) ?? []), entry]);
  for (const group of groups.values()) {
    const versions = versionRefs(group);
    for (const entry of group) entry.versions = versions;
  }
  const byId = new Map<string, string[]>();
  for (const { path } of content.articles) {
    const place = pageOfFile(path, content.articlesPath);
    if (typeof place === "string") continue;
    const id = versionId(place.article, place.version);
    byId.set(id, [...(byId.get(id) ?? []), path]);
  }
  for (const [id, paths] of byId) {
    if (paths.length < 2) continue;
    for (const path of paths) {
      const others = paths.filter((p) => p !== path).join(", ");
      problems.push(
        `${path}: file name: gives the permanent URL articles/${id}/, as does ${others}`,
      );
    }
  }
  if (content.articles.length === 0)
    problems.push(`${content.articlesPath}/: holds no article (*.md)`);
  return { problems, warnings: spanning.warnings, entries };
}
