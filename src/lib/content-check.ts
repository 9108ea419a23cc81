/**
 * The build's gatekeeper for content: every problem in the archive's articles
 * and captures, one line each, naming the file and the field (or block).
 * Pure: it is given the files' text and bytes, and reads nothing itself.
 */
import { parseFrontmatter } from "@astrojs/markdown-remark";
import { slug } from "github-slugger";
import { articleSchema } from "../content.config.ts";
import { findRun, splitBlocks } from "./blocks.ts";
import { sha256 } from "./hash.ts";

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

/** The permanent id (URL segment) Astro's glob loader gives a file. */
export function articleId(path: string): string {
  const name = path.split("/").pop() ?? path;
  return slug(name.replace(/\.md$/, ""));
}

/** Markdown block → the text the capture must hold: heading marks and escapes removed. */
export function blockText(block: string): string {
  return block.replace(/^#{1,6}[ \t]+/, "").replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

/**
 * An article's words as the capture must hold them, block by block: the
 * headline, publisher line, dateline, then each body block (heading marks and
 * escapes removed). The integrity check and the WACZ's page text both use it.
 */
export function articleBlocks(
  data: { headline: string; publisher: string; dateline: string },
  body: string,
): string[] {
  return [data.headline, data.publisher, data.dateline, ...splitBlocks(body).map(blockText)];
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

/** The problems of one article, each "path: field: message". */
function checkArticle(article: ArticleFile, content: ContentSet): string[] {
  const problems: string[] = [];
  const say = (field: string, message: string): void => {
    problems.push(`${article.path}: ${field}: ${message}`);
  };
  let frontmatter: Record<string, unknown>;
  let body: string;
  try {
    const parsed = parseFrontmatter(article.text);
    frontmatter = parsed.frontmatter;
    body = parsed.content;
  } catch (error) {
    say("frontmatter", `is not valid YAML (${(error as Error).message.split("\n")[0]})`);
    return problems;
  }
  if (!/^---\r?\n/.test(article.text))
    say("frontmatter", "is missing (the file must start with ---)");

  const result = articleSchema.safeParse(frontmatter);
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const line of describeIssue(issue as ZodIssueLike))
        problems.push(`${article.path}: ${line}`);
    }
  }
  const bodyBlocks = splitBlocks(body);
  if (bodyBlocks.length === 0) say("body", "is empty");

  const ref = frontmatter.capture as { file?: unknown; sha256?: unknown } | undefined;
  if (typeof ref?.file !== "string") return problems;
  const bytes = content.captures.get(ref.file);
  const capturePath = `${content.capturesPath}/${ref.file}`;
  if (!bytes) {
    say("capture.file", `names ${show(ref.file)}, which is not in ${content.capturesPath}/`);
    return problems;
  }
  const actualHash = sha256(bytes);
  if (typeof ref.sha256 === "string" && ref.sha256 !== actualHash) {
    say("capture.sha256", `is ${ref.sha256} but ${capturePath} hashes to ${actualHash}`);
    return problems;
  }
  if (!result.success || bodyBlocks.length === 0) return problems;

  // Integrity: headline, publisher, dateline and every body block, verbatim,
  // in order and contiguous in the capture.
  const names = [
    "headline",
    "publisher",
    "dateline",
    ...bodyBlocks.map((_, i) => `body block ${i + 1}`),
  ];
  const run = articleBlocks(result.data, body);
  const captureBlocks = splitBlocks(new TextDecoder().decode(bytes));
  const match = findRun(captureBlocks, run);
  if (!match.ok) {
    const { index, expected, actual } = match.difference;
    say(
      names[match.block] ?? `block ${match.block + 1}`,
      `differs from ${capturePath} at character ${index + 1}: the capture has ${show(expected)}, the article ${show(actual)}`,
    );
  }
  return problems;
}

/** Every problem in the content set; an empty list means it may be built. */
export function checkContent(content: ContentSet): string[] {
  const problems = content.articles.flatMap((article) => checkArticle(article, content));
  const byId = new Map<string, string[]>();
  for (const { path } of content.articles) {
    const id = articleId(path);
    byId.set(id, [...(byId.get(id) ?? []), path]);
  }
  for (const [id, paths] of byId) {
    if (paths.length > 1) {
      for (const path of paths) {
        const others = paths.filter((p) => p !== path).join(", ");
        problems.push(
          `${path}: file name: gives the permanent URL articles/${id}/, as does ${others}`,
        );
      }
    }
  }
  if (content.articles.length === 0)
    problems.push(`${content.articlesPath}/: holds no article (*.md)`);
  return problems;
}
