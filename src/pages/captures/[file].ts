import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { readCapture } from "../../lib/capture-file";

/** Every raw capture named by an article, published as-is. */
export const getStaticPaths = (async () => {
  const articles = await getCollection("articles");
  const files = [...new Set(articles.map((a) => a.data.capture.file))];
  return files.map((file) => ({ params: { file } }));
}) satisfies GetStaticPaths;

/** The capture's bytes, untouched, as plain text. */
export const GET: APIRoute = async ({ params }) => {
  const bytes = await readCapture(String(params.file));
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};
