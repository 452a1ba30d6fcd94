import { describe, expect, it } from "vitest";
import { matchLine } from "./match-line.js";
import type { BankLine, ClientHint, DeclaredPayment, OpenInvoice } from "./types.js";

// A cheque recorded on receipt (« Chèque reçu ») or a payment declared on the portal tells which of several open
// invoices of the same amount a line without payer nor reference pays.

function line(over: Partial<BankLine>): BankLine {
  return {
    id: "l1",
    booking_date: "2025-12-10",
    amount_cents: 50_000,
    label: "REMISE CHEQUE N 7034512",
    remittance: "",
    creditor_reference: null,
    end_to_end_id: null,
    counterparty_name: null,
    counterparty_iban: null,
    cheque_number: null,
    ...over,
  };
}

const inv = (id: string, client_id: string, balance: number): OpenInvoice => ({
  id,
  number: `F2025-${id}`,
  client_id,
  issue_date: "2025-10-01",
  due_date: "2025-10-31",
  total_cents: balance,
  balance_cents: balance,
  kind: "invoice",
});

const clients: ClientHint[] = [
  { client_id: "a", name: "Plomberie Arnaud", aliases: [], ibans: [], group_id: null },
  { client_id: "b", name: "Cabinet Bernard", aliases: [], ibans: [], group_id: null },
  { client_id: "c", name: "SCI Carpentier", aliases: [], ibans: [], group_id: null },
];
// three open invoices of 500 €, one per client
const invoices = [inv("0001", "a", 50_000), inv("0002", "b", 50_000), inv("0003", "c", 50_000)];

const cheque = (invoice_id: string, over: Partial<DeclaredPayment> = {}): DeclaredPayment => ({
  payment_id: `p-${invoice_id}`,
  invoice_id,
  amount_cents: 50_000,
  method: "cheque",
  reference: "0012345",
  date: "2025-12-05",
  ...over,
});

describe("matchLine with declared payments", () => {
  it("without a register, a cheque remittance of a common amount stays unmatched", () => {
    const d = matchLine(line({}), { invoices, clients });
    expect(d.kind).toBe("unmatched");
  });

  it("a cheque recorded on receipt makes its remittance an automatic match of its invoice", () => {
    const d = matchLine(line({}), { invoices, clients, declared: [cheque("0002")] });
    expect(d.kind).toBe("auto");
    expect(d.best?.invoices).toEqual([{ id: "0002", number: "F2025-0002", amount_cents: 50_000 }]);
    expect(d.best?.reasons.find((r) => r.code === "declared_payment")?.params).toEqual({
      method: "cheque",
      date: "2025-12-05",
      reference: "0012345",
    });
  });

  it("the bank's cheque number alone also says it is a cheque remittance", () => {
    const d = matchLine(line({ label: "REMISE 7034512", cheque_number: "7034512" }), {
      invoices,
      clients,
      declared: [cheque("0002")],
    });
    expect(d.kind).toBe("auto");
  });

  it("two cheques of the same amount are proposed, never taken without asking", () => {
    const d = matchLine(line({}), { invoices, clients, declared: [cheque("0002"), cheque("0003")] });
    expect(d.kind).toBe("proposed");
    expect(["0002", "0003"]).toContain(d.best?.invoices[0]?.id);
    expect(d.reasons.map((r) => r.code)).toContain("ambiguous");
  });

  it("a cheque recorded after the booking date, or long before it, is not this line", () => {
    for (const date of ["2025-12-11", "2025-08-01"]) {
      const d = matchLine(line({}), { invoices, clients, declared: [cheque("0002", { date })] });
      expect(d.kind).toBe("unmatched");
    }
  });

  it("a cheque of another amount, or a transfer line, does not use the cheque register", () => {
    expect(
      matchLine(line({}), { invoices, clients, declared: [cheque("0002", { amount_cents: 49_999 })] }).kind,
    ).toBe("unmatched");
    const transfer = line({ label: "VIR SEPA RECU /DE M DUPONT /MOTIF REGLEMENT" });
    expect(matchLine(transfer, { invoices, clients, declared: [cheque("0002")] }).kind).toBe("unmatched");
  });

  it("a transfer declared on the portal is proposed, and taken when the payer is its client", () => {
    const declared = [cheque("0002", { method: "transfer", reference: null })];
    const unknown = line({
      label: "VIR SEPA RECU /DE M DURAND /MOTIF REGLEMENT",
      counterparty_name: "M DURAND",
    });
    const d = matchLine(unknown, { invoices, clients, declared });
    expect(d.kind).toBe("proposed");
    expect(d.best?.invoices[0]?.id).toBe("0002");
    const known = line({
      label: "VIR SEPA RECU /DE CABINET BERNARD /MOTIF REGLEMENT",
      counterparty_name: "CABINET BERNARD",
    });
    expect(matchLine(known, { invoices, clients, declared }).kind).toBe("auto");
  });
});
