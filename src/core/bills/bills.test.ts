import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Temporal } from "../calendar.js";
import { allocateBill } from "./allocate.js";
import { type BillText, issueProblem, missingMentions } from "./mentions.js";
import { allowedEvents, BILL_STATES, checkTransition } from "./state.js";

const d = (s: string) => Temporal.PlainDate.from(s);

const valid: BillText = {
  title: "LETTRE DE CHANGE",
  order: "Contre cette LETTRE DE CHANGE, veuillez payer la somme de 1 200,00 € à l'ordre de Atelier Martin",
  amount_cents: 120000,
  drawee_name: "Boulangerie Dupont",
  due_on: d("2026-12-31"),
  place_of_payment: "Crédit Lyonnais, Lyon",
  payee_name: "Atelier Martin",
  issue_on: d("2026-11-26"),
  issue_place: "Lyon",
  drawer_name: "Atelier Martin",
};

describe("missingMentions (C. com. L511-1)", () => {
  it("a bill with the eight mentions lacks none", () => {
    expect(missingMentions(valid)).toEqual([]);
  });

  it.each([
    [{ title: "EFFET" }, "denomination"],
    [{ order: "Veuillez payer la somme de 1 200,00 €" }, "denomination"],
    [{ amount_cents: 0 }, "order_to_pay"],
    [
      { order: "Contre cette lettre de change, veuillez payer 1 200 € si la livraison est conforme" },
      "order_to_pay",
    ],
    [{ drawee_name: " " }, "drawee"],
    [{ due_on: null }, "due_date"],
    [{ place_of_payment: "" }, "place_of_payment"],
    [{ payee_name: "" }, "payee"],
    [{ issue_place: "" }, "issue_date_place"],
    [{ issue_on: null }, "issue_date_place"],
    [{ drawer_name: "" }, "drawer_signature"],
  ] as const)("%o → %s missing", (change, mention) => {
    expect(missingMentions({ ...valid, ...change })).toEqual([mention]);
  });

  it("lists every missing mention in the article's order", () => {
    expect(missingMentions({ ...valid, drawer_name: "", drawee_name: "", issue_place: "" })).toEqual([
      "drawee",
      "issue_date_place",
      "drawer_signature",
    ]);
  });
});

describe("issueProblem", () => {
  it("refuses a consumer and a due date before the issue", () => {
    expect(issueProblem("consumer", d("2026-11-26"), d("2026-12-31"))).toBe("bill.consumer_refused");
    expect(issueProblem("business", d("2026-11-26"), d("2026-11-25"))).toBe("bill.due_before_issue");
    expect(issueProblem("business", d("2026-11-26"), d("2026-11-26"))).toBeNull();
    expect(issueProblem("public", d("2026-11-26"), d("2026-12-31"))).toBeNull();
  });
});

describe("checkTransition", () => {
  const bill = { state: "issued" as const, issue_on: d("2026-11-01"), due_on: d("2026-11-30") };
  const today = d("2026-12-05");

  it("follows the state machine", () => {
    expect(checkTransition(bill, "accept", d("2026-11-03"), today)).toEqual({ ok: true, value: "accepted" });
    expect(checkTransition({ ...bill, state: "presented" }, "accept", d("2026-11-03"), today)).toMatchObject({
      ok: false,
      problem: { code: "bill.transition_refused" },
    });
    expect(allowedEvents("paid")).toEqual([]);
    expect(allowedEvents("cancelled")).toEqual([]);
    expect(allowedEvents("unpaid")).toEqual(["pay"]);
    expect(allowedEvents("presented")).not.toContain("cancel");
    for (const state of BILL_STATES) {
      for (const event of allowedEvents(state)) {
        const r = checkTransition({ ...bill, state }, event, d("2026-12-01"), today);
        expect(r.ok, `${state} ${event}`).toBe(true);
      }
    }
  });

  it("refuses a date in the future, before the issue, or an unpaid before the due date", () => {
    expect(checkTransition(bill, "pay", d("2026-12-06"), today)).toMatchObject({
      problem: { code: "bill.date_in_future" },
    });
    expect(checkTransition(bill, "accept", d("2026-10-31"), today)).toMatchObject({
      problem: { code: "bill.date_before_issue" },
    });
    expect(checkTransition(bill, "unpaid", d("2026-11-29"), today)).toMatchObject({
      problem: { code: "bill.unpaid_before_due" },
    });
    expect(checkTransition(bill, "unpaid", d("2026-11-30"), today).ok).toBe(true);
  });
});

describe("allocateBill", () => {
  it("fills the oldest invoices first", () => {
    const invoices = [
      { id: "b", due_date: "2026-02-01", balance_cents: 500 },
      { id: "a", due_date: "2026-01-01", balance_cents: 300 },
      { id: "c", due_date: "2026-03-01", balance_cents: 900 },
    ];
    expect(allocateBill(700, invoices)).toEqual([
      { invoice_id: "a", amount_cents: 300 },
      { invoice_id: "b", amount_cents: 400 },
    ]);
    expect(() => allocateBill(1701, invoices)).toThrow(RangeError);
    expect(() => allocateBill(0, invoices)).toThrow(RangeError);
  });

  it("always sums exactly to the amount, never above an invoice's balance", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (balances, share) => {
          const invoices = balances.map((b, i) => ({
            id: `i${i}`,
            due_date: `2026-01-${(i % 28) + 1}`,
            balance_cents: b,
          }));
          const total = balances.reduce((s, b) => s + b, 0);
          const amount = Math.max(1, Math.round(total * share));
          const parts = allocateBill(amount, invoices);
          expect(parts.reduce((s, p) => s + p.amount_cents, 0)).toBe(amount);
          for (const p of parts) {
            const inv = invoices.find((i) => i.id === p.invoice_id);
            expect(p.amount_cents).toBeGreaterThan(0);
            expect(p.amount_cents).toBeLessThanOrEqual(inv?.balance_cents ?? 0);
          }
        },
      ),
    );
  });
});
