/**
 * A value handed from one part of the build to another within one process.
 * Astro loads the integration with Node, and the content loaders and pages
 * through Vite, as separate module instances, so module state is not shared
 * between them: what one hands another goes through a well-known global
 * slot, named once here.
 */
export interface ProcessSlot<T> {
  /** The value held, if any. */
  get(): T | undefined;
  /** Holds `value`, in place of any before it. */
  set(value: T): void;
  /** Lets the value go (so that memory can be given back). */
  forget(): void;
}

/** The slot `name` (one per kind of value handed over). */
export function processSlot<T>(name: string): ProcessSlot<T> {
  const key = Symbol.for(`news-archive.${name}`);
  const slots = globalThis as unknown as Record<symbol, T | undefined>;
  return {
    get: () => slots[key],
    set: (value) => {
      slots[key] = value;
    },
    forget: () => {
      Reflect.deleteProperty(slots, key);
    },
  };
}
