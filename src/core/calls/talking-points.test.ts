import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../calendar.js";
import { type PaymentScore, paymentScore } from "../clients/payment-score.js";
import { unwrap } from "../result.js";
import { type CallSituation, proposedPaymentDate, talkingPoints } from "./talking-points.js";

const today = unwrap(parseIsoDate("2026-06-30")); // a Tuesday
const good: PaymentScore = {
  ...paymentScore([], today),
  value: 95,
  grade: "A",
  tone: "friendly",
  average_days_late: 1.4,
  invoices: 11,
  late_invoices: 1,
  longest_delay_days: 15,
  first_delay: true,
};
const habitual: PaymentScore = {
  ...good,
  value: 25,
  grade: "D",
  tone: "formal",
  average_days_late: 38.5,
  late_invoices: 9,
  longest_delay_days: 75,
  trend: "worsening",
  broken_promises: 2,
  first_delay: false,
};
function situation(score: PaymentScore, over: Partial<CallSituation> = {}): CallSituation {
  return {
    score,
    client_kind: "business",
    overdue_invoices: 1,
    balance_cents: 120_000,
    extras_cents: 4_500,
    max_days_late: 15,
    disputed_invoices: 0,
    open_promises: 0,
    today,
    ...over,
  };
}

describe("talkingPoints", () => {
  it("a good payer's first delay: friendly, a near date, no plan", () => {
    const script = talkingPoints(situation(good), "fr");
    expect(script.tone).toBe("friendly");
    expect(script.opening).toMatch(/^Ton cordial/);
    expect(script.points[0]).toMatch(/Premier retard d'un bon payeur/);
    expect(script.points.join("\n")).not.toMatch(/Pénalités/);
    expect(script.proposals.map((p) => p.kind)).toEqual(["payment_date", "bill"]);
    expect(script.proposals[0]?.date).toBe("2026-07-08");
    expect(script.proposals[0]?.text).toContain("08/07/2026");
  });

  it("a habitual late payer: formal, the pattern, broken promises, a plan", () => {
    const script = talkingPoints(
      situation(habitual, { overdue_invoices: 4, balance_cents: 450_000, max_days_late: 62 }),
      "fr",
    );
    expect(script.tone).toBe("formal");
    const text = script.points.join("\n");
    expect(text).toContain("9 factures en retard sur 12 mois, 38,5 jours en moyenne, au plus 75 jours");
    expect(text).toContain("2 promesse(s) non tenue(s)");
    expect(text).toContain("mise en demeure");
    expect(text).toContain("4\u202F500,00\u00A0€ sur 4 facture(s) échue(s), jusqu'à 62 jours");
    expect(script.proposals.map((p) => p.kind)).toEqual(["payment_date", "plan", "bill"]);
    expect(script.proposals[0]?.date).toBe("2026-07-03");
  });

  it("no bill of exchange for a consumer or a public buyer; English by locale", () => {
    for (const kind of ["consumer", "public"] as const) {
      const script = talkingPoints(situation(habitual, { client_kind: kind }), "en");
      expect(script.proposals.map((p) => p.kind)).not.toContain("bill");
      expect(script.opening).toMatch(/^Formal tone/);
    }
  });

  it("nothing owed: nothing to propose", () => {
    expect(talkingPoints(situation(good, { balance_cents: 0, overdue_invoices: 0 }), "fr").proposals).toEqual(
      [],
    );
  });

  it("moves a proposed date off the weekend", () => {
    // Tuesday 30 June + 5 days = Sunday 5 July → Monday 6 July
    expect(proposedPaymentDate("firm", today).toString()).toBe("2026-07-06");
  });
});
