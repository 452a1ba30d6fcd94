import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountInFrenchWords, numberToFrenchWords } from "./money-words.js";

describe("numberToFrenchWords", () => {
  it.each([
    [0, "zéro"],
    [1, "un"],
    [16, "seize"],
    [17, "dix-sept"],
    [21, "vingt et un"],
    [22, "vingt-deux"],
    [70, "soixante-dix"],
    [71, "soixante et onze"],
    [72, "soixante-douze"],
    [80, "quatre-vingts"],
    [81, "quatre-vingt-un"],
    [91, "quatre-vingt-onze"],
    [99, "quatre-vingt-dix-neuf"],
    [100, "cent"],
    [101, "cent un"],
    [200, "deux cents"],
    [280, "deux cent quatre-vingts"],
    [1000, "mille"],
    [1080, "mille quatre-vingts"],
    [2000, "deux mille"],
    [80_000, "quatre-vingt mille"],
    [200_000, "deux cent mille"],
    [1_000_000, "un million"],
    [2_000_200, "deux millions deux cents"],
    [3_000_000_000, "trois milliards"],
    [1_234_567, "un million deux cent trente-quatre mille cinq cent soixante-sept"],
  ])("%i → %s", (n, words) => {
    expect(numberToFrenchWords(n)).toBe(words);
  });

  it("refuses what it cannot write", () => {
    expect(() => numberToFrenchWords(-1)).toThrow(RangeError);
    expect(() => numberToFrenchWords(1.5)).toThrow(RangeError);
    expect(() => numberToFrenchWords(1e12)).toThrow(RangeError);
  });

  it("never writes two spaces, a leading or trailing space, or « un mille »", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        const w = numberToFrenchWords(n);
        expect(w).toBe(w.trim());
        expect(w).not.toMatch(/ {2}|^un mille|-$/);
      }),
    );
  });

  it("writes different numbers differently (no two numbers below 20 000 share their words)", () => {
    const seen = new Map<string, number>();
    for (let n = 0; n < 20_000; n++) {
      const w = numberToFrenchWords(n);
      expect(seen.get(w)).toBeUndefined();
      seen.set(w, n);
    }
  });
});

describe("amountInFrenchWords", () => {
  it.each([
    [123456, "mille deux cent trente-quatre euros et cinquante-six centimes"],
    [100, "un euro"],
    [101, "un euro et un centime"],
    [50, "cinquante centimes"],
    [0, "zéro euro"],
    [8000, "quatre-vingts euros"],
    [100_000_000, "un million d'euros"],
    [100_000_100, "un million un euros"],
    [250_000, "deux mille cinq cents euros"],
  ])("%i cents → %s", (n, words) => {
    expect(amountInFrenchWords(n)).toBe(words);
  });
});
