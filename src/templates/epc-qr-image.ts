import QRCode from "qrcode";

/**
 * The PNG image of an EPC payment QR code (see core/payments/epc-qr.ts for the payload): error correction level M
 * as EPC069-12 requires, a quiet zone of 4 modules, `scale` pixels per module.
 */
export function epcQrPng(payload: string, scale = 4): Promise<Buffer> {
  if (!Number.isInteger(scale) || scale < 1 || scale > 32)
    throw new RangeError(`invalid QR code scale: ${scale}`);
  return QRCode.toBuffer(payload, { type: "png", errorCorrectionLevel: "M", margin: 4, scale });
}
