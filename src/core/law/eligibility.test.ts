import { describe, expect, it } from "vitest";
import { Temporal } from "../calendar.js";
import { formatMessage } from "../messages.js";
import { type EligibilityInput, type Procedure, procedureEligibility } from "./eligibility.js";

const asOf = Temporal.PlainDate.from("2026-06-30");
const merchants = (principal_cents: number, interest_cents = 0): EligibilityInput => ({
  creditor: { kind: "business", isMerchant: true },
  debtor: { kind: "business", isMerchant: true, country: "FR" },
  claims: [{ principal_cents, interest_cents }],
  asOf,
});
const pick = (input: EligibilityInput, procedure: Procedure) => {
  const r = procedureEligibility(input).find((p) => p.procedure === procedure);
  if (!r) throw new Error(procedure);
  return r;
};

describe("procedureEligibility", () => {
  it("answers every procedure, each with its reason", () => {
    const all = procedureEligibility(merchants(100_000));
    expect(all.map((p) => p.procedure)).toEqual([
      "small_claims",
      "injonction_de_payer",
      "lawyer_required",
      "european_order_for_payment",
      "uncontested_commercial_claims",
    ]);
    for (const p of all) expect(formatMessage("fr", p.reason.code, p.reason.params)).not.toContain("{");
  });

  it("allows small claims up to 5 000,00 € principal + interest, not one cent more", () => {
    const exactly = pick(merchants(490_000, 10_000), "small_claims");
    expect(exactly).toMatchObject({ eligible: true, reason: { code: "procedure.small_claims_ok" } });
    expect(formatMessage("fr", exactly.reason.code, exactly.reason.params)).toContain("5\u202F000,00\u00A0€");
    const over = pick(merchants(490_000, 10_001), "small_claims");
    expect(over).toMatchObject({ eligible: false, reason: { code: "procedure.small_claims_over" } });
    expect(over.reason.params.amount).toBe("5\u202F000,01\u00A0€");
    // several invoices add up
    const several = {
      ...merchants(0),
      claims: [
        { principal_cents: 300_000, interest_cents: 0 },
        { principal_cents: 200_001, interest_cents: 0 },
      ],
    };
    expect(pick(several, "small_claims").eligible).toBe(false);
  });

  it("requires a lawyer above 10 000,00 €", () => {
    expect(pick(merchants(1_000_000), "lawyer_required")).toMatchObject({
      eligible: false,
      reason: { code: "procedure.lawyer_not_required" },
    });
    expect(pick(merchants(999_999, 1), "lawyer_required").eligible).toBe(false);
    expect(pick(merchants(1_000_000, 1), "lawyer_required")).toMatchObject({
      eligible: true,
      reason: { code: "procedure.lawyer_required" },
    });
  });

  it("sends an injonction de payer between merchants to the tribunal de commerce, else the tribunal judiciaire", () => {
    expect(pick(merchants(2_000_000), "injonction_de_payer")).toMatchObject({
      eligible: true,
      court: "tribunal_de_commerce",
      cerfa: "12946*02",
      reason: { code: "procedure.ip_commerce" },
    });
    const consumer: EligibilityInput = { ...merchants(50_000), debtor: { kind: "consumer", country: "FR" } };
    expect(pick(consumer, "injonction_de_payer")).toMatchObject({
      court: "tribunal_judiciaire",
      cerfa: "12948*06",
      reason: { code: "procedure.ip_judiciaire" },
    });
    const freelancer: EligibilityInput = {
      ...merchants(50_000),
      creditor: { kind: "business", isMerchant: false },
    };
    expect(pick(freelancer, "injonction_de_payer").court).toBe("tribunal_judiciaire");
    const unknown: EligibilityInput = { ...merchants(50_000), debtor: { kind: "business", country: "FR" } };
    expect(pick(unknown, "injonction_de_payer").court).toBe("tribunal_judiciaire");
  });

  it("offers the European order for payment for a debtor in another member state, except Denmark", () => {
    const germany: EligibilityInput = { ...merchants(50_000), debtor: { kind: "business", country: "de" } };
    expect(pick(germany, "european_order_for_payment")).toMatchObject({
      eligible: true,
      reason: { code: "procedure.eop_ok", params: { country: "DE" } },
    });
    expect(pick(germany, "small_claims")).toMatchObject({
      eligible: false,
      reason: { code: "procedure.small_claims_abroad" },
    });
    expect(pick(germany, "injonction_de_payer")).toMatchObject({
      eligible: false,
      reason: { code: "procedure.ip_abroad" },
    });
    expect(pick(germany, "injonction_de_payer").cerfa).toBeUndefined();
    const denmark: EligibilityInput = { ...germany, debtor: { kind: "business", country: "DK" } };
    expect(pick(denmark, "european_order_for_payment").reason.code).toBe("procedure.eop_denmark");
    const us: EligibilityInput = { ...germany, debtor: { kind: "business", country: "US" } };
    expect(pick(us, "european_order_for_payment").reason.code).toBe("procedure.eop_outside_eu");
    expect(pick(merchants(50_000), "european_order_for_payment")).toMatchObject({
      eligible: false,
      reason: { code: "procedure.eop_domestic" },
    });
    const reunion: EligibilityInput = { ...germany, debtor: { kind: "business", country: "RE" } };
    expect(pick(reunion, "small_claims").eligible).toBe(true);
  });

  it("notes that ordinary enforcement does not apply to public debtors", () => {
    const pub: EligibilityInput = { ...merchants(50_000), debtor: { kind: "public", country: "FR" } };
    expect(pick(pub, "injonction_de_payer").notes).toEqual([{ code: "procedure.public_debtor", params: {} }]);
    expect(pick(pub, "small_claims").notes.map((n) => n.code)).toEqual(["procedure.public_debtor"]);
    expect(pick(merchants(50_000), "small_claims").notes).toEqual([]);
  });

  it("mentions the 3-month service rule for orders from 1 September 2026", () => {
    expect(pick(merchants(50_000), "injonction_de_payer").notes).toEqual([]);
    const later = { ...merchants(50_000), asOf: Temporal.PlainDate.from("2026-09-01") };
    expect(pick(later, "injonction_de_payer").notes).toEqual([
      { code: "procedure.ip_serve_within_3_months", params: {} },
    ]);
  });

  it("shows the uncontested commercial claims procedure as information only", () => {
    expect(pick(merchants(50_000), "uncontested_commercial_claims")).toMatchObject({
      eligible: false,
      reason: { code: "procedure.uncontested_info" },
    });
    const before = { ...merchants(50_000), asOf: Temporal.PlainDate.from("2026-04-22") };
    expect(pick(before, "uncontested_commercial_claims").reason.code).toBe("procedure.uncontested_not_yet");
    const consumer: EligibilityInput = { ...merchants(50_000), debtor: { kind: "consumer", country: "FR" } };
    expect(pick(consumer, "uncontested_commercial_claims").reason.code).toBe(
      "procedure.uncontested_not_merchants",
    );
  });

  it("has nothing to claim when the amounts are zero", () => {
    expect(pick(merchants(0), "small_claims")).toMatchObject({
      eligible: false,
      reason: { code: "procedure.nothing_due" },
    });
    expect(pick(merchants(0), "injonction_de_payer").eligible).toBe(false);
  });
});
