import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { PortalLink } from "../../db/schema.js";
import { loadSecretKey, SECRET_KEY_ENV } from "../secrets.js";

/**
 * The portal link's signed form, quoted in every reminder (docs/portal.md): `<link id>.<mac>`, the MAC an
 * HMAC-SHA-256 (base64url, 43 characters) over the link's id and expiry under a subkey of RELANCE_SECRET_KEY
 * (HKDF-SHA-256, info "relance portal link v1"). Nothing new is stored: the link's own row decides whether it is
 * live, so revoking or replacing the link closes every message's URL; changing the secret key closes them too.
 */
export const PORTAL_LINK_INFO = "relance portal link v1";
const MAC_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// the key's derivation (scrypt for a passphrase) is slow: once per value of the variable
let cached: { value: string; key: Buffer | null } | null = null;

/** The portal links' subkey, or null without RELANCE_SECRET_KEY (messages then go without the portal's URL). */
export function portalLinkKey(env: NodeJS.ProcessEnv): Buffer | null {
  const value = env[SECRET_KEY_ENV]?.trim() ?? "";
  if (cached?.value === value) return cached.key;
  const secret = loadSecretKey(env);
  const key = secret ? Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), PORTAL_LINK_INFO, 32)) : null;
  cached = { value, key };
  return key;
}

function macOf(key: Buffer, link: Pick<PortalLink, "id" | "expires_at">): string {
  return createHmac("sha256", key).update(`${link.id}\n${link.expires_at}`).digest("base64url");
}

/** The signed token of a link: `<link id>.<mac>`. */
export function signPortalLink(key: Buffer, link: Pick<PortalLink, "id" | "expires_at">): string {
  return `${link.id}.${macOf(key, link)}`;
}

/** The parts of a signed token, or null when the text does not have its shape (a stored-hash token has no dot). */
export function parseSignedPortalToken(token: string): { linkId: string; mac: string } | null {
  const [linkId = "", mac = "", ...rest] = token.split(".");
  if (rest.length > 0 || !ID_PATTERN.test(linkId) || !MAC_PATTERN.test(mac)) return null;
  return { linkId, mac };
}

/** Whether `mac` is the link's, compared in constant time. */
export function portalLinkMacMatches(
  key: Buffer,
  link: Pick<PortalLink, "id" | "expires_at">,
  mac: string,
): boolean {
  const expected = Buffer.from(macOf(key, link));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
