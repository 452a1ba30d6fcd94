import { describe, expect, it } from "vitest";
import { cents, formatEuros } from "../core/money.js";
import { isWinAnsi, toWinAnsi } from "./text.js";

describe("toWinAnsi", () => {
  it("keeps French text, the euro sign and typographic quotes and dashes", () => {
    const s = "Échéance dépassée : « œuvre » – 12 € — l’été… ™";
    expect(toWinAnsi(s)).toBe(s);
  });

  it("turns the narrow and no-break spaces of French amounts into U+00A0, which WinAnsi has", () => {
    const amount = formatEuros(cents(123456789), "fr");
    expect(amount).toContain("\u202F");
    expect(toWinAnsi(amount)).toBe("1\u00A0234\u00A0567,89\u00A0€");
    expect(isWinAnsi(toWinAnsi(amount))).toBe(true);
  });

  it("maps other spaces to plain spaces and drops invisible characters", () => {
    expect(toWinAnsi("a\u2009b\u3000c\td")).toBe("a b c d");
    expect(toWinAnsi("in\u200Bvi\u200Dsi\uFEFFble\u00AD")).toBe("invisible");
    expect(toWinAnsi("\u202Eevil\u202C \u200Fx")).toBe("evil x");
    expect(toWinAnsi("bell\u0007\u0000")).toBe("bell");
    expect(toWinAnsi("one\r\ntwo\rthree\u2028four")).toBe("one\ntwo\nthree\nfour");
  });

  it("gives letters outside WinAnsi their base letter", () => {
    expect(toWinAnsi("Łódź Dvořák Ştefan ﬁn")).toBe("Lódz Dvorák Stefan fin");
    expect(toWinAnsi("e\u0301te\u0301")).toBe("été"); // decomposed accents compose
    expect(toWinAnsi("q\u0301")).toBe("q"); // a lone combining mark goes
  });

  it("gives dashes and quotes outside WinAnsi their WinAnsi cousins", () => {
    expect(toWinAnsi("\u22125 \u2010 \u2011 \u2032")).toBe("-5 - - '");
  });

  it("replaces what has no equivalent by one '?' per character", () => {
    expect(toWinAnsi("ok 😀 👍🏽!")).toBe("ok ? ??!");
    expect(toWinAnsi("שלום مرحبا 你好")).toBe("???? ????? ??");
  });

  it("always returns drawable text, and is idempotent", () => {
    const hostile = "<script>x</script> 😀 \u202E عربى \u0000 Ω ∑ \uD800 € œ";
    const once = toWinAnsi(hostile);
    expect(isWinAnsi(once)).toBe(true);
    expect(toWinAnsi(once)).toBe(once);
    expect(once).toContain("<script>x</script>");
  });
});
