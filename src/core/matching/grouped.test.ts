import { describe, expect, it } from "vitest";
import { groupedPayments } from "./grouped.js";
import { DEFAULT_THRESHOLDS } from "./thresholds.js";
import type { OpenInvoice } from "./types.js";

const inv = (id: string, balance: number, due: string): OpenInvoice => ({
  id,
  number: `F-${id}`,
  client_id: "c",
  issue_date: "2025-01-01",
  due_date: due,
  total_cents: balance,
  balance_cents: balance,
  kind: "invoice",
});

const ids = (hits: { invoices: OpenInvoice[] }[]) =>
  hits.map((h) =>
    h.invoices
      .map((i) => i.id)
      .sort()
      .join(","),
  );

describe("groupedPayments", () => {
  const open = [
    inv("a", 10_000, "2025-02-01"),
    inv("b", 20_000, "2025-03-01"),
    inv("c", 35_000, "2025-04-01"),
  ];

  it("finds the invoices whose balances add up to the amount, exact sums first", () => {
    expect(ids(groupedPayments(open, 30_000, DEFAULT_THRESHOLDS))).toEqual(["a,b"]);
    expect(ids(groupedPayments(open, 65_000, DEFAULT_THRESHOLDS))).toEqual(["a,b,c"]);
    expect(groupedPayments(open, 10_000, DEFAULT_THRESHOLDS)).toEqual([]); // one invoice is not a group
  });

  it("accepts a sum short by bank fees", () => {
    const [hit] = groupedPayments(open, 44_700, DEFAULT_THRESHOLDS);
    expect(hit?.sum).toBe(45_000);
  });

  it("tries the named invoices together even outside the pool", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      inv(`x${i}`, 1_000 + i, `2025-01-${String(i + 1).padStart(2, "0")}`),
    );
    const late = [inv("y", 50_000, "2026-06-01"), inv("z", 70_000, "2026-07-01")];
    const hits = groupedPayments([...many, ...late], 120_000, DEFAULT_THRESHOLDS, late);
    expect(ids(hits)[0]).toBe("y,z");
  });

  it("stops after its step budget and at its size limit", () => {
    const many = Array.from({ length: 14 }, (_, i) => inv(`x${i}`, 1_000 * (i + 1), "2025-01-01"));
    expect(groupedPayments(many, 105_000, { ...DEFAULT_THRESHOLDS, groupMaxSteps: 10 })).toEqual([]);
    const seven = many.slice(0, 7).reduce((s, i) => s + i.balance_cents, 0); // 1+…+7 thousand: needs 7 invoices
    expect(groupedPayments(many.slice(0, 7), seven, DEFAULT_THRESHOLDS)).toEqual([]);
  });
});
