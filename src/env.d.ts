interface ImportMetaEnv {
  /**
   * True under `astro dev` (npm run dev), set by the archive's integration from
   * Astro's command: there is no search index to load in a preview. (Vite's
   * own DEV follows NODE_ENV, which a test runner may have set to "test".)
   */
  readonly ARCHIVE_PREVIEW: boolean;
}
