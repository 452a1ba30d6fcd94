import { createHash } from "node:crypto";
import { domainToASCII } from "node:url";

/** The domain of Message-IDs when the organization has no usable e-mail address. */
export const FALLBACK_MESSAGE_ID_DOMAIN = "relance.local";

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The Message-ID of an outbox row: `<32 hex digits of SHA-256(key)@domain>`. The same key and domain always give
 * the same id, so a retry of the same row carries the same Message-ID (the receiving side can drop a duplicate),
 * and the key itself (which holds invoice ids) does not appear in the message.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  if (idempotencyKey === "") throw new Error("messageIdFor: empty idempotency key");
  return `<${sha256Hex(idempotencyKey).slice(0, 32)}@${asciiDomain(domain)}>`;
}

/** The value of the `X-Relance-Key` header: a hash of the key, distinct from the Message-ID's, never the key. */
export function relanceKeyHeader(idempotencyKey: string): string {
  return sha256Hex(`x-relance-key:${idempotencyKey}`).slice(0, 32);
}

/** The domain part of an e-mail address (lowercased, IDN as ASCII), or the fallback domain. */
export function messageIdDomainOf(address: string | null | undefined): string {
  const at = address?.lastIndexOf("@") ?? -1;
  if (!address || at < 0) return FALLBACK_MESSAGE_ID_DOMAIN;
  const domain = domainToASCII(address.slice(at + 1).trim());
  return isDomain(domain) ? domain : FALLBACK_MESSAGE_ID_DOMAIN;
}

function asciiDomain(domain: string): string {
  const ascii = domainToASCII(domain.trim());
  if (!isDomain(ascii)) throw new Error(`messageIdFor: not a domain name: ${JSON.stringify(domain)}`);
  return ascii;
}

const isDomain = (s: string) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(s);
