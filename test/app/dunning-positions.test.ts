import { describe, expect, it } from "vitest";
import { newPositions } from "../../src/app/dunning/update-sequence.js";

/** Steps by id and offset, as the sequence stores them (old) and as the new list gives them (null id: a new step). */
const OLD = [
  { id: "pre", offset_days: -5 },
  { id: "r1", offset_days: 1 },
  { id: "r2", offset_days: 8 },
  { id: "call", offset_days: 15 },
  { id: "last", offset_days: 22 },
];

describe("newPositions: an invoice's place once the steps are replaced", () => {
  it("keeps every place when nothing moves", () => {
    expect(newPositions(OLD, OLD)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("puts a new step between the last one behind and the next one in front of the invoice", () => {
    // r2 (J+8) behind, call (J+15) next: a new J+10 comes first
    const next = [...OLD.slice(0, 3), { id: null, offset_days: 10 }, ...OLD.slice(3)];
    expect(newPositions(OLD, next)).toEqual([0, 1, 2, 3, 5, 6]);
  });

  it("sends the invoice to the step after a removed one", () => {
    const next = OLD.filter((s) => s.id !== "call");
    expect(newPositions(OLD, next)).toEqual([0, 1, 2, 3, 3, 4]);
  });

  it("never moves an invoice that has nothing behind it, even before a new earlier step", () => {
    const next = [{ id: null, offset_days: -20 }, ...OLD];
    expect(newPositions(OLD, next)[0]).toBe(0);
  });

  it("lets a finished invoice go on with a step added at the end, and keeps reordered steps by id", () => {
    const next = [...OLD, { id: null, offset_days: 45 }];
    expect(newPositions(OLD, next)[5]).toBe(5);
    // r1 moved after r2 (its day changed): an invoice that had fired r1 waits for r2, and r1 comes again after it
    // (a position is an index: what stands after it is still to come)
    const moved = [OLD[0], OLD[2], { id: "r1", offset_days: 10 }, OLD[3], OLD[4]] as typeof OLD;
    expect(newPositions(OLD, moved)[2]).toBe(1);
  });
});
