/**
 * The archive's collections, both loaded by the build's own loaders from the
 * content the integration read and checked once (src/integration/loader.ts),
 * with the schemas of src/archive/content/schema.ts (one doc comment per field there):
 * the articles, and each raw capture's page data.
 */
import { defineCollection } from "astro:content";
import { storedArticleSchema, storedCaptureSchema } from "./archive/content/schema.ts";
import { articlesLoader, capturesLoader } from "./integration/loader.ts";

const articles = defineCollection({ loader: articlesLoader(), schema: storedArticleSchema });
const captures = defineCollection({ loader: capturesLoader(), schema: storedCaptureSchema });

export const collections = { articles, captures };
