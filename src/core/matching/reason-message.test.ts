import { describe, expect, it } from "vitest";
import { matchingEn, matchingFr } from "../i18n/matching.js";
import { reasonMessage } from "./reason-message.js";
import type { MatchReason, MatchReasonCode } from "./types.js";

const ALL: MatchReason[] = (
  [
    ["number_in_text", { number: "F2025-0042" }],
    ["number_fuzzy", { number: "F2025-0042", found: "2025-0024" }],
    ["amount_equals_balance", { amount: 144_000 }],
    ["amount_equals_total", { total: 100_000, balance: 30_000 }],
    ["amount_sum_of_invoices", { count: 2, amount: 204_000 }],
    ["amount_fees", { shortfall: 800, balance: 144_000 }],
    ["partial_with_reference", { paid: 50_000, balance: 144_000 }],
    ["partial_payment", { paid: 50_000, balance: 144_000 }],
    ["overpayment", { excess: 70_000 }],
    ["amount_unique", { among: "all" }],
    ["amount_unique", { among: "client" }],
    ["payer_name", { name: "Martin", similarity: 92 }],
    ["payer_alias", { alias: "MARTIN C" }],
    ["iban_known", { iban: "…0189" }],
    ["payer_group", { payer: "LAMBERT HOLDING" }],
    ["payer_other_client", { payer: "LAMBERT HOLDING" }],
    ["declared_payment", { method: "cheque", date: "2026-11-30", reference: "1234567" }],
    ["declared_payment", { method: "cheque", date: "2026-11-30" }],
    ["declared_payment", { method: "transfer", date: "2026-11-30" }],
    ["before_issue", { number: "F2025-0042", issue_date: "2025-10-01" }],
    ["ambiguous", { count: 2 }],
    ["non_invoice_credit", { kind: "tax_refund" }],
    ["non_invoice_credit", { kind: "own_transfer" }],
    ["non_invoice_credit", { kind: "interest" }],
    ["non_invoice_credit", { kind: "social_body" }],
    ["non_invoice_credit", { kind: "loan" }],
    ["own_transfer", {}],
    ["no_candidate", {}],
    ["below_threshold", { score: 43, threshold: 50 }],
  ] as [MatchReasonCode, MatchReason["params"]][]
).map(([code, params]) => ({ code, params }));

describe("reasonMessage", () => {
  it.each(
    ALL.map((r) => [`${r.code} ${JSON.stringify(r.params)}`, r] as const),
  )("%s has a message with its params", (_, r) => {
    for (const locale of ["fr", "en"] as const) {
      const { code, params } = reasonMessage(r, locale);
      const template = (locale === "fr" ? matchingFr : matchingEn)[code];
      expect(template).toBeTruthy();
      for (const [, name] of template.matchAll(/\{(\w+)\}/g)) expect(params).toHaveProperty(name as string);
    }
  });
  it("formats amounts in cents for the locale", () => {
    const r: MatchReason = { code: "amount_fees", params: { shortfall: 800, balance: 144_000 } };
    expect(reasonMessage(r, "fr").params).toEqual({
      shortfall: "8,00\u00A0€",
      balance: "1\u202F440,00\u00A0€",
    });
    expect(reasonMessage(r, "en").params).toEqual({ shortfall: "€8.00", balance: "€1,440.00" });
  });
  it("says which cheque was received, and when", () => {
    const r: MatchReason = {
      code: "declared_payment",
      params: { method: "cheque", date: "2026-11-30", reference: "1234567" },
    };
    const fr = reasonMessage(r, "fr");
    expect(fr.params).toMatchObject({ date: "30/11/2026", reference: " n° 1234567" });
    expect(
      reasonMessage({ ...r, params: { method: "cheque", date: "2026-11-30" } }, "en").params,
    ).toMatchObject({
      date: "30 Nov 2026",
      reference: "",
    });
  });
  it("covers every message", () => {
    const used = new Set(ALL.map((r) => reasonMessage(r, "fr").code));
    expect([...used].sort()).toEqual(Object.keys(matchingFr).sort());
  });
});
