/**
 * Writes the archive's WACZ package (<outDir>/archive.wacz): one WARC with a
 * `response` record for every built file at its URL on the site and a
 * `resource` record for each raw capture, pages/pages.jsonl with each
 * article's text, and datapackage.json + datapackage-digest.json, made with
 * Webrecorder's warcio and Harvard LIL's js-wacz. Every timestamp inside is
 * the archive day from the frontmatter, so two builds give the same bytes.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFrontmatter } from "@astrojs/markdown-remark";
import { WACZ } from "@harvard-lil/js-wacz";
import { WARCRecord, WARCSerializer } from "warcio";
import { articleSchema } from "../src/content.config.ts";
import { articlesDir } from "../src/lib/capture-file.ts";
import { articleBlocks, articleId } from "../src/lib/content-check.ts";
import { SITE } from "../src/lib/site.ts";
import { sha256 } from "../src/lib/hash.ts";
import { listFiles } from "./files.ts";
import { dayTimestamp, fileUrl, mediaType, recordId, WACZ_FILE } from "../src/lib/warc.ts";

/** js-wacz logs progress on info; only its warnings and errors are worth showing. */
const QUIET = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  log: () => undefined,
  warn: (...args: unknown[]) => console.warn("js-wacz:", ...args),
  error: (...args: unknown[]) => console.error("js-wacz:", ...args),
};

/** An article as the package needs it. */
interface PackagedArticle {
  id: string;
  headline: string;
  archived: string;
  captureFile: string;
  /** Headline, publisher line, dateline and body blocks: the capture's words. */
  text: string;
}

async function readArticles(root: string): Promise<PackagedArticle[]> {
  const dir = articlesDir(root);
  const names = (await readdir(dir)).filter((name) => name.endsWith(".md")).sort();
  return Promise.all(
    names.map(async (name) => {
      const { frontmatter, content } = parseFrontmatter(await readFile(join(dir, name), "utf8"));
      const data = articleSchema.parse(frontmatter);
      return {
        id: articleId(name),
        headline: data.headline,
        archived: data.archived,
        captureFile: data.capture.file,
        text: articleBlocks(data, content).join("\n\n"),
      };
    }),
  );
}

/**
 * Runs `fn` with the clock held at `iso` and the time zone at UTC: js-wacz and
 * its zip writer stamp entries with the wall clock (in local time); this makes
 * them the archive day, the same on every build and machine.
 */
async function atInstant<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  const fixed = RealDate.parse(iso);
  class FixedDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(fixed);
      else super(...(args as ConstructorParameters<DateConstructor>));
    }
    static override now(): number {
      return fixed;
    }
  }
  const tz = process.env.TZ;
  globalThis.Date = FixedDate as DateConstructor;
  process.env.TZ = "UTC";
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
    if (tz === undefined) Reflect.deleteProperty(process.env, "TZ");
    else process.env.TZ = tz;
  }
}

async function record(
  url: string,
  date: string,
  type: "response" | "resource",
  body: Uint8Array,
  contentType: string,
): Promise<Uint8Array> {
  const warcHeaders: Record<string, string> = { "WARC-Record-ID": recordId(type, url, date) };
  if (type === "resource") warcHeaders["Content-Type"] = contentType;
  const created = WARCRecord.create(
    {
      url,
      date,
      type,
      warcVersion: "WARC/1.1",
      warcHeaders,
      ...(type === "response"
        ? {
            statusline: "HTTP/1.1 200 OK",
            httpHeaders: { "Content-Type": contentType, "Content-Length": String(body.length) },
          }
        : {}),
    },
    [body],
  );
  return WARCSerializer.serialize(created, { gzip: true });
}

/** A page id for pages.jsonl: the uuid of a record id, without its urn wrapping. */
const pageId = (seed: string): string => recordId("page", seed).slice("<urn:uuid:".length, -1);

/** Builds <outDir>/archive.wacz for the site at `siteRoot` (origin + base). */
export async function writeWacz(outDir: string, root: string, siteRoot: string): Promise<void> {
  const articles = await readArticles(root);
  const day =
    articles
      .map((a) => a.archived)
      .sort()
      .at(-1) ?? "1970-01-01";
  const date = dayTimestamp(day);
  const captures = new Set(articles.map((a) => a.captureFile));

  const files = (await listFiles(outDir)).filter((p) => p !== WACZ_FILE && p !== "_headers");

  const info = WARCRecord.createWARCInfo(
    { filename: "archive.warc.gz", warcVersion: "WARC/1.1", date, type: "warcinfo" },
    {
      software: "warcio.js, @harvard-lil/js-wacz",
      format: "WARC File Format 1.1",
      isPartOf: SITE.name,
    },
  );
  info.warcHeaders.headers.set("WARC-Record-ID", recordId("warcinfo", siteRoot, date));
  const chunks: Uint8Array[] = [await WARCSerializer.serialize(info, { gzip: true })];
  for (const path of files) {
    const body = new Uint8Array(await readFile(join(outDir, path)));
    const captureFile = path.startsWith("captures/") ? path.slice("captures/".length) : "";
    const isCapture = captures.has(captureFile);
    const url = fileUrl(siteRoot, path);
    chunks.push(
      await record(url, date, isCapture ? "resource" : "response", body, mediaType(path)),
    );
  }

  const scratch = await mkdtemp(join(tmpdir(), "archive-wacz-"));
  try {
    const warc = join(scratch, "archive.warc.gz");
    await writeFile(warc, Buffer.concat(chunks));
    const pagesDir = join(scratch, "pages");
    await mkdir(pagesDir);
    const pages = [
      { format: "json-pages-1.0", id: "pages", title: "All Pages", hasText: true },
      { id: pageId(siteRoot), url: siteRoot, ts: date, title: SITE.name },
      ...articles.map((a) => ({
        id: pageId(a.id),
        url: fileUrl(siteRoot, `articles/${a.id}/index.html`),
        ts: dayTimestamp(a.archived),
        title: a.headline,
        text: a.text,
      })),
    ];
    const jsonl = join(pagesDir, "pages.jsonl");
    await writeFile(jsonl, pages.map((p) => JSON.stringify(p)).join("\n") + "\n");
    const mtime = new Date(Date.parse(date));
    await utimes(warc, mtime, mtime);
    await utimes(jsonl, mtime, mtime);
    await atInstant(date, async () => {
      const wacz = new WACZ({
        input: warc,
        output: join(outDir, WACZ_FILE),
        pagesDir,
        detectPages: false,
        url: siteRoot,
        ts: date,
        title: SITE.name,
        description: SITE.description,
        log: QUIET,
      });
      // js-wacz 0.1.6 hashes files given by path twice over (each chunk is both
      // piped and fed to the hash), so datapackage.json records wrong hashes for
      // the WARC and pages.jsonl (harvard-lil/js-wacz#127, open). Hash them right.
      wacz.sha256 = async (file) =>
        `sha256:${sha256(typeof file === "string" ? await readFile(file) : file)}`;
      await wacz.process(false);
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
