/**
 * Writes the archive's WACZ packages (packages/<year>.wacz and
 * packages/shared.wacz: src/archive/publish/packages.ts), record by record
 * as the publish step walks the built files: in each, one WARC with a
 * `response` record for every built file at its URL on the site and a
 * `resource` record for each raw capture, pages/pages.jsonl with each
 * article version's text, and
 * datapackage.json + datapackage-digest.json, made with Webrecorder's warcio
 * and Harvard LIL's js-wacz. Every timestamp inside is the archive day, so two
 * builds give the same bytes. No record is held after it is written.
 */
import { createHash } from "node:crypto";
import { closeSync, createReadStream, openSync, statSync, writeSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { WACZ } from "@harvard-lil/js-wacz";
import { getSurt, WARCRecord, WARCSerializer } from "warcio";
import { sha256 } from "../archive/hash.ts";
import { SITE } from "../archive/site.ts";
import { dayTimestamp, fileUrl, recordId } from "../archive/publish/warc.ts";
import {
  packageFile,
  PACKAGES_DIR,
  SHARED_PACKAGE,
  type PackagePlan,
} from "../archive/publish/packages.ts";

/** js-wacz logs progress on info; only its warnings and errors are worth showing. */
const QUIET = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  log: () => undefined,
  warn: (...args: unknown[]) => console.warn("js-wacz:", ...args),
  error: (...args: unknown[]) => console.error("js-wacz:", ...args),
};

/** An article as the package's page list needs it. */
export interface PackagedPage {
  id: string;
  headline: string;
  archived: string;
  /** Headline, publisher line, dateline and body blocks: the capture's words. */
  text: string;
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

/**
 * Makes the zip's entries come in the order js-wacz adds them, each with the
 * same mode on every machine. archiver stats a file added by path in a queue
 * of its own, four at a time, while data added as bytes goes straight in: a
 * stat held up on a loaded machine lets pages.jsonl and the WARC swap places,
 * and the package's bytes differ (as a whole and an assembled build's
 * shared.wacz once did in CI). Given the stats, archiver queues the file at
 * once; its mtime (the archive day) is the entry's date.
 */
function inOrder(wacz: WACZ): void {
  wacz.initOutputStreams();
  const zip = wacz.archiveStream;
  if (!zip) throw new Error("js-wacz opened no zip writer");
  const file = zip.file.bind(zip);
  zip.file = (path, data) => file(path, { ...data, stats: statSync(path), mode: 0o644 });
}

/** The one WARC's name, in the package and in its index. */
const WARC_NAME = "archive.warc.gz";

/**
 * A value as one line of JSON for a file read line by line (pages.jsonl, the
 * CDXJ index): JSON.stringify leaves U+2028 and U+2029 as they are, and
 * js-wacz reads these files with Node's readline, which ends a line at them;
 * escaped, they read back as the same characters.
 */
export const jsonLine = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/** The page list's path inside a package. */
const PAGES_ENTRY = "pages/pages.jsonl";

/**
 * Fails when the package `output` js-wacz wrote (its `resources`) lacks the
 * page list: js-wacz leaves out, with only a warning, a pages.jsonl it cannot
 * read, and a package without it cannot be searched.
 */
export function checkPagesListed(output: string, resources: readonly { path: string }[]): void {
  if (!resources.some((r) => r.path === PAGES_ENTRY)) {
    throw new Error(
      `${output}: the package has no ${PAGES_ENTRY}: js-wacz could not read the page list written for it`,
    );
  }
}

/** A page id for pages.jsonl: the uuid of a record id, without its urn wrapping. */
const pageId = (seed: string): string => recordId("page", seed).slice("<urn:uuid:".length, -1);

/** The package, written as files are added. */
export class WaczWriter {
  private readonly scratch: string;
  /** The WARC and its CDXJ index, written record by record, synchronously: no thread-pool round trips. */
  private readonly warc: number;
  private readonly date: string;
  /** `date` as CDXJ writes it (14 digits), the same for every record. */
  private readonly timestamp: string;
  private readonly siteRoot: string;
  private readonly day: string;
  /** Bytes of the WARC written so far: the next record's offset. */
  private offset = 0;
  /** The CDXJ index, one line a record, written beside the WARC as it grows. */
  private readonly index: number;
  private closed = false;

  private constructor(scratch: string, siteRoot: string, day: string) {
    this.scratch = scratch;
    this.siteRoot = siteRoot;
    this.day = day;
    this.date = dayTimestamp(day);
    this.timestamp = this.date.replace(/[-:T]/g, "").slice(0, 14);
    this.warc = openSync(join(scratch, WARC_NAME), "w");
    this.index = openSync(join(scratch, "index.cdxj"), "w");
  }

  /**
   * Starts a package for the site at `siteRoot` (origin + base), dated `day`,
   * its WARC growing in a folder of its own inside `scratch`.
   */
  static async open(siteRoot: string, day: string, scratch: string): Promise<WaczWriter> {
    await mkdir(scratch, { recursive: true });
    const writer = new WaczWriter(await mkdtemp(join(scratch, "wacz-")), siteRoot, day);
    const info = WARCRecord.createWARCInfo(
      { filename: WARC_NAME, warcVersion: "WARC/1.1", date: writer.date, type: "warcinfo" },
      {
        software: "warcio.js, @harvard-lil/js-wacz",
        format: "WARC File Format 1.1",
        isPartOf: SITE.name,
      },
    );
    info.warcHeaders.headers.set("WARC-Record-ID", recordId("warcinfo", siteRoot, writer.date));
    writer.write(gzipSync(await WARCSerializer.serialize(info, { gzip: false })));
    return writer;
  }

  /** Appends a compressed record to the WARC. */
  private write(chunk: Uint8Array): void {
    writeSync(this.warc, chunk);
    this.offset += chunk.length;
  }

  /**
   * The record's CDXJ line, as warcio's CDXIndexer (which js-wacz runs) would
   * write it after reading the WARC back: known here, so the WARC is not read again.
   */
  private indexLine(
    url: string,
    mime: string,
    status: number | undefined,
    hash: string,
    length: number,
  ): string {
    const fields = {
      url,
      mime,
      ...(status === undefined ? {} : { status: String(status) }),
      digest: hash,
      length: String(length),
      offset: String(this.offset),
      filename: WARC_NAME,
    };
    return `${getSurt(url)} ${this.timestamp} ${jsonLine(fields)}\n`;
  }

  /**
   * Adds a built file whose SHA-256 is `hash`: a `resource` record for a raw
   * capture (its bytes as captured), a `response` record for anything else.
   * The record is compressed and appended at once (synchronously: waiting on
   * the thread pool cost more than the work), so no record is held after.
   */
  async add(
    path: string,
    body: Uint8Array,
    contentType: string,
    capture: boolean,
    hash: string,
  ): Promise<void> {
    const url = fileUrl(this.siteRoot, path);
    const type = capture ? "resource" : "response";
    const warcHeaders: Record<string, string> = {
      "WARC-Record-ID": recordId(type, url, this.date),
      // The body's hash, already known: warcio computes only the block digest.
      "WARC-Payload-Digest": `sha256:${hash}`,
    };
    if (capture) warcHeaders["Content-Type"] = contentType;
    const record = WARCRecord.create(
      {
        url,
        date: this.date,
        type,
        warcVersion: "WARC/1.1",
        warcHeaders,
        ...(capture
          ? {}
          : {
              statusline: "HTTP/1.1 200 OK",
              httpHeaders: { "Content-Type": contentType, "Content-Length": String(body.length) },
            }),
      },
      [body],
    );
    // Both digests from node:crypto: warcio would start a WebAssembly hasher for each.
    const block = createHash("sha256");
    if (record.httpHeaders) block.update(`${record.httpHeaders.toString()}\r\n`);
    record.warcHeaders.headers.set(
      "WARC-Block-Digest",
      `sha256:${block.update(body).digest("hex")}`,
    );
    const compressed = gzipSync(await WARCSerializer.serialize(record, { gzip: false }));
    const mime = capture ? contentType : (contentType.split(";", 1)[0] ?? "").trim();
    const status = capture ? undefined : 200;
    writeSync(this.index, this.indexLine(url, mime, status, hash, compressed.length));
    this.write(compressed);
  }

  /**
   * Writes the package to `output` with the pages' list and text (and the
   * site's front page first when `front`); removes the scratch files.
   */
  async finish(output: string, pages: readonly PackagedPage[], front = true): Promise<void> {
    try {
      this.close();
      const cdxjDir = join(this.scratch, "indexes");
      await mkdir(cdxjDir);
      await rename(join(this.scratch, "index.cdxj"), join(cdxjDir, "index.cdxj"));
      const warc = join(this.scratch, WARC_NAME);
      const pagesDir = join(this.scratch, "pages");
      await mkdir(pagesDir);
      const lines = [
        { format: "json-pages-1.0", id: "pages", title: "All Pages", hasText: true },
        ...(front
          ? [{ id: pageId(this.siteRoot), url: this.siteRoot, ts: this.date, title: SITE.name }]
          : []),
        ...pages.map((p) => ({
          id: pageId(p.id),
          url: fileUrl(this.siteRoot, `articles/${p.id}/index.html`),
          ts: dayTimestamp(p.archived),
          title: p.headline,
          text: p.text,
        })),
      ];
      const jsonl = join(pagesDir, "pages.jsonl");
      await writeFile(jsonl, lines.map(jsonLine).join("\n") + "\n");
      const mtime = new Date(Date.parse(this.date));
      await utimes(warc, mtime, mtime);
      await utimes(jsonl, mtime, mtime);
      await atInstant(this.date, async () => {
        const wacz = new WACZ({
          input: warc,
          output,
          pagesDir,
          cdxjDir,
          detectPages: false,
          url: this.siteRoot,
          ts: this.date,
          title: SITE.name,
          description: SITE.description,
          log: QUIET,
        });
        // js-wacz 0.1.6 hashes files given by path twice over (each chunk is both
        // piped and fed to the hash), so datapackage.json records wrong hashes for
        // the WARC and pages.jsonl (harvard-lil/js-wacz#127, open). Hash them right,
        // streaming the file rather than holding the WARC in memory.
        wacz.sha256 = async (file) => {
          if (typeof file !== "string") return `sha256:${sha256(file)}`;
          const hash = createHash("sha256");
          for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
          return `sha256:${hash.digest("hex")}`;
        };
        // Given the index (cdxjDir), js-wacz indexes no WARC, but it still starts a pool of
        // workers for it and never stops them: one still loading its module as the build's
        // process exits crashed Node (an assertion in its module loader, seen in CI).
        wacz.initWorkerPool = () => undefined;
        inOrder(wacz);
        await wacz.process(false);
        checkPagesListed(output, wacz.resources);
      });
    } finally {
      await rm(this.scratch, { recursive: true, force: true });
    }
  }

  /** Closes the WARC and its index (once). */
  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.warc);
    closeSync(this.index);
  }

  /** Abandons the package (a failed build). */
  async discard(): Promise<void> {
    this.close();
    await rm(this.scratch, { recursive: true, force: true });
  }

  /** The day the package is dated. */
  get archiveDay(): string {
    return this.day;
  }
}

/**
 * The archive's packages (src/archive/publish/packages.ts): one writer a
 * year of publication and one for the shared pages, each dated by its own
 * newest archive day; each built file goes to the package the plan names.
 */
export class WaczSet {
  private readonly writers: Map<string, WaczWriter>;
  private readonly plan: PackagePlan;

  private constructor(writers: Map<string, WaczWriter>, plan: PackagePlan) {
    this.writers = writers;
    this.plan = plan;
  }

  /**
   * Starts every package of `plan` for the site at `siteRoot`, but those
   * `kept` names (put in whole from parts built apart), their WARCs growing
   * inside `scratch`.
   */
  static async open(
    siteRoot: string,
    plan: PackagePlan,
    scratch: string,
    kept: ReadonlySet<string> = new Set(),
  ): Promise<WaczSet> {
    const writers = new Map<string, WaczWriter>();
    try {
      for (const [name, day] of plan.days) {
        if (!kept.has(name)) writers.set(name, await WaczWriter.open(siteRoot, day, scratch));
      }
    } catch (error) {
      await Promise.all([...writers.values()].map((w) => w.discard()));
      throw error;
    }
    return new WaczSet(writers, plan);
  }

  /** The package `path` goes in. */
  packageOf(path: string): string {
    return this.plan.packageOf(path);
  }

  /** Whether `path` goes in a package this set writes. */
  writes(path: string): boolean {
    return this.writers.has(this.plan.packageOf(path));
  }

  /** Adds a built file to its package (see WaczWriter.add). */
  add(path: string, body: Uint8Array, type: string, capture: boolean, hash: string): Promise<void> {
    const writer = this.writers.get(this.plan.packageOf(path));
    if (!writer) throw new Error(`${path}: no package was started for it`);
    return writer.add(path, body, type, capture, hash);
  }

  /**
   * Writes every package into `outDir` (its packages/ folder), each with the
   * pages it holds; returns their paths, relative to `outDir`.
   */
  async finish(outDir: string, pages: readonly PackagedPage[]): Promise<string[]> {
    await mkdir(join(outDir, PACKAGES_DIR), { recursive: true });
    const written: string[] = [];
    for (const [name, writer] of this.writers) {
      const own = pages.filter((p) => this.packageOf(`articles/${p.id}/index.html`) === name);
      await writer.finish(join(outDir, packageFile(name)), own, name === SHARED_PACKAGE);
      written.push(packageFile(name));
    }
    return written;
  }

  /** Abandons every package (a failed build). */
  async discard(): Promise<void> {
    await Promise.all([...this.writers.values()].map((w) => w.discard()));
  }
}
