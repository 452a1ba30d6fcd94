import { describe, expect, it } from "vitest";
import { Temporal } from "../calendar.js";
import { EXPIRY_REMINDER_DAYS, expiryReminderDue, expiryReminderOn } from "./expiry.js";
import type { QuoteState } from "./state.js";

const on = (s: string) => Temporal.PlainDate.from(s);
const q = (
  status: QuoteState,
  valid_until: string | null = "2026-12-20",
  sent_on: string | null = "2026-12-01",
) => ({
  status,
  valid_until,
  sent_on,
});

describe("the reminder before a quote's validity date", () => {
  it("is due from valid_until − 5 days to the last day of validity, not before, not after", () => {
    expect(EXPIRY_REMINDER_DAYS).toBe(5);
    expect(expiryReminderOn("2026-12-20")).toBe("2026-12-15");
    expect(expiryReminderDue(q("sent"), on("2026-12-14"))).toBe(false);
    expect(expiryReminderDue(q("sent"), on("2026-12-15"))).toBe(true);
    expect(expiryReminderDue(q("sent"), on("2026-12-20"))).toBe(true);
    expect(expiryReminderDue(q("sent"), on("2026-12-21"))).toBe(false);
  });

  it("is never due for a quote not sent, without validity date, or sent inside the window", () => {
    for (const status of ["draft", "accepted", "refused", "expired"] as const) {
      expect(expiryReminderDue(q(status), on("2026-12-15"))).toBe(false);
    }
    expect(expiryReminderDue(q("sent", null), on("2026-12-15"))).toBe(false);
    expect(expiryReminderDue(q("sent", "2026-12-20", "2026-12-15"), on("2026-12-16"))).toBe(false);
    expect(expiryReminderDue(q("sent", "2026-12-20", "2026-12-14"), on("2026-12-15"))).toBe(true);
    expect(expiryReminderDue(q("sent", "2026-12-20", null), on("2026-12-15"))).toBe(true);
  });

  it("crosses months and years, and takes another number of days", () => {
    expect(expiryReminderOn("2027-01-03")).toBe("2026-12-29");
    expect(expiryReminderDue(q("sent", "2027-01-03"), on("2026-12-29"))).toBe(true);
    expect(expiryReminderDue(q("sent", "2026-12-20"), on("2026-12-18"), 2)).toBe(true);
    expect(expiryReminderDue(q("sent", "2026-12-20"), on("2026-12-17"), 2)).toBe(false);
  });
});
