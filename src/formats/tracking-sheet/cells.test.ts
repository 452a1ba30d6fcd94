import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAmount } from "../../core/money.js";
import { cellText, DateReader, isBlank, isoFromUtcDate, simpleCents } from "./cells.js";
import { completeUtf8Length } from "./encoding.js";

describe("simpleCents", () => {
  it("reads the common shapes", () => {
    expect(simpleCents("1234")).toBe(123400);
    expect(simpleCents("1234,5")).toBe(123450);
    expect(simpleCents("1\u00a0234,56")).toBe(123456);
    expect(simpleCents("1\u202f234\u202f567.05")).toBe(123456705);
    expect(simpleCents("0,07")).toBe(7);
  });

  it("leaves everything else to parseAmount", () => {
    for (const s of [
      "1.234",
      "1,234",
      "12 34",
      " 12",
      "12 ",
      "-5",
      "5 €",
      "1,",
      ",5",
      "1,234,5",
      "abc",
      "",
    ]) {
      expect([s, simpleCents(s)]).toEqual([s, -1]);
    }
  });

  it("agrees with parseAmount wherever it answers", () => {
    const amount = fc
      .array(fc.constantFrom("0", "1", "2", "5", "9", " ", "\u00a0", "\u202f", ",", ".", "-", "€", "a"), {
        maxLength: 18,
      })
      .map((cs) => cs.join(""));
    const grouped = fc
      .tuple(fc.integer({ min: 0, max: 999_999_999_999 }), fc.integer({ min: 0, max: 99 }), fc.boolean())
      .map(
        ([units, dec, comma]) =>
          `${units.toLocaleString("fr-FR")}${comma ? "," : "."}${String(dec).padStart(2, "0")}`,
      );
    fc.assert(
      fc.property(fc.oneof(amount, grouped), (s) => {
        const fast = simpleCents(s);
        if (fast < 0) return;
        expect(parseAmount(s)).toEqual({ ok: true, value: fast });
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("cells", () => {
  it("reads JS dates by their UTC fields whatever the host zone", () => {
    // TZ=Pacific/Kiritimati (UTC+14) in the test run: local getters would say 2025-02-01
    expect(isoFromUtcDate(new Date(Date.UTC(2025, 0, 31)))).toBe("2025-01-31");
    expect(cellText(new Date(Date.UTC(2025, 0, 31, 23, 59)))).toBe("2025-01-31");
  });

  it("treats whitespace-only cells as blank", () => {
    expect([undefined, null, "", "  ", "\u00a0", "\t"].map(isBlank)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["a", " a", 0, false].map(isBlank)).toEqual([false, false, false, false]);
  });

  it("reads dates from text, serials and Dates", () => {
    const r = new DateReader();
    expect(r.read("31/01/2025")).toMatchObject({ ok: true, iso: "2025-01-31" });
    expect(r.read(45688)).toMatchObject({ ok: true, iso: "2025-01-31" });
    expect(r.read(new Date(Date.UTC(2025, 0, 31)))).toMatchObject({ ok: true, iso: "2025-01-31" });
    expect(r.read("31/02/2025")).toMatchObject({
      ok: false,
      result: { problem: { code: "date.impossible" } },
    });
  });
});

describe("completeUtf8Length", () => {
  it("stops before a character cut by the chunk boundary", () => {
    const bytes = Buffer.from("aé€😀", "utf8"); // 1 + 2 + 3 + 4 bytes
    expect(completeUtf8Length(bytes)).toBe(10);
    expect(completeUtf8Length(bytes.subarray(0, 9))).toBe(6);
    expect(completeUtf8Length(bytes.subarray(0, 7))).toBe(6);
    expect(completeUtf8Length(bytes.subarray(0, 5))).toBe(3);
    expect(completeUtf8Length(bytes.subarray(0, 2))).toBe(1);
  });
});
