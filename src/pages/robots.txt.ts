import type { APIRoute } from "astro";
import { siteUrl, withBase } from "../archive/paths.ts";

/** Everything may be crawled; the sitemap is named where its address is known. */
export const GET: APIRoute = ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const lines = ["User-agent: *", "Allow: /"];
  if (site) lines.push(`Sitemap: ${siteUrl(site, withBase(base, "sitemap.xml"))}`);
  return new Response(`${lines.join("\n")}\n`, {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};
