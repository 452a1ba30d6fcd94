import { describe, expect, it } from "vitest";
import { Temporal } from "../calendar.js";
import { formatMessage } from "../messages.js";
import {
  checkDueDate,
  checkTerm,
  defaultTerm,
  dueDate,
  formatTerm,
  type PaymentTerm,
  parsePaymentTerm,
  TERM_RULES,
} from "./terms.js";

const d = (s: string) => Temporal.PlainDate.from(s);
const parsed = (s: string) => {
  const r = parsePaymentTerm(s);
  if (!r.ok) throw new Error(`${s}: ${r.problem.code}`);
  return r.value;
};

describe("parsePaymentTerm", () => {
  it.each<[string, PaymentTerm]>([
    ["30", { kind: "days", days: 30 }],
    ["0", { kind: "days", days: 0 }],
    ["30 jours", { kind: "days", days: 30 }],
    ["30j", { kind: "days", days: 30 }],
    ["Net 30", { kind: "days", days: 30 }],
    ["60 jours net", { kind: "days", days: 60 }],
    ["30 jours date de facture", { kind: "days", days: 30 }],
    ["45 days", { kind: "days", days: 45 }],
    ["45 jours fin de mois", { kind: "days_end_of_month", days: 45 }],
    ["45 J  FDM", { kind: "days_end_of_month", days: 45 }],
    ["30 days end of month", { kind: "days_end_of_month", days: 30 }],
    ["net 45 EOM", { kind: "days_end_of_month", days: 45 }],
    ["fin de mois + 10", { kind: "end_of_month_plus", days: 10 }],
    ["Fin de mois +45 jours", { kind: "end_of_month_plus", days: 45 }],
    ["fin de mois plus 15 jours", { kind: "end_of_month_plus", days: 15 }],
    ["end of month + 10 days", { kind: "end_of_month_plus", days: 10 }],
    ["fin de mois le 10", { kind: "end_of_month_plus", days: 10 }],
    ["end of month on the 15th", { kind: "end_of_month_plus", days: 15 }],
    ["fin de mois", { kind: "end_of_month_plus", days: 0 }],
    ["À réception", { kind: "on_receipt" }],
    ["a reception de facture", { kind: "on_receipt" }],
    ["dès réception", { kind: "on_receipt" }],
    ["comptant", { kind: "on_receipt" }],
    ["on receipt", { kind: "on_receipt" }],
    ["Due upon receipt", { kind: "on_receipt" }],
  ])("%s", (text, term) => {
    expect(parsePaymentTerm(text)).toEqual({ ok: true, value: term });
  });

  it("refuses what is not in the grammar, with the value", () => {
    expect(parsePaymentTerm("trente jours")).toEqual({
      ok: false,
      problem: { code: "terms.invalid", params: { value: "trente jours" } },
    });
    expect(parsePaymentTerm("30 jours le 15")).toMatchObject({
      ok: false,
      problem: { code: "terms.invalid" },
    });
    expect(parsePaymentTerm("-30")).toMatchObject({ ok: false, problem: { code: "terms.invalid" } });
    expect(parsePaymentTerm("  ")).toMatchObject({ ok: false, problem: { code: "field.required" } });
  });

  it("bounds the days", () => {
    expect(parsePaymentTerm("365 jours")).toEqual({ ok: true, value: { kind: "days", days: 365 } });
    expect(parsePaymentTerm("366 jours")).toMatchObject({
      ok: false,
      problem: { code: "terms.out_of_range", params: { max: 365 } },
    });
    expect(parsePaymentTerm("fin de mois le 28")).toMatchObject({ ok: true });
    expect(parsePaymentTerm("fin de mois le 31")).toMatchObject({
      ok: false,
      problem: { code: "terms.day_of_month_invalid" },
    });
    expect(parsePaymentTerm("fin de mois le 0")).toMatchObject({ ok: false });
  });

  it("formats terms back, in French and English, and the label parses again", () => {
    const terms: PaymentTerm[] = [
      { kind: "days", days: 30 },
      { kind: "days_end_of_month", days: 45 },
      { kind: "end_of_month_plus", days: 10 },
      { kind: "end_of_month_plus", days: 0 },
      { kind: "on_receipt" },
    ];
    expect(terms.map((t) => formatTerm(t))).toEqual([
      "30 jours",
      "45 jours fin de mois",
      "fin de mois + 10 jours",
      "fin de mois",
      "à réception",
    ]);
    expect(formatTerm({ kind: "days_end_of_month", days: 45 }, "en")).toBe("45 days end of month");
    for (const t of terms) {
      expect(parsed(formatTerm(t))).toEqual(t);
      expect(parsed(formatTerm(t, "en"))).toEqual(t);
    }
  });
});

describe("dueDate", () => {
  it.each<[string, string, string]>([
    // N days: across February, common and leap years
    ["2025-01-31", "30", "2025-03-02"],
    ["2024-01-31", "30", "2024-03-01"],
    ["2025-12-31", "60", "2026-03-01"],
    ["2025-03-01", "à réception", "2025-03-01"],
    // N days then end of month
    ["2025-01-15", "45 jours fin de mois", "2025-03-31"],
    ["2024-01-15", "45 jours fin de mois", "2024-02-29"],
    ["2024-01-30", "30 jours fin de mois", "2024-02-29"],
    ["2025-01-30", "30 jours fin de mois", "2025-03-31"],
    ["2025-01-29", "30 jours fin de mois", "2025-02-28"],
    // end of month then N days
    ["2025-01-15", "fin de mois + 45", "2025-03-17"],
    ["2024-01-15", "fin de mois + 45", "2024-03-16"],
    ["2025-02-03", "fin de mois le 10", "2025-03-10"],
    ["2024-02-03", "fin de mois le 10", "2024-03-10"],
    ["2025-07-31", "fin de mois + 30", "2025-08-30"],
    ["2025-08-01", "fin de mois + 30", "2025-09-30"],
    ["2025-02-10", "fin de mois", "2025-02-28"],
  ])("%s + %s = %s", (issue, term, due) => {
    expect(dueDate(d(issue), parsed(term)).toString()).toBe(due);
  });

  it("has the statutory default terms", () => {
    expect(defaultTerm("business")).toEqual({ kind: "days", days: 30 });
    expect(defaultTerm("public")).toEqual({ kind: "days", days: 30 });
    expect(defaultTerm("consumer")).toEqual({ kind: "on_receipt" });
  });
});

describe("checkTerm", () => {
  const business = { debtor: "business" as const };

  it("accepts 60 days and refuses 61 days between businesses, for every invoice date", () => {
    expect(checkTerm(parsed("60 jours"), business)).toMatchObject({ compliant: true, warnings: [] });
    const check = checkTerm(parsed("61 jours"), business);
    expect(check.compliant).toBe(false);
    expect(check.rule?.id).toBe("b2b");
    expect(check.warnings.map((w) => w.code)).toEqual(["terms.cap.b2b"]);
    expect(check.example?.due).not.toBe(check.example?.latest);
  });

  it("accepts 45 days end of month counted either way", () => {
    expect(checkTerm(parsed("45 jours fin de mois"), business).compliant).toBe(true);
    expect(checkTerm(parsed("fin de mois + 45"), business).compliant).toBe(true);
  });

  it("accepts a term lawful by one counting and not by the other", () => {
    // issue 15/01/2025: 60 days = 16/03; invoice + 45 then end of month = 31/03; end of month + 45 = 17/03
    const a = checkTerm(parsed("45 jours fin de mois"), { ...business, issue: d("2025-01-15") });
    expect(a).toMatchObject({ compliant: true, example: { due: "2025-03-31", latest: "2025-03-31" } });
    // issue 01/01/2025: 60 days = 02/03; invoice + 45 then end of month = 28/02; end of month + 45 = 17/03
    const b = checkTerm(parsed("fin de mois + 45"), { ...business, issue: d("2025-01-01") });
    expect(b).toMatchObject({ compliant: true, example: { due: "2025-03-17", latest: "2025-03-17" } });
  });

  it("does not give the end-of-month allowance to a plain number of days", () => {
    // 70 days from 15/01/2025 = 26/03/2025: before 31/03 (45 days end of month) but after 16/03 (60 days)
    const check = checkTerm(parsed("70 jours"), { ...business, issue: d("2025-01-15") });
    expect(check).toMatchObject({ compliant: false, example: { due: "2025-03-26", latest: "2025-03-16" } });
  });

  it("refuses 60 days end of month, with a French message naming the article and the dates", () => {
    const check = checkTerm(parsed("60 jours fin de mois"), { ...business, issue: d("2025-01-31") });
    // 31/01 + 60 = 01/04 → 30/04; the latest of 01/04, 31/03 (17/03 end of month) and 17/03 is 01/04
    expect(check).toMatchObject({ compliant: false, example: { due: "2025-04-30", latest: "2025-04-01" } });
    const [warning] = check.warnings;
    expect(warning?.code).toBe("terms.cap.b2b");
    const text = formatMessage("fr", "terms.cap.b2b", warning?.params);
    expect(text).toContain("L441-10");
    expect(text).toContain("« 60 jours fin de mois »");
    expect(text).toContain("Facture du 31/01/2025 : échéance le 30/04/2025, au plus tard le 01/04/2025");
    // in general it is refused too, with the worst invoice date as the example
    const general = checkTerm(parsed("60 jours fin de mois"), business);
    expect(general.compliant).toBe(false);
    expect(general.example && general.example.due > general.example.latest).toBe(true);
  });

  it("leaves consumer terms alone", () => {
    expect(checkTerm(parsed("120 jours"), { debtor: "consumer" })).toEqual({
      compliant: true,
      rule: null,
      warnings: [],
    });
  });

  it("holds public buyers to 30 days, flagged as unconfirmed", () => {
    const ok = checkTerm(parsed("30 jours"), { debtor: "public" });
    expect(ok.compliant).toBe(true);
    expect(ok.warnings).toEqual([
      { code: "terms.rule_unconfirmed", params: { article: "R2192-10 C. commande publique" } },
    ]);
    const late = checkTerm(parsed("45 jours"), { debtor: "public", issue: d("2025-03-01") });
    expect(late.compliant).toBe(false);
    expect(late.warnings.map((w) => w.code)).toEqual(["terms.cap.public", "terms.rule_unconfirmed"]);
  });

  it("applies the sector caps", () => {
    expect(checkTerm(parsed("30 jours"), { ...business, sector: "transport" }).compliant).toBe(true);
    expect(checkTerm(parsed("31 jours"), { ...business, sector: "transport" }).compliant).toBe(false);
    expect(checkTerm(parsed("45 jours"), { ...business, sector: "periodic_invoice" }).compliant).toBe(true);
    expect(checkTerm(parsed("46 jours"), { ...business, sector: "periodic_invoice" }).compliant).toBe(false);
    // no end-of-month allowance for periodic invoices: 01/01 + 45 = 15/02, end of month + 45 = 17/03
    expect(
      checkTerm(parsed("fin de mois + 45"), {
        ...business,
        sector: "periodic_invoice",
        issue: d("2025-01-01"),
      }).compliant,
    ).toBe(false);
  });

  it("counts perishable food from the delivery", () => {
    const context = { ...business, sector: "perishable_food" as const, issue: d("2025-03-10") };
    const late = checkTerm(parsed("30 jours"), { ...context, delivery: d("2025-03-01") });
    expect(late).toMatchObject({ compliant: false, example: { due: "2025-04-09", latest: "2025-03-31" } });
    expect(formatMessage("fr", "terms.cap.perishable_food", late.warnings[0]?.params)).toContain(
      "Livraison du 01/03/2025",
    );
    const unknown = checkTerm(parsed("30 jours"), context);
    expect(unknown.compliant).toBe(true);
    expect(unknown.warnings.map((w) => w.code)).toEqual(["terms.delivery_unknown"]);
  });

  it("checks a printed due date, allowing end of month when the agreed term is unknown", () => {
    const issue = d("2025-01-15");
    expect(checkDueDate(issue, d("2025-03-31"), business).compliant).toBe(true);
    expect(checkDueDate(issue, d("2025-03-31"), { ...business, endOfMonthAgreed: false }).compliant).toBe(
      false,
    );
    expect(checkDueDate(issue, d("2025-04-01"), business).compliant).toBe(false);
  });

  it("uses the rules given as data", () => {
    const rules = TERM_RULES.map((r) => (r.id === "b2b" ? { ...r, days: 90 } : r));
    expect(checkTerm(parsed("90 jours"), { ...business, rules }).compliant).toBe(true);
  });
});
