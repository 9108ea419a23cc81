/**
 * Turning a capture's bytes into text, or saying exactly why not. Captures
 * are UTF-8 unless their frontmatter names another encoding. UTF-16 (either
 * byte order) is checked code unit by code unit, as UTF-8 is byte by byte;
 * in any other, a NUL byte or a byte sequence it has no character for.
 */

/**
 * The largest capture the importer takes, in bytes (5 MB): a news article's
 * capture is tens of KB, and one far larger is not one page's text.
 */
export const MAX_CAPTURE_BYTES = 5 * 1024 * 1024;

/** "utf-16le" or "utf-16be" when a label names UTF-16 ("utf-16" is little-endian), else undefined. */
function utf16Of(encoding: string | undefined): "utf-16le" | "utf-16be" | undefined {
  if (encoding === undefined) return undefined;
  try {
    const name = new TextDecoder(encoding).encoding;
    return name === "utf-16le" || name === "utf-16be" ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The byte order a UTF-16 byte-order mark at the start names, if the bytes start with one. */
function utf16Bom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/**
 * Why bytes are not text in UTF-16 of the byte order `name`, or null when
 * they are: a byte-order mark of the other order, a NUL character, a
 * surrogate with no pair, or half a code unit at the end.
 */
function undecodableUtf16(bytes: Uint8Array, name: "utf-16le" | "utf-16be"): string | null {
  const shown = name.toUpperCase();
  const bom = utf16Bom(bytes);
  if (bom !== undefined && bom !== name) {
    return `is not ${shown}: it starts with the byte-order mark of ${bom.toUpperCase()} (name it, --encoding ${bom})`;
  }
  const unit = (at: number): number =>
    name === "utf-16le"
      ? (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)
      : ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  const end = bytes.length - (bytes.length % 2);
  for (let at = 0; at < end; at += 2) {
    const u = unit(at);
    if (u === 0) return `is binary, not text (a NUL character at offset ${at})`;
    if (u >= 0xd800 && u <= 0xdbff && at + 2 < end) {
      const next = unit(at + 2);
      if (next >= 0xdc00 && next <= 0xdfff) {
        at += 2;
        continue;
      }
    }
    if (u >= 0xd800 && u <= 0xdfff) {
      return `is not ${shown}: a surrogate 0x${u.toString(16)} with no pair at offset ${at}`;
    }
  }
  if (end < bytes.length) {
    return `is not ${shown}: it ends in half a code unit, at offset ${end} (an odd number of bytes)`;
  }
  return null;
}

/**
 * Why a capture's bytes are not text, or null when they decode. In an
 * encoding other than UTF-8 and UTF-16, only a `strict` reading (the
 * importer's) refuses bytes it has no character for: a capture the archive
 * already holds, imported before that was checked, still builds as it did.
 */
export function undecodable(bytes: Uint8Array, encoding?: string, strict = false): string | null {
  if (bytes.length === 0) return "is empty";
  const utf16 = utf16Of(encoding);
  if (utf16) return undecodableUtf16(bytes, utf16);
  // UTF-16 read as bytes (a NUL beside each ASCII character): its byte-order mark names it.
  const bom = encoding === undefined ? utf16Bom(bytes) : undefined;
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const hint = bom
      ? `; it starts like ${bom.toUpperCase()}: name its encoding, --encoding ${bom}`
      : "";
    return `is binary, not text (a NUL byte at offset ${nul})${hint}`;
  }
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
    return strict ? undecodableIn(bytes, encoding) : null;
  }
  const bad = firstInvalidUtf8(bytes);
  return bad < 0
    ? null
    : `is not UTF-8: byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} at offset ${bad} (name its encoding, e.g. --encoding ${bom ?? "windows-1252"})`;
}

/**
 * Why `bytes` are not text in `encoding` (one other than UTF-8 and UTF-16),
 * or null: a byte sequence the encoding has no character for (Shift_JIS,
 * GBK, EUC-KR … have such sequences; a single-byte encoding has none), which
 * decoding would otherwise turn into U+FFFD without a word. The offset is
 * where a decoder fed a byte at a time first fails.
 */
function undecodableIn(bytes: Uint8Array, encoding: string): string | null {
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return null;
  } catch {
    const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    let at = 0;
    try {
      for (; at < bytes.length; at++) decoder.decode(bytes.subarray(at, at + 1), { stream: true });
      decoder.decode();
    } catch {
      // `at` is the byte that ended the sequence the encoding cannot read.
    }
    const name = decoder.encoding;
    return `is not ${name}: the bytes up to offset ${Math.min(at, bytes.length - 1)} are no character in it (is ${name} its encoding?)`;
  }
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
