import { describe, expect, it } from "vitest";
import { formatEuros } from "../core/money.js";
import { DEFAULT_TEMPLATES, QUOTE_TEMPLATE_KEYS } from "./defaults.js";
import { checkTemplate, renderMessage } from "./engine.js";
import { sampleContext } from "./sample-context.js";

const sp = (s: string) => s.replace(/[\u202F\u00A0]/g, " ");
const CASES = QUOTE_TEMPLATE_KEYS.flatMap((key) =>
  (["fr", "en"] as const).map((locale) => [key, locale] as const),
);

describe("the quote messages (devis)", () => {
  it.each(
    CASES,
  )("%s (%s) passes checkTemplate and names the quote, its amount, validity and deposit", async (key, locale) => {
    const template = DEFAULT_TEMPLATES[key][locale];
    expect(checkTemplate(template)).toEqual([]);
    const ctx = { ...sampleContext(locale), portal_url: null };
    const r = await renderMessage(template, ctx, locale);
    expect(r.subject).toContain("D-2026-031");
    for (const part of [sp(r.text), sp(r.html)]) {
      expect(part).toContain("D-2026-031");
      expect(part).toContain(sp(formatEuros(288_000 as never, locale)));
      expect(part).toContain(locale === "fr" ? "20 décembre 2026" : "20 December 2026");
      expect(part).toContain(sp(formatEuros(86_400 as never, locale)));
      expect(part).toContain(locale === "fr" ? "30 %" : "30%");
      expect(part).toContain("Claire Martin Design");
      expect(part).not.toContain("/p/");
      expect(part).not.toMatch(/undefined|NaN|\[object|null|\{\{|\{%|%\}|\}\}/);
    }
  });

  it.each(
    CASES,
  )("%s (%s) invites to the client portal only when the context has its link", async (key, locale) => {
    const ctx = { ...sampleContext(locale), portal_url: "https://relance.example/portail/abc" };
    const r = await renderMessage(DEFAULT_TEMPLATES[key][locale], ctx, locale);
    expect(r.text).toContain("https://relance.example/portail/abc");
    expect(r.html).toContain("https://relance.example/portail/abc");
  });

  it("says nothing of a deposit or a validity date the quote does not have", async () => {
    const base = sampleContext("fr");
    if (!base.quote) throw new Error("the sample context has a quote");
    const ctx = {
      ...base,
      quote: { ...base.quote, deposit_percent: 0, deposit_cents: 0, valid_until: null },
    };
    const r = await renderMessage(DEFAULT_TEMPLATES["quote.sent"].fr, ctx, "fr");
    expect(r.text).not.toContain("acompte");
    expect(r.text).not.toContain("valable");
  });
});
