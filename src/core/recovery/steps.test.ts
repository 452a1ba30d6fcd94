import { describe, expect, it } from "vitest";
import { Temporal } from "../calendar.js";
import { checkStepDates, procedureStatus } from "./steps.js";

const today = Temporal.PlainDate.from("2026-12-15");
const problem = (r: ReturnType<typeof checkStepDates>) => (r.ok ? null : r.problem.code);

describe("checkStepDates", () => {
  it("gives the small claim's one-month answer deadline and refuses an acceptance after it", () => {
    const r = checkStepDates(
      "small_claims",
      { sent_on: "2026-01-30", debtor_invited_on: "2026-01-31" },
      today,
    );
    expect(r.ok && r.value.derived.deadline_on).toBe("2026-02-28");
    expect(
      problem(
        checkStepDates("small_claims", { debtor_invited_on: "2026-01-31", accepted_on: "2026-03-01" }, today),
      ),
    ).toBe("recovery.step_after_answer_deadline");
    expect(
      problem(
        checkStepDates("small_claims", { debtor_invited_on: "2026-01-31", accepted_on: "2026-02-28" }, today),
      ),
    ).toBe(null);
    expect(problem(checkStepDates("small_claims", { title_on: "2026-02-10" }, today))).toBe(
      "recovery.step_title_needs_acceptance",
    );
    expect(
      problem(
        checkStepDates(
          "small_claims",
          { debtor_invited_on: "2026-01-31", accepted_on: "2026-02-02", refused_on: "2026-02-03" },
          today,
        ),
      ),
    ).toBe("recovery.step_accepted_and_refused");
  });

  it("serves an order within 6 months before 1 Sept 2026 and within 3 months from then (décret 2026-96)", () => {
    const before = checkStepDates("injunction", { filed_on: "2026-08-01", order_on: "2026-08-31" }, today);
    expect(before.ok && before.value.derived.service_deadline_on).toBe("2027-02-28");
    const after = checkStepDates("injunction", { filed_on: "2026-08-01", order_on: "2026-09-01" }, today);
    expect(after.ok && after.value.derived.service_deadline_on).toBe("2026-12-01");
    expect(
      problem(
        checkStepDates(
          "injunction",
          { filed_on: "2026-08-01", order_on: "2026-09-01", served_on: "2026-12-02" },
          today,
        ),
      ),
    ).toBe("recovery.step_order_lapsed");
  });

  it("opens a one-month opposition window after service; enforceable only once it is over", () => {
    const dates = { filed_on: "2026-09-01", order_on: "2026-09-15", served_on: "2026-10-31" };
    const r = checkStepDates("injunction", dates, today);
    expect(r.ok && r.value.derived.opposition_deadline_on).toBe("2026-11-30");
    expect(problem(checkStepDates("injunction", { ...dates, enforceable_on: "2026-11-30" }, today))).toBe(
      "recovery.step_opposition_running",
    );
    expect(problem(checkStepDates("injunction", { ...dates, enforceable_on: "2026-12-01" }, today))).toBe(
      null,
    );
    expect(
      procedureStatus("injunction", { ...dates, opposition_deadline_on: "2026-11-30" }, today).status,
    ).toBe("opposition_over");
  });

  it("carries the opposition deadline over a weekend or a public holiday to the next working day (CPC 642)", () => {
    const saturday = { filed_on: "2026-08-01", order_on: "2026-08-20", served_on: "2026-09-10" };
    const r = checkStepDates("injunction", saturday, today);
    expect(r.ok && r.value.derived.opposition_deadline_on).toBe("2026-10-12"); // 10 Oct is a Saturday
    expect(problem(checkStepDates("injunction", { ...saturday, enforceable_on: "2026-10-11" }, today))).toBe(
      "recovery.step_opposition_running",
    );
    const armistice = { filed_on: "2026-08-01", order_on: "2026-08-20", served_on: "2026-10-11" };
    const h = checkStepDates("injunction", armistice, today);
    expect(h.ok && h.value.derived.opposition_deadline_on).toBe("2026-11-12"); // 11 Nov: public holiday
  });

  it("refuses dates out of order, in the future, missing their predecessor or of another kind", () => {
    expect(
      problem(checkStepDates("injunction", { filed_on: "2026-09-10", order_on: "2026-09-01" }, today)),
    ).toBe("recovery.step_order");
    expect(problem(checkStepDates("injunction", { filed_on: "2026-12-16" }, today))).toBe(
      "recovery.step_in_future",
    );
    expect(problem(checkStepDates("injunction", { served_on: "2026-10-01" }, today))).toBe(
      "recovery.step_needs",
    );
    expect(problem(checkStepDates("lawyer", { filed_on: "2026-10-01" }, today))).toBe(
      "recovery.step_wrong_kind",
    );
    expect(problem(checkStepDates("injunction", { filed_on: "2026-02-30" }, today))).toBe("date.impossible");
  });

  it("reads silence after the deadline as a refusal", () => {
    const d = { debtor_invited_on: "2026-10-01", deadline_on: "2026-11-01" };
    expect(procedureStatus("small_claims", d, today).status).toBe("refused_silence");
    expect(procedureStatus("small_claims", d, Temporal.PlainDate.from("2026-10-15"))).toEqual({
      status: "invited",
      next: { date: "2026-11-01", code: "recovery.next.answer_deadline" },
    });
  });
});
