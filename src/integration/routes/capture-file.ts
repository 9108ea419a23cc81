/**
 * Under `astro dev` only: each raw capture at /captures/<file>, as-is, in its
 * own charset. A build copies the files instead (src/node/article-files.ts):
 * ten thousand routes cost Astro more than ten thousand copies.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { readCaptureFile } from "../../node/content-folder.ts";

/** Every raw capture named by an article, published as-is, in its own charset. */
export const getStaticPaths = (async () => {
  const articles = await getCollection("articles");
  return articles.map(({ data }) => ({
    params: { file: data.capture.file },
    props: { charset: data.capture.encoding ?? "utf-8" },
  }));
}) satisfies GetStaticPaths;

/** The capture's bytes, untouched, as plain text. */
export const GET: APIRoute = async ({ params, props }) => {
  const bytes = await readCaptureFile(String(params.file));
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": `text/plain; charset=${String(props.charset)}` },
  });
};
