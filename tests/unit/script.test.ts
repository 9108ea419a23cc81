import { describe, expect, it } from "vitest";
import { firstInvalidUtf8, undecodable } from "../../src/archive/capture/decode.ts";
import { dominantScript, scriptMismatch, textDirection } from "../../src/archive/capture/script.ts";

describe("scripts and directions", () => {
  it("finds the script most letters are in", () => {
    expect(dominantScript("مرحبا بالعالم hello")).toMatchObject({ script: "Arab" });
    expect(dominantScript("1234 …")).toBeNull();
  });
  it("warns only when the language does not use that script", () => {
    expect(scriptMismatch("مرحبا بالعالم", "en")).toMatch(
      /Arab script, which "en" \(Latn\) does not use/,
    );
    expect(scriptMismatch("مرحبا بالعالم", "ar")).toBeNull();
    expect(scriptMismatch("سلام دنیا", "fa")).toBeNull();
    expect(scriptMismatch("日本語のテキスト", "ja")).toBeNull();
    expect(scriptMismatch("plain English", "en")).toBeNull();
  });
  it("gives right-to-left languages their direction", () => {
    expect(["ar", "fa", "he", "ur", "en", "ru"].map(textDirection)).toEqual([
      "rtl",
      "rtl",
      "rtl",
      "rtl",
      "ltr",
      "ltr",
    ]);
  });
});

describe("decoding captures", () => {
  it("names the offset of the first byte that is not UTF-8", () => {
    expect(firstInvalidUtf8(new TextEncoder().encode("ok ✓ 📊"))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xe9, 0x62]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xe2, 0x82]))).toBe(1); // cut short
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0xc0, 0xaf]))).toBe(0); // overlong
  });
  it("says why bytes are not a capture's text", () => {
    expect(undecodable(new Uint8Array())).toBe("is empty");
    expect(undecodable(Uint8Array.from([0x61, 0]))).toBe(
      "is binary, not text (a NUL byte at offset 1)",
    );
    expect(undecodable(Uint8Array.from([0x61, 0xe9]), "windows-1252")).toBeNull();
  });
});
