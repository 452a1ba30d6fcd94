import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cents, formatDecimal, parseDecimalCents } from "./money.js";

describe("parseDecimalCents", () => {
  it("reads e-invoice decimals exactly", () => {
    const v = (s: string) => {
      const r = parseDecimalCents(s);
      return r.ok ? r.value : r.problem.code;
    };
    expect(v("529.87")).toBe(52987);
    expect(v("275")).toBe(27500);
    expect(v("9.9")).toBe(990);
    expect(v("473.0000")).toBe(47300);
    expect(v("-12.5")).toBe(-1250);
    expect(v("0.10")).toBe(10);
    expect(v(" 1.005 ")).toBe("amount.too_many_decimals");
    expect(v("1,5")).toBe("amount.invalid");
    expect(v("1e3")).toBe("amount.invalid");
    expect(v("")).toBe("field.required");
    expect(v("99999999999999999")).toBe("amount.out_of_range");
  });

  it("inverts formatDecimal", () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const r = parseDecimalCents(formatDecimal(n as Cents));
        expect(r.ok && r.value).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});
