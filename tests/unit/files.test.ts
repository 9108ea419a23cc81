/** The file helpers the build's steps share (src/node/files.ts). */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeLater } from "../../src/node/files.ts";

describe("removing a previous site", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("removes the whole folder after returning", async () => {
    const dir = await mkdtemp(join(tmpdir(), "archive-files-"));
    dirs.push(dir);
    const old = join(dir, "old");
    for (let i = 0; i < 50; i++) {
      await mkdir(join(old, `f${i}`), { recursive: true });
      await writeFile(join(old, `f${i}`, "index.html"), "<p>old</p>");
    }
    await removeLater(old);
    const until = Date.now() + 10_000;
    while (existsSync(old) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(old)).toBe(false);
    expect(existsSync(dir)).toBe(true);
  }, 15_000);
});
