/**
 * The archive's collections, both loaded by the build's own loaders from the
 * content the integration read and checked once (src/integration/loader.ts),
 * with the schemas of src/archive/content/schema.ts (one doc comment per field there):
 * the article versions, each raw capture's page data, and the pages of what
 * changed between versions.
 */
import { defineCollection } from "astro:content";
import {
  storedArticleSchema,
  storedCaptureSchema,
  storedChangeSchema,
} from "./archive/content/schema.ts";
import { articlesLoader, capturesLoader, changesLoader } from "./integration/loader.ts";

const articles = defineCollection({ loader: articlesLoader(), schema: storedArticleSchema });
const captures = defineCollection({ loader: capturesLoader(), schema: storedCaptureSchema });

const changes = defineCollection({ loader: changesLoader(), schema: storedChangeSchema });

export const collections = { articles, captures, changes };
