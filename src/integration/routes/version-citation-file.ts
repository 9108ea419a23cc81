/**
 * Under `astro dev` only: each later version's citation files at
 * /articles/<id>/versions/<n>/citation.{bib,ris,json}, as a build writes them.
 */
import type { GetStaticPaths } from "astro";
import { laterVersionPaths } from "../version-paths.ts";
import { citationFile } from "./citation-file.ts";

/** One route a format (the integration injects each), one path a later version. */
export const getStaticPaths = laterVersionPaths satisfies GetStaticPaths;

export const GET = citationFile;
