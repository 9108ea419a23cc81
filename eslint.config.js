import js from "@eslint/js";
import astro from "eslint-plugin-astro";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/**
 * The layers, lowest first: each folder of src/ may import only from the folders
 * below it (docs/architecture.md). An import that climbs is a lint error.
 */
const layers = [
  { files: ["src/archive/*.ts"], above: /^\.\.\// },
  { files: ["src/archive/*/*.ts"], above: /^\.\.\/\.\.\// },
  { files: ["src/markdown/**", "src/browser/**"], above: /^\.\.\/(?!archive\/)/ },
  { files: ["src/citation/**"], above: /^\.\.\/(?!archive\/)/ },
  { files: ["src/node/**"], above: /^\.\.\/(?!archive\/|citation\/|markdown\/)/ },
  {
    files: ["src/integration/**"],
    above: /^(\.\.\/)+(?:components|pages|layouts|browser|styles)\//,
  },
].map(({ files, above }) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: above.source,
            message: "A lower layer imports an upper one (docs/architecture.md, 'Layers').",
          },
        ],
      },
    ],
  },
}));

export default defineConfig(
  { ignores: ["dist/", ".astro/", "node_modules/", "test-results/", "bench/results/"] },
  js.configs.recommended,
  tseslint.configs.strict,
  astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  ...layers,
);
