/**
 * The content folder at the root its first argument names, read and checked
 * in a child process (src/node/content-years.ts): sends what the build in
 * parts needs of it, plain data, then ends, and the memory of every capture's
 * reading with it. Content that passes is also handed on in the file its
 * second argument names, if any (src/node/handed-content.ts).
 */
import { publishedEntry } from "../archive/content/content-check.ts";
import { packagedArticles } from "../archive/publish/packages.ts";
import { readContentFolder } from "./content-folder.ts";
import { contentPartsOf } from "./content-parts.ts";
import type { ContentYearsMessage } from "./content-years.ts";
import { handContent } from "./handed-content.ts";

const [root, handOn] = process.argv.slice(2);
if (root !== undefined && process.send) {
  let message: ContentYearsMessage;
  try {
    const { entries, problems, warnings } = await readContentFolder(root);
    if (problems.length === 0 && handOn !== undefined) {
      await handContent(handOn, { warnings, entries: entries.map(publishedEntry) });
    }
    message =
      problems.length > 0
        ? { problems: problems.length }
        : {
            years: [...contentPartsOf(root, entries)],
            articles: packagedArticles(entries),
          };
  } catch (error) {
    message = { error: error instanceof Error ? error.message : String(error) };
  }
  process.send(message);
}
