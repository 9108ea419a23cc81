/**
 * Serves the built archive (dist/) as static files on localhost, under the
 * same base path it was built for (BASE_PATH). Used by `npm start` and tests.
 */
import { readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import compression from "compression";
import sirv from "sirv";
import { builtBase, normaliseBasePath } from "../src/archive/paths.ts";
import { parseHeadersFile, servedType, type HeaderRule } from "../src/archive/publish/headers.ts";
import { IMMUTABLE, isImmutableSearchFile } from "../src/archive/search/search-files.ts";

export interface ServeOptions {
  /** Folder of the built site. */
  dir: string;
  /** Base path the site was built for, "/" or "/archive/". */
  base?: string | undefined;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Host to bind. */
  host?: string;
}

export interface Served {
  /** The site's URL, base path included. */
  url: string;
  /** Stops the server. */
  close: () => Promise<void>;
}

/**
 * sirv reads a suffix range ("bytes=-N", the last N bytes) as the first N+1
 * bytes. WACZ viewers read a package's zip directory that way, so such a
 * range is rewritten to the explicit one it means before sirv sees it.
 */
function resolveSuffixRange(req: IncomingMessage, root: string): void {
  const suffix = /^bytes=-(\d+)$/.exec(req.headers.range ?? "");
  if (!suffix?.[1]) return;
  try {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = join(root, normalize(path));
    if (!file.startsWith(root)) return;
    const size = statSync(file).size;
    const start = Math.max(0, size - Number(suffix[1]));
    req.headers.range = `bytes=${start}-${size - 1}`;
  } catch {
    // Not a file: sirv answers as it would have.
  }
}

/**
 * Where a request for a folder without its trailing slash goes: the same
 * address with the slash, as static hosts redirect it, so the page's
 * relative links (its citation files) resolve inside the folder. Undefined
 * for any other request.
 */
function folderRedirect(url: string, prefix: string, root: string): string | undefined {
  const parsed = new URL(url, "http://x");
  if (parsed.pathname.endsWith("/")) return undefined;
  try {
    const path = decodeURIComponent(parsed.pathname);
    const folder = join(root, normalize(path));
    if (!folder.startsWith(root) || !statSync(join(folder, "index.html")).isFile()) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  return `${prefix}${parsed.pathname.slice(1)}/${parsed.search}`;
}

/** Starts a static server for `dir` under `base`. */
export async function serve({
  dir,
  base,
  port = 0,
  host = "127.0.0.1",
}: ServeOptions): Promise<Served> {
  const prefix = normaliseBasePath(base);
  const root = resolve(dir);
  let index: string;
  try {
    index = readFileSync(join(root, "index.html"), "utf8");
  } catch {
    throw new Error(
      `${join(dir, "index.html")} is missing: build the archive first (npm run build).`,
    );
  }
  const built = builtBase(index);
  if (built !== undefined && built !== prefix) {
    throw new Error(
      `${dir}/ was built for base path "${built}" but BASE_PATH is "${prefix}". ` +
        `Rebuild with BASE_PATH=${prefix} npm run build, or serve with BASE_PATH=${built}.`,
    );
  }
  let headerRules: HeaderRule[] = [];
  try {
    headerRules = parseHeadersFile(readFileSync(join(root, "_headers"), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  // `brotli`: the build's precompressed copies of the search files (src/node/precompress.ts), to browsers that accept them.
  // The search files named by their content may be kept for good, as the build's _headers says.
  const files = sirv(root, {
    dev: false,
    etag: true,
    extensions: ["html"],
    brotli: true,
    setHeaders: (res, pathname) => {
      if (isImmutableSearchFile(pathname.replace(/^\//, ""))) {
        res.setHeader("Cache-Control", IMMUTABLE);
      }
      // A capture's charset, as a host sends it from the build's _headers (sirv sends none).
      const type = servedType(headerRules, `${prefix}${pathname.replace(/^\//, "")}`);
      if (type) res.setHeader("Content-Type", type);
    },
  });
  let notFound: Buffer | undefined;
  try {
    notFound = readFileSync(join(root, "404.html"));
  } catch {
    notFound = undefined;
  }
  // Compress what compresses (HTML, CSS, JS, XML, text) as it is sent; Pagefind's files are compressed already.
  // compression is Connect middleware and needs only Node's own request and response.
  const compress = compression() as unknown as (
    req: IncomingMessage,
    res: ServerResponse,
    next: () => void,
  ) => void;
  const server: Server = createServer((req, res) => {
    const sendNotFound = (): void => {
      res.statusCode = 404;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(notFound ?? "Not found");
    };
    const url = req.url ?? "/";
    if (prefix !== "/" && url === prefix.slice(0, -1)) {
      res.statusCode = 301;
      res.setHeader("Location", prefix);
      res.end();
      return;
    }
    if (!url.startsWith(prefix)) {
      sendNotFound();
      return;
    }
    req.url = `/${url.slice(prefix.length)}`;
    const slashed = folderRedirect(req.url, prefix, root);
    if (slashed !== undefined) {
      res.statusCode = 301;
      res.setHeader("Location", slashed);
      res.end();
      return;
    }
    resolveSuffixRange(req, root);
    compress(req, res, () => files(req, res, sendNotFound));
  });
  // Node closes a connection idle for 5 s by default; a client reusing it at that instant gets a
  // reset (seen in the tests' page.request). Browsers keep idle connections far longer.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, ok);
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const shownHost = host === "127.0.0.1" ? "localhost" : host;
  return {
    url: `http://${shownHost}:${actualPort}${prefix}`,
    // Ends every connection, busy ones too: close() alone waited for those a browser still
    // held (about 5 s each in the tests), and this server has nothing worth finishing then.
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4321);
  const served = await serve({ dir: "dist", base: process.env.BASE_PATH, port }).catch(
    (error: NodeJS.ErrnoException) => {
      const why =
        error.code === "EADDRINUSE" ? `port ${port} is in use (set PORT=…)` : error.message;
      console.error(`Could not start the archive server: ${why}`);
      process.exit(1);
    },
  );
  console.log(`Archive served at ${served.url}  (Ctrl+C to stop)`);
}
