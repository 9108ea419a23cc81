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
import { splitCapture, type CaptureText } from "../capture/capture-text.ts";
import { decodeCapture, undecodable } from "../capture/decode.ts";
import { describeDifference } from "../page/difference.ts";
import { sha256 } from "../hash.ts";
import { readCapture, type CaptureReading } from "../capture/layout.ts";
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

/** An article that passed the check, with everything later steps need. */
export interface ArticleEntry {
  /** The permanent id (URL segment), from the file name. */
  id: string;
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
 * Markdown source, no capture lines. Kept for the whole build, so ten
 * thousand of them stay small.
 */
export interface PublishedEntry extends Pick<ArticleEntry, "id" | "path" | "data"> {
  capture: Omit<CaptureEntry, "text">;
}

/** The part of a checked article the build keeps after the content load. */
export function publishedEntry({ id, path, data, capture }: ArticleEntry): PublishedEntry {
  const { file, path: capturePath, bytes, reading } = capture;
  return { id, path, data, capture: { file, path: capturePath, bytes, reading } };
}

/** What the check found: problems (one line each) and the articles that passed. */
export interface CheckedContent {
  problems: string[];
  entries: ArticleEntry[];
}

/** The permanent id (URL segment) of an article file: its name, slugged. */
export function articleId(path: string): string {
  const name = path.split("/").pop() ?? path;
  return slug(name.replace(/\.md$/, ""));
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

/** Reads one capture for an article, or says what is wrong with it. */
function readCaptureFor(data: ArticleData, bytes: Uint8Array, path: string): CaptureEntry | string {
  const { file, sha256: recorded, encoding } = data.capture;
  const actual = sha256(bytes);
  if (recorded !== actual) return `capture.sha256: is ${recorded} but ${path} hashes to ${actual}`;
  const unreadable = undecodable(bytes, encoding);
  if (unreadable) return `capture.file: ${path} ${unreadable}`;
  const text = splitCapture(decodeCapture(bytes, encoding));
  const reading = readCapture(text.blocks);
  if (!reading.ok)
    return `capture.file: the layout of ${path} cannot be read: it ${reading.problem}`;
  return { file, path, bytes: bytes.length, text, reading };
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
  if (body.trim() === "") say("body: is empty");

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
  const capture = readCaptureFor(data, bytes, capturePath);
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
  if (problems.length > 0) return { problems };
  return {
    problems,
    entry: {
      id: articleId(article.path),
      path: article.path,
      data,
      body,
      source: article.text,
      capture,
    },
  };
}

/** Checks the content set; no problems means it may be built from the entries. */
export function checkContent(content: ContentSet): CheckedContent {
  const checked = content.articles.map((article) => checkArticle(article, content));
  const problems = checked.flatMap((c) => c.problems);
  const byId = new Map<string, string[]>();
  for (const { path } of content.articles) {
    const id = articleId(path);
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
  return { problems, entries: checked.flatMap((c) => (c.entry ? [c.entry] : [])) };
}
