import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  FALLBACK_MESSAGE_ID_DOMAIN,
  messageIdDomainOf,
  messageIdFor,
  relanceKeyHeader,
} from "./message-id.js";

const KEY = "invoice:0190f5a2-7c3e-7b1a-9f00-3c2d1e0f4a5b:step:2";

describe("messageIdFor", () => {
  it("is <32 hex digits of SHA-256(key)@domain>", () => {
    const hex = createHash("sha256").update(KEY).digest("hex").slice(0, 32);
    expect(messageIdFor(KEY, "atelier-dupont.fr")).toBe(`<${hex}@atelier-dupont.fr>`);
  });
  it("is stable for a key and differs between keys and domains", () => {
    expect(messageIdFor(KEY, "a.fr")).toBe(messageIdFor(KEY, "a.fr"));
    expect(messageIdFor(KEY, "a.fr")).not.toBe(messageIdFor(`${KEY}x`, "a.fr"));
    expect(messageIdFor(KEY, "a.fr")).not.toBe(messageIdFor(KEY, "b.fr"));
  });
  it("does not show the key", () => {
    expect(messageIdFor(KEY, "a.fr")).not.toContain("0190f5a2");
    expect(relanceKeyHeader(KEY)).not.toContain("0190f5a2");
    expect(relanceKeyHeader(KEY)).toMatch(/^[0-9a-f]{32}$/);
    expect(messageIdFor(KEY, "a.fr")).not.toContain(relanceKeyHeader(KEY));
  });
  it("writes an IDN domain in ASCII and refuses what is not a domain", () => {
    expect(messageIdFor(KEY, "Café.FR")).toMatch(/@xn--caf-dma\.fr>$/);
    expect(() => messageIdFor(KEY, "")).toThrow(/not a domain/);
    expect(() => messageIdFor(KEY, "a.fr>\r\nBcc: x@y.fr")).toThrow(/not a domain/);
    expect(() => messageIdFor("", "a.fr")).toThrow(/empty/);
  });
});

describe("messageIdDomainOf", () => {
  it("takes the domain of the organization's address", () => {
    expect(messageIdDomainOf("Compta@Atelier-Dupont.FR")).toBe("atelier-dupont.fr");
    expect(messageIdDomainOf("contact@électricité.fr")).toBe("xn--lectricit-93aj.fr");
  });
  it("falls back to relance.local", () => {
    expect(FALLBACK_MESSAGE_ID_DOMAIN).toBe("relance.local");
    expect(messageIdDomainOf(null)).toBe("relance.local");
    expect(messageIdDomainOf("")).toBe("relance.local");
    expect(messageIdDomainOf("no-at-sign")).toBe("relance.local");
    expect(messageIdDomainOf("x@bad domain")).toBe("relance.local");
  });
});
