import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  loadSecretKey,
  PASSPHRASE_SALT,
  SecretError,
} from "../../src/app/secrets.js";

const KEY = Buffer.from("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "hex");
const PASSWORD = "mot de passe SMTP : é€ 🔑 avec des : deux-points";

const secretError = (f: () => unknown): SecretError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SecretError);
    return e as SecretError;
  }
  throw new Error("expected a SecretError");
};

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, in the v1 text format, with a fresh IV each time", () => {
    const a = encryptSecret(PASSWORD, KEY);
    const b = encryptSecret(PASSWORD, KEY);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("SMTP");
    expect(decryptSecret(a, KEY)).toBe(PASSWORD);
    expect(decryptSecret(b, KEY)).toBe(PASSWORD);
    expect(decryptSecret(encryptSecret("", KEY), KEY)).toBe("");
  });

  it("fails clearly with the wrong key, without showing the key or the value", () => {
    const text = encryptSecret(PASSWORD, KEY);
    const e = secretError(() => decryptSecret(text, randomBytes(32)));
    expect(e.code).toBe("wrong_key_or_tampered");
    expect(e.message).toContain("RELANCE_SECRET_KEY");
    expect(e.message).not.toContain(KEY.toString("hex"));
    expect(e.message).not.toContain("SMTP :");
  });

  it("detects a modified IV, tag or ciphertext", () => {
    const text = encryptSecret(PASSWORD, KEY);
    for (const index of [1, 2, 3]) {
      const parts = text.split(":");
      const bytes = Buffer.from(parts[index] ?? "", "base64");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      parts[index] = bytes.toString("base64");
      expect(secretError(() => decryptSecret(parts.join(":"), KEY)).code).toBe("wrong_key_or_tampered");
    }
    const [v, iv, tag, data = ""] = text.split(":");
    const truncated = Buffer.from(data, "base64").subarray(1).toString("base64");
    expect(secretError(() => decryptSecret([v, iv, tag, truncated].join(":"), KEY)).code).toBe(
      "wrong_key_or_tampered",
    );
  });

  it("refuses what is not a v1 value, and keys of the wrong size", () => {
    expect(secretError(() => decryptSecret("hunter2", KEY)).code).toBe("bad_format");
    expect(secretError(() => decryptSecret("v2:a:b:c", KEY)).code).toBe("unknown_version");
    expect(secretError(() => decryptSecret("v1:!!!!:AAAA:AAAA", KEY)).code).toBe("bad_format");
    const text = encryptSecret(PASSWORD, KEY);
    expect(secretError(() => decryptSecret(text.replace(/^v1:[^:]+/, "v1:AAAA"), KEY)).code).toBe(
      "bad_format",
    );
    expect(secretError(() => encryptSecret(PASSWORD, Buffer.alloc(16))).code).toBe("bad_key");
    expect(secretError(() => decryptSecret(text, Buffer.alloc(31))).code).toBe("bad_key");
  });
});

describe("loadSecretKey", () => {
  it("is null when RELANCE_SECRET_KEY is unset or blank", () => {
    expect(loadSecretKey({})).toBeNull();
    expect(loadSecretKey({ RELANCE_SECRET_KEY: "  " })).toBeNull();
  });

  it("reads 64 hexadecimal digits", () => {
    const hex = KEY.toString("hex").toUpperCase();
    expect(loadSecretKey({ RELANCE_SECRET_KEY: ` ${hex}\n` })?.equals(KEY)).toBe(true);
  });

  it("reads the base64 of 32 bytes", () => {
    const key = randomBytes(32);
    expect(loadSecretKey({ RELANCE_SECRET_KEY: key.toString("base64") })?.equals(key)).toBe(true);
  });

  it("stretches a passphrase with scrypt and the documented salt, the same on every start", () => {
    const passphrase = "cheval agrafe batterie correcte";
    const a = loadSecretKey({ RELANCE_SECRET_KEY: passphrase });
    expect(a?.length).toBe(32);
    expect(a?.equals(loadSecretKey({ RELANCE_SECRET_KEY: passphrase }) ?? Buffer.alloc(0))).toBe(true);
    const expected = scryptSync(passphrase, PASSPHRASE_SALT, 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    expect(a?.equals(expected)).toBe(true);
    expect(PASSPHRASE_SALT).toBe("relance/secret-key/v1");
    expect(loadSecretKey({ RELANCE_SECRET_KEY: `${passphrase}!` })?.equals(expected)).toBe(false);
    // A value encrypted under the passphrase's key opens with the same passphrase after a restart.
    const stored = encryptSecret(PASSWORD, a ?? Buffer.alloc(0));
    expect(decryptSecret(stored, loadSecretKey({ RELANCE_SECRET_KEY: passphrase }) ?? Buffer.alloc(0))).toBe(
      PASSWORD,
    );
  });

  it("treats a near-miss hex key as a passphrase only when it is long enough", () => {
    const sixtyThree = KEY.toString("hex").slice(1);
    const key = loadSecretKey({ RELANCE_SECRET_KEY: sixtyThree });
    expect(key?.length).toBe(32);
    expect(key?.equals(Buffer.from(`0${sixtyThree}`, "hex"))).toBe(false);
    const e = secretError(() => loadSecretKey({ RELANCE_SECRET_KEY: "short" }));
    expect(e.code).toBe("bad_key");
    expect(e.message).not.toContain("short");
  });
});
