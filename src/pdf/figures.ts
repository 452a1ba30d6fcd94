/** Small pieces every Relance PDF shares: numbers in words of the page, and the finished document as bytes. */
import type { Doc } from "./layout.js";

const NB = "\u00A0";

/** "20 %", "5,5 %" (French) / "5.5%" (English), from basis points. */
export function ratePercent(bp: number, locale: "fr" | "en"): string {
  const whole = Math.floor(bp / 100);
  const decimals = String(bp % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  const n = decimals ? `${whole}${locale === "fr" ? "," : "."}${decimals}` : String(whole);
  return locale === "fr" ? `${n}${NB}%` : `${n}%`;
}

/** 1500 → "1,5" / "1.5", from thousandths. */
export function quantity(milli: number, locale: "fr" | "en"): string {
  const whole = Math.trunc(milli / 1000);
  const rest = String(Math.abs(milli % 1000))
    .padStart(3, "0")
    .replace(/0+$/, "");
  return rest ? `${whole}${locale === "fr" ? "," : "."}${rest}` : String(whole);
}

/** The strings worth printing, in order. */
export const present = (xs: readonly (string | null | undefined | false)[]): string[] =>
  xs.filter((x): x is string => typeof x === "string" && x.trim() !== "");

/** The document's bytes once it has ended (call before doc.end()). */
export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}
