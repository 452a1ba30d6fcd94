import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";

/**
 * Secrets at rest (the SMTP password): AES-256-GCM under the server's key RELANCE_SECRET_KEY, stored as
 * "v1:<iv>:<tag>:<data>" (standard base64, a 12-byte random IV, a 16-byte tag). Nothing here logs a key or a
 * plaintext, and no error message carries either.
 *
 * RELANCE_SECRET_KEY is either 64 hexadecimal digits or the base64 of 32 bytes (`openssl rand -hex 32`), or a
 * passphrase of at least 16 characters, stretched with scrypt (N = 2^15, r = 8, p = 1) and the fixed salt
 * "relance/secret-key/v1". The salt is fixed so that the same passphrase gives the same key on every start;
 * a random key is better than a passphrase.
 */

export const SECRET_KEY_ENV = "RELANCE_SECRET_KEY";
export const PASSPHRASE_SALT = "relance/secret-key/v1";
export const MIN_PASSPHRASE_LENGTH = 16;
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export type SecretErrorCode = "bad_key" | "bad_format" | "unknown_version" | "wrong_key_or_tampered";

export class SecretError extends Error {
  readonly code: SecretErrorCode;
  constructor(code: SecretErrorCode, message: string) {
    super(message);
    this.name = "SecretError";
    this.code = code;
  }
}

export function encryptSecret(plain: string, key: Buffer): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), data.toString("base64")].join(":");
}

/** Throws a SecretError on a value not written by encryptSecret, a wrong key or a modified value. */
export function decryptSecret(text: string, key: Buffer): string {
  checkKey(key);
  const parts = text.split(":");
  if (parts.length !== 4) {
    throw new SecretError("bad_format", 'Not an encrypted secret (expected "v1:<iv>:<tag>:<data>")');
  }
  const [version, ivText = "", tagText = "", dataText = ""] = parts;
  if (version !== VERSION) {
    throw new SecretError("unknown_version", `Unknown encrypted secret version "${version?.slice(0, 8)}"`);
  }
  const iv = strictBase64(ivText);
  const tag = strictBase64(tagText);
  const data = strictBase64(dataText);
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || data === null) {
    throw new SecretError("bad_format", "Malformed encrypted secret (bad IV, tag or data)");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretError(
      "wrong_key_or_tampered",
      `Cannot decrypt the secret: ${SECRET_KEY_ENV} is not the key it was encrypted with, or the stored value was modified`,
    );
  }
}

/**
 * The key from RELANCE_SECRET_KEY, or null when it is unset or empty. Throws a SecretError on a passphrase
 * shorter than MIN_PASSPHRASE_LENGTH (a typo'd hex key must not silently become a weak passphrase).
 */
export function loadSecretKey(env: NodeJS.ProcessEnv): Buffer | null {
  const value = env[SECRET_KEY_ENV]?.trim() ?? "";
  if (value === "") return null;
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  const decoded = strictBase64(value);
  if (decoded?.length === KEY_BYTES) return decoded;
  if (value.length < MIN_PASSPHRASE_LENGTH) {
    throw new SecretError(
      "bad_key",
      `${SECRET_KEY_ENV} must be 64 hexadecimal digits, the base64 of 32 bytes, or a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters (generate one with: openssl rand -hex 32)`,
    );
  }
  return scryptSync(value.normalize("NFC"), PASSPHRASE_SALT, KEY_BYTES, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) {
    throw new SecretError("bad_key", `A secret key has ${KEY_BYTES} bytes (this one has ${key.length})`);
  }
}

/** Standard base64 that decodes and re-encodes to the same text (Buffer.from ignores junk silently). */
function strictBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : null;
}
