/**
 * `npm run import -- [options] <capture file or folder>...`: copies each raw
 * capture into the content folder byte for byte and writes its article.
 * For one capture it prints the block map; for many, one line each (and the
 * maps with --map). Exits non-zero when any capture was refused.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { isBlank } from "../src/archive/capture/capture-text.ts";
import { isLocalDate } from "../src/archive/capture/dateline.ts";
import { canonicalLanguage, dayBefore, isEncodingLabel } from "../src/archive/content/schema.ts";
import { PROJECT_ROOT } from "../src/node/files.ts";
import { blockMap, captureFiles, importCaptures, resultLine } from "../src/node/import.ts";

const USAGE = `Usage: npm run import -- [options] <capture file or folder>...

Options:
  --archived YYYY-MM-DD   the day this archive copy is made (default: today, UTC)
  --language TAG          BCP 47 language of the articles (default: en; a new version
                          takes its article's)
  --publication NAME      the publication citations name (default: from the outlet table,
                          else the publisher line as printed)
  --encoding NAME         the captures' encoding when not UTF-8 (e.g. windows-1252)
  --version-of ID         the captures are versions of the article with this id
                          (its file name in articles/), whatever the matching rule says
  --new-article           the captures are new articles, whatever the matching rule says
  --dry-run               read and report, write nothing
  --map                   print the block map of every capture
  --help                  this text`;

function fail(message: string): never {
  console.error(`import: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      archived: { type: "string" },
      language: { type: "string" },
      publication: { type: "string" },
      encoding: { type: "string" },
      "version-of": { type: "string" },
      "new-article": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      map: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length === 0) fail("name at least one capture file or folder");
const archived = values.archived ?? new Date().toISOString().slice(0, 10);
if (!isLocalDate(archived)) fail(`--archived "${archived}" is not a date YYYY-MM-DD`);
// A day ahead of UTC's at most: the archivist's own day, wherever they are.
const today = new Date().toISOString().slice(0, 10);
if (dayBefore(archived) > today) {
  fail(`--archived ${archived} is after today (${today}): a copy is dated the day it was made`);
}
const language = values.language === undefined ? undefined : canonicalLanguage(values.language);
if (values.language !== undefined && language === undefined) {
  fail(`--language "${values.language}" is not a BCP 47 tag such as en, ar or fa`);
}
if (values.encoding !== undefined && !isEncodingLabel(values.encoding)) {
  fail(`--encoding "${values.encoding}" is not an encoding this runtime knows (try windows-1252)`);
}
if (values["version-of"] !== undefined && values["new-article"]) {
  fail("--version-of and --new-article contradict each other: give one");
}
if (values.publication !== undefined && isBlank(values.publication)) {
  fail("--publication must not be empty");
}

const sources = await captureFiles(positionals.map((p) => resolve(p)));
if (sources.length === 0) fail(`no .txt capture in ${positionals.join(", ")}`);
const results = await importCaptures(sources, {
  root: PROJECT_ROOT,
  archived,
  language,
  publication: values.publication,
  encoding: values.encoding,
  versionOf: values["version-of"]?.replace(/\.md$/, ""),
  newArticle: values["new-article"],
  dryRun: values["dry-run"],
});
const showMaps = values.map || results.length === 1;
for (const result of results) {
  if (showMaps && result.blocks) {
    console.log(`${result.source}: ${result.blocks.length} blocks`);
    console.log(blockMap(result.blocks).join("\n"));
    if (result.status !== "refused" && result.decision) console.log(`  ↳ ${result.decision}`);
  }
  const line = resultLine(result, PROJECT_ROOT);
  if (result.status === "refused") console.error(line);
  else console.log(line);
}
const count = (status: string): number => results.filter((r) => r.status === status).length;
/** "1 new article", "2 new articles". */
const counted = (n: number, one: string): string => `${n} ${one}${n === 1 ? "" : "s"}`;
const refused = count("refused");
console.log(
  `${values["dry-run"] ? "Dry run, would import" : "Imported"}: ${counted(count("imported"), "new article")}, ${counted(count("version"), "new version")}, ${count("recaptured")} captured again unchanged, ${count("unchanged")} already in the archive, ${refused} refused.`,
);
process.exitCode = refused > 0 ? 1 : 0;
