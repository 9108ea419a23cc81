/**
 * Preloaded into a build (node --import) to make it run "on another day":
 * the clock reads 3 days, 2 hours and 10 minutes ahead. Used by the
 * build-in-parts test; a build that prints the build time would differ.
 */
const SHIFT_MS = ((3 * 24 + 2) * 60 + 10) * 60 * 1000;
const RealDate = Date;

class ShiftedDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) super(RealDate.now() + SHIFT_MS);
    else super(...(args as ConstructorParameters<DateConstructor>));
  }

  static override now(): number {
    return RealDate.now() + SHIFT_MS;
  }
}

globalThis.Date = ShiftedDate as DateConstructor;
