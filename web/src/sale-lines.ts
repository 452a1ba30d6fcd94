/**
 * The lines of a quote or an invoice typed in the web app, priced exactly as the server prices them: each net
 * rounded half up to the cent (quantity × unit price), VAT rounded once per rate on the sum of the nets at that
 * rate (EN 16931, src/core/invoices/totals.ts), the deposit per rate (src/core/quotes/deposit.ts). Integer cents
 * and bigint only: test/web/sale-lines.test.ts checks it against the server's functions.
 */

/** The VAT rates offered, in basis points: 20 %, 10 %, 5,5 %, 2,1 %, 0 %. */
export const VAT_RATES_BP = [2000, 1000, 550, 210, 0] as const;

export interface PricedLineInput {
  /** Thousandths: 1.5 units = 1500. */
  quantity_milli: number;
  unit_price_cents: number;
  /** Basis points: 20 % = 2000. */
  vat_rate_bp: number;
}

export interface SaleTotals {
  total_ht_cents: number;
  total_vat_cents: number;
  total_ttc_cents: number;
  /** One entry per rate used, highest rate first. */
  vat_breakdown: { rate_bp: number; base_cents: number; vat_cents: number }[];
}

/** a × n / d rounded half away from zero, in bigint (the server's mulDiv). */
export function mulDiv(a: number, n: number, d: number): number {
  const p = BigInt(a) * BigInt(n);
  const den = BigInt(d);
  let q = p / den;
  const r = p % den;
  const absR = r < 0n ? -r : r;
  if (r !== 0n && 2n * absR >= den) q += p < 0n ? -1n : 1n;
  const out = Number(q);
  if (!Number.isSafeInteger(out)) throw new RangeError("amount out of range");
  return out;
}

/** quantity × unit price, rounded half up to the cent. */
export function lineNet(line: PricedLineInput): number {
  return mulDiv(line.unit_price_cents, line.quantity_milli, 1000);
}

function basesByRate(lines: readonly PricedLineInput[]): [number, number][] {
  const bases = new Map<number, number>();
  for (const l of lines) bases.set(l.vat_rate_bp, (bases.get(l.vat_rate_bp) ?? 0) + lineNet(l));
  return [...bases].sort(([a], [b]) => b - a);
}

/** HT, VAT per rate (rounded once per rate) and TTC of some lines. */
export function saleTotals(lines: readonly PricedLineInput[]): SaleTotals {
  const vat_breakdown = basesByRate(lines).map(([rate_bp, base_cents]) => ({
    rate_bp,
    base_cents,
    vat_cents: mulDiv(base_cents, rate_bp, 10_000),
  }));
  const total_ht_cents = vat_breakdown.reduce((s, v) => s + v.base_cents, 0);
  const total_vat_cents = vat_breakdown.reduce((s, v) => s + v.vat_cents, 0);
  return {
    total_ht_cents,
    total_vat_cents,
    total_ttc_cents: total_ht_cents + total_vat_cents,
    vat_breakdown,
  };
}

/** The deposit's TTC: each rate's HT × percent / 100 rounded to the cent, then VAT per rate (0 at 0 %). */
export function depositCents(lines: readonly PricedLineInput[], percent: number): number {
  if (percent <= 0) return 0;
  const deposit = basesByRate(lines)
    .map(([rate, ht]) => ({
      quantity_milli: 1000,
      unit_price_cents: mulDiv(ht, percent, 100),
      vat_rate_bp: rate,
    }))
    .filter((l) => l.unit_price_cents !== 0);
  return saleTotals(deposit).total_ttc_cents;
}

export type QuantityError = "quantity.invalid" | "quantity.positive" | "quantity.too_many_decimals";

/** "1,5" or "1.5" → 1500 thousandths; spaces group thousands ("1 000"); up to three decimals, above zero. */
export function parseQuantity(
  input: string,
): { ok: true; milli: number } | { ok: false; error: QuantityError } {
  const s = input.replace(/[\s\u00a0\u202f]/g, "");
  const m = /^(\d*)(?:[.,](\d*))?$/.exec(s);
  if (!m || s === "" || s === "," || s === ".") return { ok: false, error: "quantity.invalid" };
  const whole = m[1] ?? "";
  const frac = m[2] ?? "";
  if (frac.length > 3) return { ok: false, error: "quantity.too_many_decimals" };
  if (whole.replace(/^0+/, "").length > 6) return { ok: false, error: "quantity.invalid" };
  const milli = Number(whole || "0") * 1000 + Number(frac.padEnd(3, "0"));
  if (milli <= 0) return { ok: false, error: "quantity.positive" };
  return { ok: true, milli };
}

/** "20 %", "5,5 %" (fr) or "5.5%" (en) from basis points. */
export function formatRate(bp: number, lang = "fr"): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  const n = frac ? `${whole}${lang === "en" ? "." : ","}${frac}` : String(whole);
  return lang === "en" ? `${n}%` : `${n}\u00a0%`;
}

/** "YYYY-MM-DD" plus some days (calendar arithmetic in UTC: no time zone shifts the day). */
export function addDaysIso(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

/**
 * The next quote number of the year's `D-YYYY-NNN` series after those given (`D-2026-014` → `D-2026-015`);
 * `D-2026-001` when none. A proposal only: the server refuses a number already used.
 */
export function nextQuoteNumber(numbers: readonly string[], year: string): string {
  const re = new RegExp(`^D-${year}-(\\d+)$`);
  let last = 0;
  let width = 3;
  for (const n of numbers) {
    const m = re.exec(n.trim());
    if (m?.[1]) {
      last = Math.max(last, Number(m[1]));
      width = Math.max(width, m[1].length);
    }
  }
  return `D-${year}-${String(last + 1).padStart(width, "0")}`;
}
