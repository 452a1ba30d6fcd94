import { describe, expect, it } from "vitest";
import { Temporal } from "../calendar.js";
import { checkQuoteMove, type QuoteState, quoteStateOn } from "./state.js";

const today = Temporal.PlainDate.from("2026-03-10");
const q = (status: QuoteState, valid_until: string | null = "2026-03-10") => ({ status, valid_until });

describe("quote state machine", () => {
  it("sends a draft, then accepts, refuses or expires the sent quote", () => {
    expect(checkQuoteMove(q("draft"), "sent", today)).toEqual({ ok: true });
    for (const to of ["accepted", "refused", "expired"] as const) {
      expect(checkQuoteMove(q("sent"), to, today)).toEqual({ ok: true });
    }
  });

  it("refuses every other move with its reason", () => {
    expect(checkQuoteMove(q("draft"), "accepted", today)).toEqual({ ok: false, reason: "not_sent" });
    expect(checkQuoteMove(q("draft"), "refused", today)).toEqual({ ok: false, reason: "not_sent" });
    expect(checkQuoteMove(q("sent"), "sent", today)).toEqual({ ok: false, reason: "already_sent" });
    expect(checkQuoteMove(q("sent"), "draft", today)).toEqual({ ok: false, reason: "back_to_draft" });
    for (const from of ["accepted", "refused", "expired"] as const) {
      for (const to of ["draft", "sent", "accepted", "refused", "expired"] as const) {
        expect(checkQuoteMove(q(from), to, today)).toEqual({ ok: false, reason: "already_final" });
      }
    }
  });

  it("accepts on the last day of validity, not the day after", () => {
    expect(checkQuoteMove(q("sent", "2026-03-10"), "accepted", today).ok).toBe(true);
    expect(checkQuoteMove(q("sent", "2026-03-09"), "accepted", today)).toEqual({
      ok: false,
      reason: "past_validity",
    });
    expect(checkQuoteMove(q("sent", null), "accepted", today).ok).toBe(true);
    // refusing a lapsed offer is still recorded
    expect(checkQuoteMove(q("sent", "2026-03-09"), "refused", today).ok).toBe(true);
  });

  it("a sent quote past its validity reads as expired; drafts and final states do not change", () => {
    expect(quoteStateOn(q("sent", "2026-03-09"), today)).toBe("expired");
    expect(quoteStateOn(q("sent", "2026-03-10"), today)).toBe("sent");
    expect(quoteStateOn(q("sent", null), today)).toBe("sent");
    expect(quoteStateOn(q("draft", "2026-01-01"), today)).toBe("draft");
    expect(quoteStateOn(q("accepted", "2026-01-01"), today)).toBe("accepted");
  });
});
