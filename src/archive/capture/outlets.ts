/**
 * Known outlets: the publisher line a capture prints, and the publication
 * name citations use for it. An outlet not listed is cited by its publisher
 * line as printed; `npm run import -- --publication NAME` overrides both.
 */
export const OUTLETS: Readonly<Record<string, string>> = {
  /** Press TV's pages print "Iran Press TV"; the channel calls itself Press TV. */
  "Iran Press TV": "Press TV",
};

/** The publication a citation names for a publisher line. */
export function publicationFor(publisher: string): string {
  return OUTLETS[publisher] ?? publisher;
}
