import { describe, expect, it } from "vitest";
import { decodeCapture, undecodable } from "../../src/archive/capture/decode.ts";

const le = (text: string): Buffer => Buffer.from(text, "utf16le");
const be = (text: string): Buffer => le(text).swap16();

describe("undecodable", () => {
  it("takes UTF-16 in the byte order its encoding names, NUL bytes and all", () => {
    for (const encoding of ["utf-16", "utf-16le", "UTF-16LE"]) {
      expect(undecodable(le("\uFEFFcaf\u00e9 \u{1F600}\n"), encoding), encoding).toBeNull();
    }
    expect(undecodable(be("\uFEFFcaf\u00e9\n"), "utf-16be")).toBeNull();
    expect(decodeCapture(be("\uFEFFcaf\u00e9\n"), "utf-16be")).toBe("\uFEFFcaf\u00e9\n");
  });
  it("says where UTF-16 breaks", () => {
    expect(undecodable(le("ab\u0000c"), "utf-16le")).toBe(
      "is binary, not text (a NUL character at offset 4)",
    );
    expect(undecodable(Buffer.concat([le("ab"), Buffer.from([0x41])]), "utf-16le")).toBe(
      "is not UTF-16LE: it ends in half a code unit, at offset 4 (an odd number of bytes)",
    );
    expect(undecodable(le("a\uD800b"), "utf-16le")).toBe(
      "is not UTF-16LE: a surrogate 0xd800 with no pair at offset 2",
    );
    expect(undecodable(le("\uFEFFa"), "utf-16be")).toBe(
      "is not UTF-16BE: it starts with the byte-order mark of UTF-16LE (name it, --encoding utf-16le)",
    );
  });
  it("names UTF-16 when a capture looks like it and no encoding says so", () => {
    expect(undecodable(le("\uFEFFFind"))).toBe(
      "is binary, not text (a NUL byte at offset 3); it starts like UTF-16LE: name its encoding, --encoding utf-16le",
    );
  });
  it("says where a capture is no text in the multi-byte encoding it is named in", () => {
    // "日本" in Shift_JIS, then a lead byte with a trail byte Shift_JIS does not have.
    const bytes = Uint8Array.from([0x93, 0xfa, 0x96, 0x7b, 0x0a, 0x81, 0x20]);
    expect(undecodable(bytes.subarray(0, 5), "shift_jis", true)).toBeNull();
    expect(undecodable(bytes, "shift_jis", true)).toBe(
      "is not shift_jis: the bytes up to offset 6 are no character in it (is shift_jis its encoding?)",
    );
    // A single-byte encoding has a character for every byte.
    expect(undecodable(Uint8Array.from([0x81, 0x8d, 0xff]), "windows-1252", true)).toBeNull();
    // A capture the archive holds already is read as it was when imported.
    expect(undecodable(bytes, "shift_jis")).toBeNull();
  });
});
