/**
 * `npm run caddyfile -- [options]`: writes a Caddyfile that serves the built
 * archive with each page's Content Security Policy as a header, the capture
 * files' charsets and the search files' brotli copies, made from the
 * `_headers` file the build wrote (docs/publishing.md).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { builtBase } from "../src/archive/paths.ts";
import { caddyfile } from "../src/archive/publish/caddyfile.ts";
import { parseHeadersFile } from "../src/archive/publish/headers.ts";

const USAGE = `Usage: npm run caddyfile -- [options]

Options:
  --dist DIR        the built site to serve (default: dist)
  --root DIR        where that folder is on the server, absolute (default: the --dist folder here)
  --address ADDR    the site address: a host name (Caddy then gets its HTTPS certificate),
                    or http://HOST:PORT for plain HTTP (default: http://localhost:8080)
  --out FILE        where to write it (default: Caddyfile)
  --help            this text`;

/** Reads the options, or exits with the usage. */
function options(args: string[]) {
  try {
    const { values } = parseArgs({
      args,
      options: {
        dist: { type: "string", default: "dist" },
        root: { type: "string" },
        address: { type: "string", default: "http://localhost:8080" },
        out: { type: "string", default: "Caddyfile" },
        help: { type: "boolean", default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (values.root !== undefined && !isAbsolute(values.root)) {
      throw new Error(`--root must be an absolute path (got "${values.root}")`);
    }
    return values;
  } catch (error) {
    console.error(`caddyfile: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

/** Reads a file of the build, or exits naming it. */
function builtFile(dist: string, name: string): string {
  try {
    return readFileSync(join(dist, name), "utf8");
  } catch {
    console.error(
      `caddyfile: ${join(dist, name)} is missing: build the archive first (npm run build).`,
    );
    process.exit(1);
  }
}

const values = options(process.argv.slice(2));
const dist = resolve(values.dist);
const base = builtBase(builtFile(dist, "index.html")) ?? "/";
let rules;
try {
  rules = parseHeadersFile(builtFile(dist, "_headers"));
} catch (error) {
  console.error(`caddyfile: ${join(dist, "_headers")}: ${(error as Error).message}`);
  process.exit(1);
}
const text = caddyfile(rules, { address: values.address, root: values.root ?? dist, base });
writeFileSync(values.out, text);
console.log(
  `Wrote ${values.out}: serves ${dist} under ${base} at ${values.address} (caddy run --config ${values.out})`,
);
