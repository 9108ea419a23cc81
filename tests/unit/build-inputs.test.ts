/**
 * What `npm run build` compares to keep a site whose inputs did not change:
 * the hash of the content, the code and the settings, and the record of the
 * last build with its fixity manifest's digest.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXITY_MANIFEST } from "../../src/archive/publish/fixity.ts";
import { buildInputs, recordBuild, whyBuild } from "../../src/node/build-inputs.ts";

let root: string;
let dist: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "archive-build-inputs-"));
  for (const folder of ["content/articles", "content/captures", "src", "public"]) {
    await mkdir(join(root, folder), { recursive: true });
  }
  await writeFile(join(root, "content/articles/a.md"), "# A\n");
  await writeFile(join(root, "content/captures/a.txt"), "A capture\n");
  await writeFile(join(root, "src/page.ts"), "export {};\n");
  await writeFile(join(root, "package-lock.json"), "{}\n");
  dist = join(root, "dist");
  await mkdir(dist);
  await writeFile(join(dist, "index.html"), "<p>A page</p>\n");
  await writeFile(join(dist, FIXITY_MANIFEST), `${"a".repeat(64)}  index.html\n`);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("a build's inputs", () => {
  it("are the same for the same files and settings, and change with any of them", async () => {
    const first = await buildInputs(root, {});
    expect(await buildInputs(root, { UNRELATED: "1" })).toBe(first);
    expect(await buildInputs(root, { BASE_PATH: "/archive/" })).not.toBe(first);
    await writeFile(join(root, "content/captures/b.txt"), "Another capture\n");
    const added = await buildInputs(root, {});
    expect(added).not.toBe(first);
    await writeFile(join(root, "src/page.ts"), "export const x = 1;\n");
    expect(await buildInputs(root, {})).not.toBe(added);
    // Another content folder is other content.
    await cp(join(root, "content"), join(root, "other"), { recursive: true });
    expect(await buildInputs(root, { ARCHIVE_CONTENT: "other" })).not.toBe(
      await buildInputs(root, {}),
    );
  });

  it("keep the last site only while its inputs and its fixity manifest are those recorded", async () => {
    const inputs = await buildInputs(root, {});
    expect(await whyBuild(root, dist, inputs)).toBe("no earlier build of this site is recorded");
    await recordBuild(root, dist, inputs);
    expect(await whyBuild(root, dist, inputs)).toBeUndefined();
    expect(await whyBuild(root, dist, "another")).toBe(
      "its content, code or settings changed since the last build",
    );
    expect(await whyBuild(root, join(root, "elsewhere"), inputs)).toBe(
      "no earlier build of this site is recorded",
    );
    // A page rewritten or removed since, the manifest left as it was: built again.
    const page = await readFile(join(dist, "index.html"));
    await writeFile(join(dist, "index.html"), "junk");
    expect(await whyBuild(root, dist, inputs)).toBe(
      "dist/index.html is not the file the last build wrote",
    );
    await rm(join(dist, "index.html"));
    expect(await whyBuild(root, dist, inputs)).toBe("dist/index.html is missing");
    await writeFile(join(dist, "index.html"), page);
    expect(await whyBuild(root, dist, inputs)).toBeUndefined();
    await writeFile(join(dist, FIXITY_MANIFEST), `${"d".repeat(64)}  index.html\n`);
    expect(await whyBuild(root, dist, inputs)).toBe(
      `dist/${FIXITY_MANIFEST} is not the one the last build wrote`,
    );
    await rm(join(dist, FIXITY_MANIFEST));
    expect(await whyBuild(root, dist, inputs)).toBe(`dist/${FIXITY_MANIFEST} is missing`);
  });
});
