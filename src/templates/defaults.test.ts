import { describe, expect, it } from "vitest";
import { formatEuros } from "../core/money.js";
import type { MessageContext } from "./context.js";
import { ALL_TEMPLATE_KEYS, DEFAULT_TEMPLATES, TEMPLATE_KEYS, type TemplateKey } from "./defaults.js";
import { checkTemplate, type RenderedMessage, renderMessage } from "./engine.js";
import { sampleContext } from "./sample-context.js";

const LOCALES = ["fr", "en"] as const;
const CASES = TEMPLATE_KEYS.flatMap((key) => LOCALES.map((locale) => [key, locale] as const));
const euros = (c: number, locale: "fr" | "en") => formatEuros(c as never, locale);
const render = (key: TemplateKey, locale: "fr" | "en", ctx: MessageContext = sampleContext(locale)) =>
  renderMessage(DEFAULT_TEMPLATES[key][locale], ctx, locale);
const all = (r: RenderedMessage) => `${r.subject}\n${r.text}\n${r.html}`;

describe("the default templates", () => {
  it("cover the twelve keys in both languages", () => {
    expect(TEMPLATE_KEYS).toHaveLength(12);
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual([...ALL_TEMPLATE_KEYS].sort()); // + the plans' (plan-defaults.test.ts)
  });

  it.each(CASES)("%s (%s) passes checkTemplate", (key, locale) => {
    expect(checkTemplate(DEFAULT_TEMPLATES[key][locale])).toEqual([]);
  });

  it.each(
    CASES,
  )("%s (%s) renders the invoices, the amounts, the payment details and the signature", async (key, locale) => {
    const ctx = sampleContext(locale);
    const r = await render(key, locale, ctx);
    expect(r.subject.trim()).not.toBe("");
    expect(r.subject).not.toMatch(/\n/);
    for (const part of [r.text, r.html]) {
      for (const invoice of ctx.invoices) {
        expect(part).toContain(invoice.number);
        expect(part).toContain(euros(invoice.balance_cents, locale));
      }
      expect(part).toContain(euros(ctx.totals.balance_cents, locale));
      expect(part).toContain("FR76 3000 6000 0112 3456 7890 189");
      expect(part).toContain("AGRIFRPP");
      expect(part).toContain(ctx.payment.reference);
      expect(part).toContain("Claire Martin Design –");
      expect(part).not.toMatch(/undefined|NaN|\[object|null|\{\{|\{%|%\}|\}\}/);
      expect(part).not.toMatch(locale === "fr" ? /(?<!\d)\u00A0€/ : /€(?!\d)/); // no amount left empty
    }
    expect(r.html).toContain(`<img src="cid:epc-qr@relance"`);
    expect(r.text).not.toContain("cid:");
    expect(r.html).toContain(`<html lang="${locale}">`);
  });

  it.each(
    TEMPLATE_KEYS.filter((k) => k.startsWith("b2c.")),
  )("%s never mentions the indemnity nor penalties", async (key) => {
    for (const locale of LOCALES) {
      const ctx = sampleContext(locale);
      const text = all(await render(key, locale, ctx));
      expect(text).not.toContain("40");
      for (const c of [ctx.totals.indemnity_cents, ctx.totals.penalty_cents, ctx.totals.claim_cents]) {
        expect(text).not.toContain(euros(c, locale));
      }
      expect(text).not.toMatch(/indemnit|pénalit|penalt|L441|D441/i);
    }
  });

  it.each(
    LOCALES,
  )("b2b.reminder_2 (%s) states the penalties and the indemnity with their amounts", async (locale) => {
    const ctx = sampleContext(locale);
    const r = await render("b2b.reminder_2", locale, ctx);
    for (const part of [r.text, r.html]) {
      expect(part).toContain("L441-10");
      expect(part).toContain("D441-5");
      expect(part).toContain(euros(ctx.totals.indemnity_cents, locale));
      expect(part).toContain(euros(ctx.totals.penalty_cents, locale));
      expect(part).toContain(euros(ctx.totals.claim_cents, locale));
    }
  });

  it("b2b.pre_due and b2b.reminder_1 do not bring up penalties yet", async () => {
    for (const key of ["b2b.pre_due", "b2b.reminder_1"] as const) {
      for (const locale of LOCALES) expect(all(await render(key, locale))).not.toMatch(/L441|D441|indemnit/i);
    }
  });

  it.each(
    LOCALES,
  )("the mises en demeure say so, name the parties, the deadline and the next step (%s)", async (locale) => {
    const word = locale === "fr" ? "mise en demeure" : "formal notice";
    for (const key of ["b2b.mise_en_demeure", "b2c.mise_en_demeure"] as const) {
      const r = await render(key, locale);
      expect(r.subject.toLowerCase()).toContain(word);
      expect(r.text).toContain("Boulangerie Durand SARL");
      expect(r.text).toContain("812345676");
      expect(r.text).toContain(locale === "fr" ? "10 décembre 2026" : "10 December 2026");
      expect(r.text).toMatch(locale === "fr" ? /judiciaire|juridiction/ : /legal action|court/);
    }
    expect((await render("b2c.mise_en_demeure", locale)).text).toMatch(/1231-6/);
  });

  it("writes French with vouvoiement and its typography", async () => {
    for (const key of TEMPLATE_KEYS) {
      const r = await render(key, "fr");
      expect(r.text).toMatch(/^(Bonjour Marc Durand,|Madame, Monsieur,)\n/);
      expect(r.text).toMatch(/\bvous\b|\bvotre\b|\bvos\b/);
      expect(r.text).not.toMatch(/\b(tu|toi|ton|ta|tes)\b/i);
      expect(r.text).not.toMatch(/ [:;?!](\s|$)/m); // always a no-break space before them
    }
  });

  it("adapts to one invoice, no contact, no IBAN, no deadline, no QR code, and interest after the notice", async () => {
    for (const key of TEMPLATE_KEYS) {
      for (const locale of LOCALES) {
        const ctx = sampleContext(locale);
        const [first] = ctx.invoices;
        if (!first) throw new Error("the sample has invoices");
        ctx.invoices = [first];
        ctx.totals = {
          balance_cents: 180_000,
          penalty_cents: 0,
          indemnity_cents: 0,
          interest_cents: 1_234,
          claim_cents: 181_234,
        };
        ctx.contact = null;
        ctx.payment = { iban: null, bic: null, reference: "F-2026-0112", qr_code_url: null };
        ctx.deadline_date = null;
        const r = await render(key, locale, ctx);
        const text = all(r);
        expect(text).not.toMatch(/undefined|NaN|null|F-2026-0127|<img/);
        expect(r.text).toContain("F-2026-0112");
        // Interest shows once it runs (after a mise en demeure), except in the B2B courtesy messages.
        if (!["b2b.pre_due", "b2b.reminder_1", "b2c.pre_due"].includes(key)) {
          expect(r.text).toContain(euros(1_234, locale));
        }
        expect(r.text).not.toContain("IBAN");
        if (locale === "fr") expect(r.subject).not.toMatch(/factures/);
        // Without a contact, a consumer is greeted by name in the friendly steps, a business as "Madame, Monsieur,".
        const byName = ["b2c.pre_due", "b2c.reminder_1", "b2c.reminder_2"].includes(key);
        const hello = locale === "fr" ? "Bonjour Boulangerie Durand SARL," : "Dear Boulangerie Durand SARL,";
        expect(
          r.text.startsWith(byName ? hello : locale === "fr" ? "Madame, Monsieur," : "Dear Sir or Madam,"),
        ).toBe(true);
      }
    }
  });
});
