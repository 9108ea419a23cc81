/**
 * The importer: raw captures in, byte-for-byte copies and article files out.
 * Each capture is read once (bytes → text → blocks → layout reading), and
 * either imported whole (capture and article written), found unchanged, or
 * refused with one line that says why, writing nothing for it.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { parseFrontmatter } from "@astrojs/markdown-remark";
import { slug } from "github-slugger";
import { splitCapture } from "../archive/capture/capture-text.ts";
import { datePart } from "../archive/capture/dateline.ts";
import { decodeCapture, undecodable } from "../archive/capture/decode.ts";
import { sha256 } from "../archive/hash.ts";
import { readCapture, ruleSays, type BlockReading } from "../archive/capture/layout.ts";
import { articleFile } from "../archive/content/markdown.ts";
import { publicationFor } from "../archive/capture/outlets.ts";
import type { ArticleData } from "../archive/content/schema.ts";
import { scriptMismatch } from "../archive/capture/script.ts";
import { articlesDir, capturesDir, contentDir } from "./content-folder.ts";

/** How captures are imported. */
export interface ImportOptions {
  /** The project root (the content folder is $ARCHIVE_CONTENT or content/ in it). */
  root: string;
  /** The archive day, "YYYY-MM-DD". */
  archived: string;
  /** BCP 47 language tag of the articles. */
  language: string;
  /** Publication name for citations; default from the outlet table, else the publisher line. */
  publication?: string | undefined;
  /** The captures' encoding when not UTF-8. */
  encoding?: string | undefined;
  /** Write nothing. */
  dryRun: boolean;
}

/** What became of one capture. */
export type ImportResult =
  | {
      status: "imported" | "unchanged";
      source: string;
      article: string;
      blocks: readonly BlockReading[];
      warnings: string[];
    }
  | { status: "refused"; source: string; reason: string; blocks?: readonly BlockReading[] };

/** The longest slug part of an article id, in UTF-8 bytes (file names are limited to 255 bytes). */
const MAX_SLUG_BYTES = 180;

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/** The article id: "<published date>-<headline slug>", as the seed's article has. */
export function articleIdFor(published: string, headline: string): string {
  let words = slug(headline);
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

/** The .txt files a list of files and folders names (folders: every .txt inside, sorted). */
export async function captureFiles(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(input)).filter((n) => n.endsWith(".txt")).sort();
      files.push(...names.map((n) => join(input, n)));
    } else {
      files.push(input);
    }
  }
  return files;
}

/** What is already in the content folder, kept up to date as captures are imported. */
class Holdings {
  /** Capture file name → SHA-256. */
  readonly captures = new Map<string, string>();
  /** SHA-256 → capture file name. */
  readonly byHash = new Map<string, string>();
  /** Article id → the capture file it was made from. */
  readonly articles = new Map<string, string>();
  /** Capture file → the id of the article made from it. */
  readonly articleOf = new Map<string, string>();

  static async read(root: string): Promise<Holdings> {
    const held = new Holdings();
    const list = async (dir: string): Promise<string[]> =>
      (await readdir(dir).catch(() => [] as string[])).sort();
    for (const name of await list(capturesDir(root))) {
      const bytes = await readFile(join(capturesDir(root), name)).catch(() => null);
      if (bytes) held.addCapture(name, sha256(bytes));
    }
    for (const name of (await list(articlesDir(root))).filter((n) => n.endsWith(".md"))) {
      const text = await readFile(join(articlesDir(root), name), "utf8");
      let file = "";
      try {
        const capture = parseFrontmatter(text).frontmatter.capture as
          { file?: unknown } | undefined;
        file = typeof capture?.file === "string" ? capture.file : "";
      } catch {
        // A broken article still holds its URL; the build names what is wrong with it.
      }
      held.articles.set(name.replace(/\.md$/, ""), file);
      if (file) held.articleOf.set(file, name.replace(/\.md$/, ""));
    }
    return held;
  }

  addCapture(name: string, hash: string): void {
    this.captures.set(name, hash);
    if (!this.byHash.has(hash)) this.byHash.set(hash, name);
  }
}

/** Imports captures one by one; one result each, in order. */
export async function importCaptures(
  sources: readonly string[],
  options: ImportOptions,
): Promise<ImportResult[]> {
  const held = await Holdings.read(options.root);
  const results: ImportResult[] = [];
  for (const source of sources) {
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
    bytes = await readFile(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : String(error),
    );
  }
  const unreadable = undecodable(bytes, options.encoding);
  if (unreadable) return refuse(unreadable);
  const text = splitCapture(decodeCapture(bytes, options.encoding));
  const reading = readCapture(text.blocks);
  if (!reading.ok) return refuse(`cannot read the layout: it ${reading.problem}`);

  const file = basename(source);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$/.test(file)) {
    return refuse("the file name must be letters, digits, . _ - and end in .txt", reading.blocks);
  }
  const hash = sha256(bytes);
  const id = articleIdFor(reading.published, reading.headline);
  const article = `articles/${id}.md`;
  const storedHash = held.captures.get(file);
  if (storedHash !== undefined && storedHash !== hash) {
    return refuse(`a different capture is already stored as captures/${file}`, reading.blocks);
  }
  const sameBytes = held.byHash.get(hash);
  if (sameBytes !== undefined && sameBytes !== file) {
    return refuse(`the same bytes are already stored as captures/${sameBytes}`, reading.blocks);
  }
  const owner = held.articles.get(id);
  if (owner !== undefined && owner !== file) {
    return refuse(
      `its article would take the URL articles/${id}/, which ${article} (from ${owner || "an unreadable capture field"}) has`,
      reading.blocks,
    );
  }
  const warnings = [
    scriptMismatch(reading.body.map((b) => b.block.text).join("\n"), options.language),
  ].filter((w): w is string => w !== null);
  if (storedHash !== undefined && owner === file) {
    return { status: "unchanged", source, article, blocks: reading.blocks, warnings };
  }
  // Stored already, with its article under another name (read by older rules, or renamed):
  // the capture keeps the article it has; importing never makes a second one.
  const existing = held.articleOf.get(file);
  if (storedHash !== undefined && existing !== undefined) {
    return {
      status: "unchanged",
      source,
      article: `articles/${existing}.md`,
      blocks: reading.blocks,
      warnings: [
        ...warnings,
        `its article is articles/${existing}.md (today's rules would name it ${id})`,
      ],
    };
  }

  const data: ArticleData = {
    headline: reading.headline,
    publisher: reading.publisher,
    publication: options.publication ?? publicationFor(reading.publisher),
    dateline: reading.dateline,
    published: reading.published,
    language: options.language,
    archived: options.archived,
    capture: {
      file,
      sha256: hash,
      ...(options.encoding && !/^utf-?8$/i.test(options.encoding)
        ? { encoding: options.encoding }
        : {}),
    },
  };
  if (!options.dryRun) {
    await writeBoth(
      options.root,
      file,
      bytes,
      article,
      articleFile(data, reading.body),
      storedHash !== undefined,
    );
  }
  held.addCapture(file, hash);
  held.articles.set(id, file);
  held.articleOf.set(file, id);
  return { status: "imported", source, article, blocks: reading.blocks, warnings };
}

/**
 * Writes the capture and its article, both or neither: each goes to a
 * temporary name first, and a failure removes what was written.
 */
async function writeBoth(
  root: string,
  file: string,
  bytes: Uint8Array,
  article: string,
  markdown: string,
  captureStored: boolean,
): Promise<void> {
  const capturePath = join(capturesDir(root), file);
  const articlePath = join(articlesDir(root), basename(article));
  await mkdir(capturesDir(root), { recursive: true });
  await mkdir(articlesDir(root), { recursive: true });
  const written: string[] = [];
  try {
    if (!captureStored) {
      await writeFile(`${capturePath}.importing`, bytes, { flag: "wx" });
      await rename(`${capturePath}.importing`, capturePath);
      written.push(capturePath);
    }
    await writeFile(`${articlePath}.importing`, markdown, { flag: "wx" });
    await rename(`${articlePath}.importing`, articlePath);
  } catch (error) {
    await Promise.all(
      [...written, `${capturePath}.importing`, `${articlePath}.importing`].map((p) =>
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
  const line = `${result.status.padEnd(9)} ${source} → ${where}`;
  return [line, ...result.warnings.map((w) => `  warning: ${source}: ${w}`)].join("\n");
}
