/**
 * Turning a capture's bytes into text, or saying exactly why not. Captures
 * are UTF-8 unless their frontmatter names another encoding.
 */

/** Why a capture's bytes are not text, or null when they decode. */
export function undecodable(bytes: Uint8Array, encoding?: string): string | null {
  if (bytes.length === 0) return "is empty";
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `is binary, not text (a NUL byte at offset ${nul})`;
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) return null;
  const bad = firstInvalidUtf8(bytes);
  return bad < 0
    ? null
    : `is not UTF-8: byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} at offset ${bad} (name its encoding, e.g. --encoding windows-1252)`;
}

/** Decodes a capture (call `undecodable` first). */
export function decodeCapture(bytes: Uint8Array, encoding = "utf-8"): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/** The offset of the first byte that breaks UTF-8, or -1 when all of it is UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const [length, min, max] =
      b < 0x80
        ? [1, 0, 0]
        : b >= 0xc2 && b <= 0xdf
          ? [2, 0x80, 0xbf]
          : b === 0xe0
            ? [3, 0xa0, 0xbf]
            : b === 0xed
              ? [3, 0x80, 0x9f]
              : b >= 0xe1 && b <= 0xef
                ? [3, 0x80, 0xbf]
                : b === 0xf0
                  ? [4, 0x90, 0xbf]
                  : b >= 0xf1 && b <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : b === 0xf4
                      ? [4, 0x80, 0x8f]
                      : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      // The second byte has its own range; later ones are plain continuations.
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += length;
  }
  return -1;
}
