import { describe, expect, it } from "vitest";
import { Temporal } from "../calendar.js";
import { formatMessage } from "../messages.js";
import { type ComplianceInvoice, invoiceCompliance } from "./compliance.js";

const d = (s: string) => Temporal.PlainDate.from(s);

const complete: ComplianceInvoice = {
  number: "F-2025-0042",
  issue_date: d("2025-06-02"),
  seller: {
    name: "Atelier Lune",
    address: "3 rue des Arts, 69001 Lyon",
    siren: "732829320",
    vat_number: "FR44732829320",
  },
  buyer: {
    name: "Boulangerie Martin",
    address: "12 place du Marché, 69002 Lyon",
    siren: "552100554",
    kind: "business",
  },
  delivery_date: d("2025-05-30"),
  lines: [
    { description: "Site vitrine", quantity_milli: 1000, unit_price_cents: 250_000, vat_rate_bp: 2000 },
  ],
  totals_present: true,
  vat_breakdown_present: true,
  due_date: d("2025-07-02"),
  penalty_clause: "default",
  indemnity_mention: true,
  discount_mention: true,
  asOf: d("2025-06-30"),
};
const codes = (
  invoice: ComplianceInvoice,
  ...rest: Parameters<typeof invoiceCompliance> extends [unknown, ...infer R] ? R : never
) => invoiceCompliance(invoice, ...rest).missing.map((m) => m.code);

describe("invoiceCompliance", () => {
  it("finds nothing missing on a complete invoice", () => {
    expect(invoiceCompliance(complete, { kind: "days", days: 30 })).toMatchObject({
      compliant: true,
      missing: [],
      forbidden: [],
      term: { compliant: true },
    });
  });

  it("lists every missing mandatory mention, each with its article", () => {
    const empty: ComplianceInvoice = {
      seller: {},
      buyer: { kind: "business" },
      lines: null,
      asOf: d("2025-06-30"),
    };
    const result = invoiceCompliance(empty, undefined, { vatFranchise: false });
    expect(result.compliant).toBe(false);
    expect(result.missing.map((m) => m.code)).toEqual([
      "mention.number",
      "mention.issue_date",
      "mention.seller_name",
      "mention.seller_address",
      "mention.buyer_name",
      "mention.buyer_address",
      "mention.seller_siren",
      "mention.seller_vat_number",
      "mention.sale_date",
      "mention.lines",
      "mention.totals",
      "mention.due_date",
      "mention.discount_terms",
      "mention.penalty_rate",
      "mention.recovery_indemnity",
    ]);
    for (const m of result.missing) {
      expect(m.article).not.toBe("");
      expect(formatMessage("fr", m.code, m.params)).not.toContain("{");
    }
    expect(result.term).toBeUndefined();
  });

  it("treats blank text as missing and names the line without a description", () => {
    const invoice: ComplianceInvoice = {
      ...complete,
      number: "  ",
      lines: [
        ...(complete.lines ?? []),
        { description: " ", quantity_milli: 1000, unit_price_cents: 100, vat_rate_bp: 2000 },
      ],
      vat_breakdown_present: false,
    };
    const result = invoiceCompliance(invoice);
    expect(result.missing.map((m) => [m.code, m.params])).toEqual([
      ["mention.number", {}],
      ["mention.line_description", { position: 2 }],
      ["mention.vat_per_rate", {}],
    ]);
  });

  it("asks a micro-entrepreneur for the art. 293 B mention instead of a VAT number", () => {
    const micro: ComplianceInvoice = {
      ...complete,
      seller: { ...complete.seller, vat_number: null },
      lines: [{ description: "Cours", quantity_milli: 2000, unit_price_cents: 4000, vat_rate_bp: 0 }],
      vat_breakdown_present: false,
    };
    expect(codes(micro)).toEqual(["mention.vat_exemption"]);
    expect(codes({ ...micro, vat_exemption_mention: "TVA non applicable, art. 293 B du CGI" })).toEqual([]);
    const charged = invoiceCompliance(
      { ...micro, vat_exemption_mention: "TVA non applicable, art. 293 B du CGI", lines: complete.lines },
      undefined,
      { vatFranchise: true },
    );
    expect(charged.forbidden.map((f) => f.code)).toEqual(["mention.vat_charged_in_franchise"]);
    expect(charged.compliant).toBe(false);
  });

  it("does not ask consumer invoices for the B2B mentions, and forbids the 40 € indemnity", () => {
    const consumer: ComplianceInvoice = {
      ...complete,
      buyer: { name: "Jeanne Petit", address: "5 rue Haute, 69003 Lyon", kind: "consumer" },
      penalty_clause: null,
      discount_mention: false,
      indemnity_mention: false,
    };
    expect(invoiceCompliance(consumer)).toMatchObject({ compliant: true, missing: [], forbidden: [] });
    const withIndemnity = invoiceCompliance({ ...consumer, indemnity_mention: true });
    expect(withIndemnity.forbidden.map((f) => f.code)).toEqual(["mention.indemnity_for_consumer"]);
    expect(withIndemnity.compliant).toBe(false);
  });

  it("requires the client SIREN from the e-invoicing dates", () => {
    const noSiren: ComplianceInvoice = { ...complete, buyer: { ...complete.buyer, siren: null } };
    const on = (date: string) => ({ ...noSiren, issue_date: d(date), due_date: d(date) });
    expect(codes(on("2027-08-31"), undefined, { sellerSize: "sme" })).toEqual([]);
    expect(codes(on("2027-09-01"), undefined, { sellerSize: "micro" })).toEqual(["mention.buyer_siren"]);
    expect(codes(on("2026-08-31"), undefined, { sellerSize: "large" })).toEqual([]);
    const large = invoiceCompliance(on("2026-09-01"), undefined, { sellerSize: "large" });
    expect(large.missing).toEqual([
      { code: "mention.buyer_siren", article: expect.any(String), params: { from: "01/09/2026" } },
    ]);
    // without an issue date, asOf decides
    expect(codes({ ...noSiren, issue_date: null, asOf: d("2027-09-01") })).toContain("mention.buyer_siren");
    // consumers have no SIREN
    expect(
      codes({
        ...on("2027-09-01"),
        buyer: { name: "J", address: "A", kind: "consumer" },
        indemnity_mention: false,
      }),
    ).toEqual([]);
  });

  it("checks the agreed term, or else the printed due date, against the caps", () => {
    const withTerm = invoiceCompliance(complete, { kind: "days", days: 90 });
    expect(withTerm.compliant).toBe(false);
    expect(withTerm.missing).toEqual([]);
    expect(withTerm.term?.warnings.map((w) => w.code)).toEqual(["terms.cap.b2b"]);
    // 02/06 + 60 = 01/08; 02/06 + 45 = 17/07 → end of month 31/07; end of June + 45 = 14/08: the latest is 14/08
    const printed = invoiceCompliance({ ...complete, due_date: d("2025-09-15") });
    expect(printed.compliant).toBe(false);
    expect(printed.term).toMatchObject({
      compliant: false,
      example: { due: "2025-09-15", latest: "2025-08-14" },
    });
    expect(invoiceCompliance({ ...complete, due_date: d("2025-08-14") }).term?.compliant).toBe(true);
    expect(
      invoiceCompliance({
        ...complete,
        buyer: { ...complete.buyer, kind: "public" },
        due_date: d("2025-07-03"),
      }).term?.compliant,
    ).toBe(false);
  });
});
