import type { APIRoute } from "astro";
import { withBase } from "../archive/paths.ts";
import { SITE } from "../archive/site.ts";

/** The web app manifest, so the archive can be installed and read offline. */
export const GET: APIRoute = () => {
  const base = import.meta.env.BASE_URL;
  const manifest = {
    name: SITE.name,
    short_name: SITE.shortName,
    description: SITE.description,
    lang: "en",
    dir: "ltr",
    id: base,
    start_url: base,
    scope: base,
    display: "standalone",
    background_color: SITE.theme.light,
    theme_color: SITE.theme.light,
    icons: [
      { src: withBase(base, "favicon.svg"), sizes: "any", type: "image/svg+xml" },
      { src: withBase(base, "icons/icon-192.png"), sizes: "192x192", type: "image/png" },
      { src: withBase(base, "icons/icon-512.png"), sizes: "512x512", type: "image/png" },
      {
        src: withBase(base, "icons/icon-512-maskable.png"),
        sizes: "512x512",
        type: "image/png",
        purpose: "maskable",
      },
    ],
  };
  return new Response(`${JSON.stringify(manifest, null, 2)}\n`, {
    headers: { "Content-Type": "application/manifest+json" },
  });
};
