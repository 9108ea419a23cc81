/** What the build does on disk around its steps: removing the previous site, taking turns. */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withBuildLock } from "../../src/node/content-lock.ts";
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

describe("two builds of one project", () => {
  it("take turns, the second saying it waits", async () => {
    const root = await mkdtemp(join(tmpdir(), "archive-turns-"));
    const said: string[] = [];
    const ran: string[] = [];
    const building = (name: string) => async (): Promise<void> => {
      ran.push(`${name} starts`);
      await new Promise((r) => setTimeout(r, 300));
      ran.push(`${name} ends`);
    };
    try {
      const first = withBuildLock(root, building("first"));
      await new Promise((r) => setTimeout(r, 50));
      await Promise.all([
        first,
        withBuildLock(root, building("second"), (line) => said.push(line)),
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    expect(ran).toEqual(["first starts", "first ends", "second starts", "second ends"]);
    expect(said).toEqual(["build: waiting for another build to finish with this project …"]);
  }, 15_000);
});
