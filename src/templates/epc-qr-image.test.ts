import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { epcQrPayload } from "../core/payments/epc-qr.js";
import { unwrap } from "../core/result.js";
import { epcQrPng } from "./epc-qr-image.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which always comes first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const payload = (text: string) =>
  unwrap(
    epcQrPayload({
      name: "Claire Martin Design",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPP",
      amount_cents: 243_108,
      text,
    }),
  );

describe("epcQrPng", () => {
  it("draws a PNG whose side is (modules + 2 × 4 of quiet zone) × scale", async () => {
    const text = payload("F-2026-0112 F-2026-0127");
    const modules = QRCode.create(text, { errorCorrectionLevel: "M" }).modules.size;
    const png = await epcQrPng(text, 5);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: (modules + 8) * 5, height: (modules + 8) * 5 });
    expect(modules).toBeGreaterThanOrEqual(21);
  });

  it("uses error correction level M", async () => {
    // This 225-byte payload needs version 11 (61 modules) at level M; L would give 53 modules, Q 69.
    const text = payload("x".repeat(140));
    expect(Buffer.byteLength(text)).toBe(225);
    const { width } = pngSize(await epcQrPng(text, 1));
    expect(width - 8).toBe(61);
  });

  it("stays within version 13 (69 modules) for a payload of the maximum 331 bytes", async () => {
    const text = unwrap(
      epcQrPayload({
        name: "N".repeat(70),
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPP",
        amount_cents: 243_108,
        text: "é".repeat(56) + "x".repeat(84),
      }),
    );
    expect(Buffer.byteLength(text)).toBe(331);
    const { width } = pngSize(await epcQrPng(text, 1));
    expect(width - 8).toBe(69);
  });

  it("uses 4 pixels per module by default and refuses a silly scale", async () => {
    const text = payload("F-2026-0112");
    const modules = QRCode.create(text, { errorCorrectionLevel: "M" }).modules.size;
    expect(pngSize(await epcQrPng(text)).width).toBe((modules + 8) * 4);
    expect(() => epcQrPng(text, 0)).toThrow(RangeError);
  });
});
