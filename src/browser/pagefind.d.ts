/** The part of Pagefind's browser API (pagefind/pagefind.js) the archive uses. */
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  anchor?: { element: string; id: string };
  /** Where the words matched in this section, each with its score. */
  weighted_locations?: { weight: number; balanced_score: number }[];
}

export interface PagefindFragment {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results: PagefindSubResult[];
}

export interface PagefindResult {
  id: string;
  /** How well the page matches, by its own index's word counts. */
  score?: number;
  data: () => Promise<PagefindFragment>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  /** Results before filters narrowed them. */
  unfilteredResultCount: number;
}

/** An index of its own, sharing its module's WebAssembly (Pagefind's createInstance). */
export interface PagefindInstance {
  init: () => Promise<void>;
  search: (term: string, options?: Record<string, unknown>) => Promise<PagefindSearch>;
}

export interface PagefindApi {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (term: string, options?: Record<string, unknown>) => Promise<PagefindSearch>;
  /** A new index at `basePath`, in the language `<html lang>` names as it is called. */
  createInstance: (options: Record<string, unknown>) => PagefindInstance;
}
