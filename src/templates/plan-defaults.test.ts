import { describe, expect, it } from "vitest";
import { formatEuros } from "../core/money.js";
import { DEFAULT_TEMPLATES, PLAN_TEMPLATE_KEYS } from "./defaults.js";
import { checkTemplate, renderMessage } from "./engine.js";
import { sampleContext } from "./sample-context.js";

const sp = (s: string) => s.replace(/[\u202F\u00A0]/g, " ");
const CASES = PLAN_TEMPLATE_KEYS.flatMap((key) =>
  (["fr", "en"] as const).map((locale) => [key, locale] as const),
);

describe("the installment reminders (payment plans)", () => {
  it.each(
    CASES,
  )("%s (%s) passes checkTemplate and names the installment, the invoices and how to pay", async (key, locale) => {
    const template = DEFAULT_TEMPLATES[key][locale];
    expect(checkTemplate(template)).toEqual([]);
    const ctx = sampleContext(locale);
    const r = await renderMessage(template, ctx, locale);
    const amount = sp(formatEuros(77_360 as never, locale));
    expect(sp(r.subject)).toContain(amount);
    for (const part of [sp(r.text), sp(r.html)]) {
      expect(part).toContain(amount);
      expect(part).toContain("1/3".replace("/", locale === "fr" ? " sur " : " of "));
      for (const i of ctx.invoices) expect(part).toContain(i.number);
      expect(part).toContain("FR76 3000 6000 0112 3456 7890 189");
      expect(part).not.toMatch(/undefined|NaN|\[object|null|\{\{|\{%|%\}|\}\}/);
    }
    if (key === "plan.installment_after") {
      expect(r.text).toContain("déchéance du terme");
      expect(sp(r.text)).toContain(locale === "fr" ? "4 décembre 2026" : "4 December 2026");
    } else {
      expect(sp(r.text)).toContain(locale === "fr" ? "29 novembre 2026" : "29 November 2026");
    }
  });
});
