/**
 * Synthetic collections for the scale bench: N articles made from shuffled
 * paragraphs of the real one, each with a capture of its own (so every guard
 * still holds), written to a temporary content folder, never committed.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseFrontmatter } from "@astrojs/markdown-remark";
import { splitBlocks } from "../src/lib/blocks.ts";
import { sha256 } from "../src/lib/hash.ts";

/** A small deterministic PRNG (mulberry32), so every run builds the same N articles. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Writes N synthetic articles and captures into `dir` (articles/, captures/). */
export async function writeSyntheticContent(
  realArticle: string,
  dir: string,
  n: number,
): Promise<void> {
  const { content } = parseFrontmatter(await readFile(realArticle, "utf8"));
  const paragraphs = splitBlocks(content).filter((b) => !b.startsWith("#"));
  await mkdir(join(dir, "articles"), { recursive: true });
  await mkdir(join(dir, "captures"), { recursive: true });
  const next = random(n);
  for (let i = 1; i <= n; i++) {
    const id = `synthetic-${String(i).padStart(5, "0")}`;
    const headline = `Synthetic article ${i}: ${paragraphs[i % paragraphs.length]?.split(" ").slice(0, 6).join(" ")}`;
    const dateline = "Sunday, 24 May 2020 7:18 AM";
    const body = shuffled(paragraphs, next);
    const capture = [headline, "Synthetic Publisher", dateline, ...body].join("\n\n");
    await writeFile(join(dir, "captures", `${id}.txt`), capture);
    const frontmatter = [
      "---",
      `headline: ${JSON.stringify(headline)}`,
      'publisher: "Synthetic Publisher"',
      'publication: "Synthetic"',
      `dateline: "${dateline}"`,
      'published: "2020-05-24T07:18"',
      'language: "en"',
      'archived: "2026-11-25"',
      "capture:",
      `  file: "${id}.txt"`,
      `  sha256: "${sha256(capture)}"`,
      "---",
    ].join("\n");
    await writeFile(join(dir, "articles", `${id}.md`), `${frontmatter}\n\n${body.join("\n\n")}\n`);
  }
}
