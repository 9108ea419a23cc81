import { createHash } from "node:crypto";

/** Lower-case hex SHA-256 of bytes or text (text is hashed as UTF-8). */
export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** True for a 64-digit lower-case hex SHA-256. */
export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
