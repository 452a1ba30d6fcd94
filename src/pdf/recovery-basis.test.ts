import { describe, expect, it } from "vitest";
import { basisText, type RecoveryPdfInput } from "./recovery.js";

const input = (over: Partial<RecoveryPdfInput>) =>
  ({
    debtor: { kind: "business" },
    invoices: [{ number: "F-1" }, { number: "F-2" }],
    pieces: [{ number: 1, title: "Facture n° F-1", date: null, filename: "01.pdf", note: null }],
    ...over,
  }) as unknown as RecoveryPdfInput;

describe("basisText", () => {
  it("tells the court only of the reminders sent and the mise en demeure attached", () => {
    expect(basisText(input({}))).toMatch(/à leur échéance \(F-1, F-2\)\.$/);
    expect(basisText(input({ reminders_sent: 3 }))).toMatch(/\(F-1, F-2\), malgré 3 relances\.$/);
    const notice = {
      number: 2,
      title: "Mise en demeure (LRAR n° 1A) envoyée le 01/03/2026",
      date: "2026-03-01",
      filename: "02-mise-en-demeure.pdf",
      note: null,
    };
    const both = basisText(input({ reminders_sent: 1, pieces: [notice] }));
    expect(both).toMatch(/malgré une relance et la mise en demeure jointe au bordereau\.$/);
  });
});
