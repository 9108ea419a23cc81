/**
 * The content folder at the root its one argument names, read and checked in
 * a child process (src/node/content-years.ts): sends what the build in parts
 * needs of it, plain data, then ends, and the memory of every capture's
 * reading with it.
 */
import { packagedArticles } from "../archive/publish/packages.ts";
import { readContentFolder } from "./content-folder.ts";
import { contentPartsOf } from "./content-parts.ts";
import type { ContentYearsMessage } from "./content-years.ts";

const root = process.argv[2];
if (root !== undefined && process.send) {
  let message: ContentYearsMessage;
  try {
    const { entries, problems } = await readContentFolder(root);
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
