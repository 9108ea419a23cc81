import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          // The unit tests share module instances across files (none keeps state between
          // files): half the time, most of it spent importing the same modules again.
          isolate: false,
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          // Each fixture site is built once, before any file runs, and shared.
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The files mostly wait on Chromium and the servers: more of them at once than cores.
          maxWorkers: 2,
          // As the unit tests: the files share module instances (each keeps its own state in hooks).
          isolate: false,
        },
      },
    ],
    coverage: {
      provider: "v8",
      include: ["src/archive/**", "src/markdown/**", "src/node/**"],
      reporter: ["text-summary"],
    },
  },
});
