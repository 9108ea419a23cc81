/**
 * The content's years and their WACZ packages' plan, for the build in parts
 * (bin/build.ts): the content folder read and checked once, in a child
 * process. Reading every capture takes memory in proportion to the archive
 * (about 0.35 GB at 10,000 captures), which a process keeps once it has it,
 * a worker thread's included; the child gives it back when it ends, before
 * any build runs beside the command.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ContentPart } from "../archive/publish/build-parts.ts";
import {
  packagePlan,
  type PackagedArticle,
  type PackagePlan,
} from "../archive/publish/packages.ts";

/** What the child sends: the years and articles, or how many problems, or its error. */
export type ContentYearsMessage =
  | {
      years: [string, ContentPart][];
      articles: PackagedArticle[];
      /** Article files checked, and those reused unchanged from the last check (with `reuse`). */
      checked: number;
      reused: number;
    }
  | { problems: number }
  | { error: string };

/**
 * What lets the check reuse its last results (src/node/checked-cache.ts):
 * the build's cache folder it keeps them in (buildCache), the project code's digest, and each
 * capture's SHA-256 now, by its name in the captures folder.
 */
export interface ReuseKeys {
  cache: string;
  code: string;
  captures: ReadonlyMap<string, string>;
}

/** The content's years (each year's article and capture files) and its packages' plan. */
export interface ContentYears {
  years: Map<string, ContentPart>;
  packages: PackagePlan;
  /** Article files checked this time, and those whose last check still held (with `reuse`). */
  checked: number;
  reused: number;
}

/**
 * The content at `root` read and checked in a child process: its years and
 * packages' plan, or undefined when it has problems (Astro's build reads it
 * again and says what they are). Content that passes is also written to
 * `handOn`, when given, for the assembly (src/node/handed-content.ts).
 * With `reuse`, only the articles whose file or captures changed since the
 * last check are checked again. Rejects when it cannot be read at all.
 */
export async function readContentYears(
  root: string,
  handOn?: string,
  reuse?: ReuseKeys,
): Promise<ContentYears | undefined> {
  const child = fork(
    fileURLToPath(new URL("./content-years-child.ts", import.meta.url)),
    [root, ...(handOn === undefined ? [] : [handOn]), ...(reuse ? ["--reuse"] : [])],
    { serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  if (reuse) child.send(reuse);
  const message = await new Promise<ContentYearsMessage>((resolve, reject) => {
    child.once("message", (sent) => resolve(sent as ContentYearsMessage));
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`The content check's process ended (code ${code}) without an answer.`)),
    );
  });
  child.disconnect();
  if ("error" in message) throw new Error(message.error);
  if ("problems" in message) return undefined;
  return {
    years: new Map(message.years),
    packages: packagePlan(message.articles),
    checked: message.checked,
    reused: message.reused,
  };
}
