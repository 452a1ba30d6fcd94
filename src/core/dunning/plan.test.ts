import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type PlainDate, Temporal, toIso } from "../calendar.js";
import { DEFAULT_SEQUENCES } from "./defaults.js";
import { type Anchor, type Hold, type InvoiceDunning, planInvoice, type StepDef } from "./plan.js";

const d = (s: string) => Temporal.PlainDate.from(s);
const B2B: StepDef[] = (DEFAULT_SEQUENCES[0]?.steps ?? []).map((s, i) => ({
  id: `s${s.offset_days}`,
  position: i,
  offset_days: s.offset_days,
  channel: s.channel,
  requires_approval: s.requires_approval,
  never_skip: s.never_skip,
}));
const invoice = (o: Partial<InvoiceDunning> = {}): InvoiceDunning => ({
  due: d("2026-03-31"),
  balance_cents: 10_000,
  position: 0,
  anchor: null,
  holds: [],
  ...o,
});

/** Runs the planner every day from `from` to `to` (approving at once), returning "date offset" per fired step. */
function simulate(from: string, to: string, start: InvoiceDunning, days?: (day: PlainDate) => boolean) {
  let state = { ...start };
  const fired: string[] = [];
  const skipped: string[] = [];
  for (let day = d(from); Temporal.PlainDate.compare(day, d(to)) <= 0; day = addDays(day, 1)) {
    if (days && !days(day)) continue;
    const plan = planInvoice(state, B2B, day);
    if (plan.kind !== "fire") continue;
    fired.push(`${toIso(day)} ${plan.step.offset_days}`);
    skipped.push(...plan.skipped.map((s) => `${toIso(day)} ${s.offset_days}`));
    state = { ...state, position: plan.position, anchor: plan.anchor };
  }
  return { fired, skipped };
}

describe("planInvoice", () => {
  it("fires each default B2B step on its day when the run happens daily", () => {
    const { fired, skipped } = simulate("2026-03-01", "2026-07-31", invoice());
    // due 31 March: J-5 = 26 March, J+1 = 1 April, J+8 = 8 April, J+15 = 15 April, J+22 = 22 April,
    // J+30 = 30 April, J+45 = 15 May, J+60 = 30 May
    expect(fired).toEqual([
      "2026-03-26 -5",
      "2026-04-01 1",
      "2026-04-08 8",
      "2026-04-15 15",
      "2026-04-22 22",
      "2026-04-30 30",
      "2026-05-15 45",
      "2026-05-30 60",
    ]);
    expect(skipped).toEqual([]);
  });

  it("fires only the latest step after missed days and records the others as skipped", () => {
    // no run between 1 and 16 April: on 17 April J+8 and J+15 are both due, J+15 fires, J+8 is skipped
    const { fired, skipped } = simulate("2026-04-01", "2026-05-01", invoice({ position: 1 }), (day) => {
      const iso = toIso(day);
      return iso < "2026-04-02" || iso >= "2026-04-17";
    });
    expect(fired.slice(0, 3)).toEqual(["2026-04-01 1", "2026-04-17 15", "2026-04-24 22"]);
    // J+22 keeps its 7 days after J+15 fired on 17 April: 24 April, not 22 April
    expect(skipped).toEqual(["2026-04-17 8"]);
  });

  it("never skips the mise en demeure: an old imported invoice gets it first, then the rest keep their spacing", () => {
    const plan = planInvoice(invoice({ due: d("2025-01-31") }), B2B, d("2026-03-01"));
    expect(plan).toMatchObject({ kind: "fire", step: { offset_days: 30 }, position: 6, look_again_on: null });
    if (plan.kind !== "fire") throw new Error("fire expected");
    expect(plan.skipped.map((s) => s.offset_days)).toEqual([-5, 1, 8, 15, 22]);
    // approved and sent on 3 March: J+45 comes 15 days later, J+60 15 days after that
    const after: Anchor = { on: d("2026-03-03"), offset_days: 30 };
    const wait = planInvoice(
      invoice({ due: d("2025-01-31"), position: 6, anchor: after }),
      B2B,
      d("2026-03-10"),
    );
    expect(wait).toMatchObject({ kind: "wait", look_again_on: d("2026-03-18") });
  });

  it("fires the pre-due step of an invoice created four days before its due date, on its creation day", () => {
    const plan = planInvoice(invoice(), B2B, d("2026-03-27"));
    expect(plan).toMatchObject({ kind: "fire", step: { offset_days: -5 }, look_again_on: d("2026-04-01") });
  });

  it("leaves paid invoices and finished sequences alone", () => {
    expect(planInvoice(invoice({ balance_cents: 0 }), B2B, d("2026-05-01"))).toEqual({ kind: "settled" });
    expect(planInvoice(invoice({ balance_cents: -500 }), B2B, d("2026-05-01"))).toEqual({ kind: "settled" });
    expect(planInvoice(invoice({ position: 8 }), B2B, d("2027-01-01"))).toEqual({ kind: "finished" });
  });

  it("holds on a dispute until lifted, on a promise or pause until the day after its end", () => {
    const dispute: Hold = { kind: "dispute" };
    expect(planInvoice(invoice({ holds: [dispute] }), B2B, d("2026-04-10"))).toMatchObject({
      kind: "held",
      look_again_on: null,
    });
    const promise: Hold = { kind: "promise", until: d("2026-04-20") };
    const manual: Hold = { kind: "manual", until: d("2026-04-15") };
    expect(planInvoice(invoice({ holds: [manual, promise] }), B2B, d("2026-04-10"))).toMatchObject({
      kind: "held",
      hold: promise,
      look_again_on: d("2026-04-21"),
    });
    // the last day of a promise still holds; the day after, the latest due step fires
    expect(planInvoice(invoice({ holds: [promise] }), B2B, d("2026-04-20")).kind).toBe("held");
    expect(planInvoice(invoice({ holds: [promise] }), B2B, d("2026-04-21"))).toMatchObject({
      kind: "fire",
      step: { offset_days: 15 },
    });
    expect(
      planInvoice(invoice({ holds: [{ kind: "manual", until: null }] }), B2B, d("2027-01-01")),
    ).toMatchObject({
      kind: "held",
      look_again_on: null,
    });
  });

  it("plans the right calendar day around DST changes and New Year", () => {
    // due 2026-03-24 (DST starts 29 March in Europe/Paris): J+5 … plain calendar arithmetic, no hours involved
    expect(simulate("2026-03-01", "2026-04-05", invoice({ due: d("2026-03-24") })).fired.slice(0, 3)).toEqual(
      ["2026-03-19 -5", "2026-03-25 1", "2026-04-01 8"],
    );
    expect(simulate("2026-12-20", "2027-01-10", invoice({ due: d("2026-12-31") })).fired).toEqual([
      "2026-12-26 -5",
      "2027-01-01 1",
      "2027-01-08 8",
    ]);
    // DST ends 25 October 2026 (a 25-hour day): J+1 is still 25 October
    expect(simulate("2026-10-15", "2026-11-10", invoice({ due: d("2026-10-24") })).fired.slice(0, 2)).toEqual(
      ["2026-10-19 -5", "2026-10-25 1"],
    );
    // a pre-due reminder sent a day late (first run on 20 October) keeps its 6 days to the first reminder
    expect(simulate("2026-10-20", "2026-11-10", invoice({ due: d("2026-10-24") })).fired.slice(0, 2)).toEqual(
      ["2026-10-20 -5", "2026-10-26 1"],
    );
  });

  it("never fires a step twice nor goes back, whatever days the run happens on (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.boolean(), { minLength: 150, maxLength: 150 }),
        (dueShift, runs) => {
          const due = addDays(d("2026-01-01"), dueShift);
          let state = invoice({ due });
          const seen = new Set<number>();
          let lastPosition = -1;
          runs.forEach((runs_today, i) => {
            if (!runs_today) return;
            const day = addDays(due, i - 40);
            const plan = planInvoice(state, B2B, day);
            if (plan.kind !== "fire") return;
            expect(seen.has(plan.step.position)).toBe(false);
            expect(plan.step.position).toBeGreaterThan(lastPosition);
            for (const s of plan.skipped) expect(s.never_skip).toBe(false);
            seen.add(plan.step.position);
            for (const s of plan.skipped) seen.add(s.position);
            lastPosition = plan.step.position;
            state = { ...state, position: plan.position, anchor: plan.anchor };
          });
        },
      ),
    );
  });
});
