import { describe, expect, it } from "vitest";
import { buildClientIndex, payerCandidates } from "./client-index.js";
import type { BankLine, ClientHint } from "./types.js";

const hints: ClientHint[] = [
  { client_id: "a", name: "SARL Gautier Studio Grenoble", aliases: [], ibans: ["FR76 1111"], group_id: null },
  { client_id: "b", name: "Gauthier Studio Lyon", aliases: ["GTH STUDIO"], ibans: [], group_id: "g" },
  { client_id: "c", name: "Gauthier Holding", aliases: [], ibans: [], group_id: "g" },
  { client_id: "d", name: "Boulangerie Martin", aliases: [], ibans: [], group_id: null },
];

const line = (over: Partial<BankLine>): BankLine => ({
  id: "l",
  booking_date: "2025-12-01",
  amount_cents: 100,
  label: "",
  remittance: "",
  creditor_reference: null,
  end_to_end_id: null,
  counterparty_name: null,
  counterparty_iban: null,
  cheque_number: null,
  ...over,
});

const ids = (l: BankLine) =>
  payerCandidates(buildClientIndex(hints), l)
    .map((h) => h.client_id)
    .sort();

describe("payerCandidates", () => {
  it("finds a client by IBAN", () => {
    expect(ids(line({ counterparty_iban: "FR761111" }))).toEqual(["a"]);
  });
  it("finds clients by the words of a truncated name, and their groups", () => {
    expect(ids(line({ label: "VIR SEPA RECU /DE GAUTHIER STU /MOTIF X" }))).toEqual(["a", "b", "c"]);
    expect(ids(line({ counterparty_name: "GTH STUDIO" }))).toEqual(["a", "b", "c"]);
  });
  it("finds nobody for an unknown payer", () => {
    expect(ids(line({ label: "REMISE CHEQUE N 1234567" }))).toEqual([]);
  });
});
