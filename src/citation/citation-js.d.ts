/** The part of Citation.js the archive uses (the packages ship no types). */
declare module "@citation-js/core" {
  export interface FormatOptions {
    format?: "text" | "html" | "object" | "string";
    template?: string;
    lang?: string;
  }
  export class Cite {
    constructor(data: unknown);
    /** The parsed items, as CSL-JSON. */
    data: Record<string, unknown>[];
    format(type: string, options?: FormatOptions): string;
  }
  export const plugins: {
    config: {
      get(name: "@csl"): {
        styles: { add(name: string, xml: string): void; has(name: string): boolean };
      };
      get(name: "@bibtex"): {
        /** How BibTeX and BibLaTeX are written. */
        format: { asciiOnly: boolean; useIdAsLabel: boolean; checkLabel: boolean };
      };
    };
  };
}
declare module "@citation-js/plugin-csl";
declare module "@citation-js/plugin-bibtex";
declare module "@citation-js/plugin-ris";
