import { describe, expect, it } from "vitest";
import { evidenceChecklist } from "./evidence.js";

const base = {
  debtor: "business" as const,
  invoices: [{ number: "F-1" }],
  documents: [],
  reminders: [],
  formal_notices: [],
};

describe("evidenceChecklist", () => {
  it("flags every missing piece, the invoices alone being required", () => {
    const c = evidenceChecklist(base);
    expect(c.missing).toEqual(["agreement", "delivery", "reminders", "formal_notice"]);
    expect(c.fileable).toBe(true);
    expect(evidenceChecklist({ ...base, invoices: [] }).fileable).toBe(false);
  });

  it("counts a signed quote, a contract or an order as the agreement, and a delivery note as delivery", () => {
    const c = evidenceChecklist({
      ...base,
      documents: [
        { kind: "purchase_order", filename: "bc.pdf" },
        { kind: "delivery_note", filename: "bl.pdf" },
        { kind: "other", filename: "x.pdf" },
      ],
    });
    expect(c.items.find((i) => i.key === "agreement")).toMatchObject({ status: "present", count: 1 });
    expect(c.items.find((i) => i.key === "delivery")).toMatchObject({ status: "present", count: 1 });
  });

  it("counts the debtor's acknowledgement of debt (reconnaissance de dette) as the agreement", () => {
    const c = evidenceChecklist({ ...base, documents: [{ kind: "acknowledgement", filename: "rdd.pdf" }] });
    expect(c.items.find((i) => i.key === "agreement")).toMatchObject({ status: "present", count: 1 });
    expect(c.missing).not.toContain("agreement");
  });

  it("wants the mise en demeure's receipt date: incomplete without it", () => {
    const sent = evidenceChecklist({
      ...base,
      formal_notices: [{ sent_on: "2026-01-10", received_on: null, number: null }],
    });
    expect(sent.items.find((i) => i.key === "formal_notice")).toMatchObject({
      status: "incomplete",
      detail: { code: "recovery.evidence.notice_no_receipt" },
    });
    const received = evidenceChecklist({
      ...base,
      debtor: "consumer",
      formal_notices: [{ sent_on: "2026-01-10", received_on: "2026-01-12", number: "1A" }],
    });
    expect(received.items.find((i) => i.key === "formal_notice")).toMatchObject({
      status: "present",
      why: { code: "recovery.evidence.notice_why_consumer" },
    });
  });
});
