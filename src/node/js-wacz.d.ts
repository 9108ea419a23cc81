/** The part of @harvard-lil/js-wacz (which ships no types) that the build uses. */
declare module "@harvard-lil/js-wacz" {
  export interface WACZOptions {
    /** WARC file(s) to package. */
    input: string | string[];
    /** Path of the .wacz to write. */
    output: string;
    /** A folder of pages .jsonl files to copy in, instead of detecting pages. */
    pagesDir?: string;
    /** A folder of .cdxj files holding the index, instead of indexing the WARCs. */
    cdxjDir?: string;
    detectPages?: boolean;
    url?: string;
    ts?: string;
    title?: string;
    description?: string;
    log?: Record<
      "trace" | "debug" | "info" | "log" | "warn" | "error",
      (...args: unknown[]) => void
    >;
  }
  export class WACZ {
    constructor(options: WACZOptions);
    process(verbose?: boolean): Promise<void>;
    /** How each packaged file is hashed for datapackage.json ("sha256:<hex>"). */
    sha256: (file: string | Uint8Array) => Promise<string>;
    /** Starts the worker pool that indexes WARCs (Piscina's), which nothing stops. */
    initWorkerPool: () => void;
    /** Opens the output file and its zip writer (archiver's), once: called again, it keeps them. */
    initOutputStreams: () => void;
    /** The zip writer, once initOutputStreams has run. */
    archiveStream: ZipWriter | null;
    /** Every file written into the package so far, as datapackage.json lists them. */
    resources: { name: string; path: string; hash: string; bytes: number }[];
  }
  /** What js-wacz calls on archiver's zip writer to add a file by its path. */
  export interface ZipWriter {
    file(
      path: string,
      data: { name: string; stats?: import("node:fs").Stats; mode?: number },
    ): ZipWriter;
  }
}
