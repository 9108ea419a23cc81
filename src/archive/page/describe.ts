/** Short descriptions of articles, made only from what the capture prints. */

/** The fields a description is made from. */
export interface Describable {
  headline: string;
  publisher: string;
  dateline: string;
}

/** The meta description of an article page. */
export function articleDescription({ headline, publisher, dateline }: Describable): string {
  return `Read-only archive copy of "${headline}" (${publisher}, ${dateline}), verbatim from a raw capture.`;
}
