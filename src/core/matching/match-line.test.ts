import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchLine } from "./match-line.js";
import type { BankLine, ClientHint, Decision, MatchReasonCode, OpenInvoice } from "./types.js";

const IBAN_MARTIN = "FR76 3000 6000 0112 3456 7890 189";

function line(over: Partial<BankLine>): BankLine {
  return {
    id: "l1",
    booking_date: "2025-12-10",
    amount_cents: 144_000,
    label: "VIR SEPA RECU",
    remittance: "",
    creditor_reference: null,
    end_to_end_id: null,
    counterparty_name: null,
    counterparty_iban: null,
    cheque_number: null,
    ...over,
  };
}

function inv(
  id: string,
  number: string,
  client_id: string,
  balance: number,
  over: Partial<OpenInvoice> = {},
): OpenInvoice {
  return {
    id,
    number,
    client_id,
    issue_date: "2025-10-01",
    due_date: "2025-10-31",
    total_cents: balance,
    balance_cents: balance,
    kind: "invoice",
    ...over,
  };
}

const clients: ClientHint[] = [
  { client_id: "martin", name: "SARL Martin Conseil", aliases: [], ibans: [IBAN_MARTIN], group_id: null },
  { client_id: "dupont", name: "Boulangerie Dupont", aliases: ["DUPONT J"], ibans: [], group_id: null },
  { client_id: "holding", name: "Lambert Holding SAS", aliases: [], ibans: [], group_id: "g1" },
  { client_id: "sub", name: "Lambert Nord SARL", aliases: [], ibans: [], group_id: "g1" },
];

const invoices = [
  inv("i42", "F2025-0042", "martin", 144_000),
  inv("i43", "F2025-0043", "martin", 60_000, { due_date: "2025-11-15" }),
  inv("i44", "F2025-0044", "martin", 84_000, { due_date: "2025-11-30" }),
  inv("d1", "F2025-0050", "dupont", 144_000),
  inv("d2", "F2025-0051", "dupont", 35_000),
  inv("s1", "F2025-0060", "sub", 250_000),
];

const codes = (d: Decision): MatchReasonCode[] => d.best?.reasons.map((r) => r.code) ?? [];
const ids = (d: Decision) => d.best?.invoices.map((i) => i.id);
const run = (over: Partial<BankLine>, ctx = { invoices, clients }) => matchLine(line(over), ctx);

describe("matchLine: automatic matches", () => {
  it("applies an exact reference with the balance's amount", () => {
    const d = run({ label: "VIR SEPA RECU /DE INCONNU /MOTIF FACT F2025-0042" });
    expect(d.kind).toBe("auto");
    expect(ids(d)).toEqual(["i42"]);
    expect(codes(d)).toEqual(expect.arrayContaining(["number_in_text", "amount_equals_balance"]));
    expect(d.best?.invoices[0]?.amount_cents).toBe(144_000);
  });
  it("reads a mangled reference", () => {
    const d = run({ label: "VIR RECU", remittance: "REGLT fact 2025.0O42" });
    expect(d.kind).toBe("auto");
    expect(ids(d)).toEqual(["i42"]);
  });
  it("applies the only invoice of that amount of a client known by its IBAN", () => {
    const d = run({
      label: "VIR SEPA RECU /MOTIF HONORAIRES",
      amount_cents: 60_000,
      counterparty_iban: IBAN_MARTIN,
    });
    expect(d.kind).toBe("auto");
    expect(ids(d)).toEqual(["i43"]);
    expect(codes(d)).toEqual(
      expect.arrayContaining(["iban_known", "amount_equals_balance", "amount_unique"]),
    );
  });
  it("applies a grouped payment whose invoices are all named", () => {
    const d = run({ label: "VIR /DE X /MOTIF F2025-0043 F2025-0044", amount_cents: 144_000 });
    expect(d.kind).toBe("auto");
    expect(ids(d)).toEqual(["i43", "i44"]);
    expect(codes(d)).toContain("amount_sum_of_invoices");
  });
  it("applies a payment short by bank fees, allocating what was received", () => {
    const d = run({ label: "VIR /DE X /MOTIF INV F2025-0042", amount_cents: 143_200 });
    expect(d.kind).toBe("auto");
    expect(d.best?.invoices).toEqual([{ id: "i42", number: "F2025-0042", amount_cents: 143_200 }]);
    expect(d.best?.reasons).toContainEqual({
      code: "amount_fees",
      params: { shortfall: 800, balance: 144_000 },
    });
  });
});

describe("matchLine: proposals", () => {
  it("never applies on a name and an amount alone", () => {
    const d = run({ label: "VIR SEPA RECU /DE SARL MARTIN CONSEIL /MOTIF SOLDE", amount_cents: 84_000 });
    expect(d.kind).toBe("proposed");
    expect(ids(d)).toEqual(["i44"]);
    expect(codes(d)).toContain("payer_name");
  });
  it("never applies on an amount shared by several invoices", () => {
    const d = run({ label: "REMISE CHEQUE N 1234567", cheque_number: "1234567" });
    expect(d.kind).not.toBe("auto");
    expect(d.alternatives.length).toBeGreaterThan(0);
  });
  it("proposes an amount that only one open invoice has", () => {
    const d = run({ label: "REMISE CHEQUE N 1234567", amount_cents: 35_000 });
    expect(d.kind).toBe("proposed");
    expect(ids(d)).toEqual(["d2"]);
    expect(codes(d)).toContain("amount_unique");
  });
  it("proposes a partial payment with the invoice's reference", () => {
    const d = run({ label: "VIR /DE MARTIN /MOTIF ACOMPTE F2025-0042", amount_cents: 50_000 });
    expect(d.kind).toBe("proposed");
    expect(d.best?.invoices).toEqual([{ id: "i42", number: "F2025-0042", amount_cents: 50_000 }]);
    expect(codes(d)).toContain("partial_with_reference");
  });
  it("proposes a reference with a typo", () => {
    const d = run({
      label: "VIR /DE X /MOTIF FACT F2025-0024",
      amount_cents: 144_000,
      counterparty_iban: IBAN_MARTIN,
    });
    expect(d.kind).toBe("proposed");
    expect(ids(d)).toEqual(["i42"]);
    expect(d.best?.reasons).toContainEqual({
      code: "number_fuzzy",
      params: { number: "F2025-0042", found: "2025-0024" },
    });
  });
  it("proposes a grouped payment found by subset sum, without reference", () => {
    const d = run({
      label: "VIR SEPA RECU /MOTIF FACTURES",
      amount_cents: 204_000,
      counterparty_iban: IBAN_MARTIN,
    });
    expect(d.kind).toBe("proposed");
    expect(ids(d)).toEqual(["i42", "i43"]);
  });
  it("proposes a parent company paying a subsidiary's invoice, even with its reference", () => {
    const d = run({
      label: "VIR SEPA RECU /DE LAMBERT HOLDING /MOTIF FACT F2025-0060",
      amount_cents: 250_000,
    });
    expect(d.kind).toBe("proposed");
    expect(ids(d)).toEqual(["s1"]);
    expect(codes(d)).toEqual(expect.arrayContaining(["number_in_text", "payer_group"]));
  });
  it("proposes another client's invoice when no group is known", () => {
    const noGroup = clients.map((c) => ({ ...c, group_id: null }));
    const d = run(
      { label: "VIR /DE LAMBERT HOLDING /MOTIF FACT F2025-0060", amount_cents: 250_000 },
      { invoices, clients: noGroup },
    );
    expect(d.kind).toBe("proposed");
    expect(codes(d)).toContain("payer_other_client");
  });
  it("applies it once the parent's name was learned as the subsidiary's alias", () => {
    const learned = clients.map((c) => (c.client_id === "sub" ? { ...c, aliases: ["LAMBERT HOLDING"] } : c));
    const d = run(
      { label: "VIR /DE LAMBERT HOLDING /MOTIF FACT F2025-0060", amount_cents: 250_000 },
      { invoices, clients: learned },
    );
    expect(d.kind).toBe("auto");
    expect(codes(d)).toContain("payer_alias");
  });
  it("flags an amount equal to the total of a partly paid invoice, allocating the balance", () => {
    const partly = [inv("p1", "F2025-0070", "dupont", 30_000, { total_cents: 100_000 })];
    const d = run(
      { label: "VIR /DE X /MOTIF F2025-0070", amount_cents: 100_000 },
      { invoices: partly, clients },
    );
    expect(d.kind).toBe("proposed");
    expect(d.best?.invoices[0]?.amount_cents).toBe(30_000);
    expect(codes(d)).toEqual(expect.arrayContaining(["amount_equals_total", "overpayment"]));
  });
  it("does not apply a payment received before the invoice was issued", () => {
    const d = run({ label: "VIR /MOTIF FACT F2025-0042", booking_date: "2025-09-01" });
    expect(d.kind).not.toBe("auto");
    expect(d.best?.reasons.map((r) => r.code) ?? d.alternatives[0]?.reasons.map((r) => r.code)).toContain(
      "before_issue",
    );
  });
  it("does not apply by IBAN when the text names an invoice that is not open", () => {
    const d = run({
      label: "VIR /MOTIF FACT F2025-0099",
      amount_cents: 60_000,
      counterparty_iban: IBAN_MARTIN,
    });
    expect(d.kind).toBe("proposed");
  });
  it("says when two candidates are as strong", () => {
    const twins = [inv("a", "F2025-0001", "dupont", 10_000), inv("b", "F2025-0002", "dupont", 10_000)];
    const d = run(
      { label: "VIR /DE DUPONT J /MOTIF SOLDE", amount_cents: 10_000 },
      { invoices: twins, clients },
    );
    expect(d.kind).toBe("proposed");
    expect(d.reasons[0]?.code).toBe("ambiguous");
  });
});

describe("matchLine: unmatched", () => {
  it.each([
    ["VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT CREDIT TVA", "tax_refund"],
    ["VIR INTERNE DE CPTE 12345678", "own_transfer"],
    ["INTERETS CREDITEURS", "interest"],
    ["VIR SEPA RECU /DE CPAM PARIS", "social_body"],
  ])("%s is not an invoice payment", (label, kind) => {
    const d = run({ label, amount_cents: 144_000 });
    expect(d.kind).toBe("unmatched");
    expect(d.reasons).toEqual([{ code: "non_invoice_credit", params: { kind } }]);
  });
  it("a credit from one of the organization's accounts", () => {
    const d = matchLine(line({ counterparty_iban: "FR7612345" }), {
      invoices,
      clients,
      ownIbans: ["FR76 12345"],
    });
    expect(d.reasons[0]?.code).toBe("own_transfer");
  });
  it("nothing fits", () => {
    expect(run({ amount_cents: 1 }).reasons).toEqual([{ code: "no_candidate", params: {} }]);
  });
  it("too weak a lead", () => {
    const d = run(
      { label: "VIR /DE SARL MARTIN CONSEIL /MOTIF X", amount_cents: 1_000 },
      { invoices, clients: clients.map((c) => ({ ...c, ibans: [] })) },
    );
    expect(d.kind).toBe("unmatched");
  });
});

describe("matchLine: properties", () => {
  const arbInvoice = fc.record({
    id: fc.constantFrom("a", "b", "c", "d", "e", "f"),
    seq: fc.integer({ min: 1, max: 60 }),
    client: fc.constantFrom("martin", "dupont", "sub"),
    balance: fc.integer({ min: 1, max: 300_000 }),
  });
  it("never allocates more than a balance, nor more than the line in all", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbInvoice, { selector: (i) => i.id, maxLength: 6 }),
        fc.integer({ min: 1, max: 600_000 }),
        fc.constantFrom("FACT F2025-0001", "F2025-0002 F2025-0003", "SOLDE", "F2025-0007"),
        fc.boolean(),
        (arb, amount, motif, withIban) => {
          const open = arb.map((a) =>
            inv(a.id, `F2025-${String(a.seq).padStart(4, "0")}`, a.client, a.balance),
          );
          const d = matchLine(
            line({
              label: `VIR /DE X /MOTIF ${motif}`,
              amount_cents: amount,
              counterparty_iban: withIban ? IBAN_MARTIN : null,
            }),
            { invoices: open, clients },
          );
          for (const c of [d.best, ...d.alternatives]) {
            if (c === undefined) continue;
            const total = c.invoices.reduce((s, i) => s + i.amount_cents, 0);
            expect(total).toBeLessThanOrEqual(amount);
            for (const a of c.invoices) {
              expect(a.amount_cents).toBeGreaterThan(0);
              expect(a.amount_cents).toBeLessThanOrEqual(open.find((o) => o.id === a.id)?.balance_cents ?? 0);
            }
            expect(c.score).toBeGreaterThanOrEqual(0);
            expect(c.score).toBeLessThanOrEqual(100);
          }
          if (d.kind === "auto") expect(d.best?.score).toBeGreaterThanOrEqual(90);
        },
      ),
      { numRuns: 300 },
    );
  });
});
