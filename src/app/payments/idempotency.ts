import { createHash } from "node:crypto";
import { AppError } from "../errors.js";

/**
 * Idempotency keys of payments (issue 11, docs/portal.md): a caller that may send the same payment twice — a retried
 * HTTP request, a CLI command run again after a crash, a double click on the portal — sends a key of its choosing;
 * the payment is stored with it (unique per organization, migration 0018) and with the hash of what was asked. A
 * request with a key already used and the same content is a replay: the first payment is returned and nothing is
 * written; with another content it is refused (409, exit code 4). Keys of the staff (API and CLI share them) and of
 * each portal client live in separate namespaces.
 */

/** Visible ASCII, 1 to 255 characters (a UUID, a ULID, a bank reference…). */
const KEY = /^[\x21-\x7e]{1,255}$/;

export function checkIdempotencyKey(key: string): string {
  if (!KEY.test(key)) throw new AppError("invalid_input", "payment.idempotency_key_invalid");
  return key;
}

/** The stored key of a payment recorded by the staff (`Idempotency-Key` on the API, `--idempotency-key`). */
export const staffPaymentKey = (key: string): string => `payment:${checkIdempotencyKey(key)}`;

/** The stored key of a payment declared on the portal by one client. */
export const portalPaymentKey = (clientId: string, key: string): string =>
  `portal:${clientId}:${checkIdempotencyKey(key)}`;

/** SHA-256 (hex) of a JSON value with its object keys sorted: the same content gives the same hash. */
export function requestHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
