/**
 * Under `astro dev` only: each raw capture at /captures/<name>.txt, as-is, in
 * its own charset (the pattern names the extension, so `astro dev` serves it
 * without a trailing slash). A build copies the files instead (src/node/article-files.ts):
 * ten thousand routes cost Astro more than ten thousand copies.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { readCaptureFile } from "../../node/content-paths.ts";

/** Every raw capture named by an article version or recapture, as-is, in its own charset. */
export const getStaticPaths = (async () => {
  const articles = await getCollection("articles");
  return articles.flatMap(({ data }) =>
    [data.capture, ...(data.recaptures ?? [])].map((c) => ({
      params: { name: c.file.replace(/\.txt$/, "") },
      props: { charset: c.encoding ?? "utf-8" },
    })),
  );
}) satisfies GetStaticPaths;

/** The capture's bytes, untouched, as plain text. */
export const GET: APIRoute = async ({ params, props }) => {
  const bytes = await readCaptureFile(`${String(params.name)}.txt`);
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": `text/plain; charset=${String(props.charset)}` },
  });
};
