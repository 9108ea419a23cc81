import { createHash } from "node:crypto";

/** Lower-case hex SHA-256 of bytes or text (text is hashed as UTF-8). */
export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
