/**
 * The template editor's list of variables (web/src/pages/template-variables.ts) against what the server gives the
 * templates: the sample context the previews render (src/templates/sample-context.ts) and the variables the default
 * installment reminders use (src/templates/defaults/plans.ts).
 */
import { describe, expect, it } from "vitest";
import { PLAN_EN, PLAN_FR } from "../../src/templates/defaults/plans.js";
import { QUOTE_EN, QUOTE_FR } from "../../src/templates/defaults/quotes.js";
import { sampleContext } from "../../src/templates/sample-context.js";
import { templateVariables } from "../../web/src/pages/template-variables.js";

/** Every leaf of a context as a template names it: `client.name`, `invoices[].number`. */
function leaves(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return leaves(value[0], `${prefix}[]`);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

const context = leaves(sampleContext("fr"));

describe("template editor variables", () => {
  it("lists the installment variables for the installment reminders, every one the context has", () => {
    const installment = context.filter((v) => v.startsWith("installment."));
    expect(installment.length).toBeGreaterThanOrEqual(9);
    for (const key of ["plan.installment_before", "plan.installment_after"]) {
      const listed = templateVariables(key);
      expect(listed).toEqual(expect.arrayContaining(installment));
      // and those the default templates use
      const used = new Set<string>();
      for (const spec of [...Object.values(PLAN_FR), ...Object.values(PLAN_EN)]) {
        for (const m of JSON.stringify(spec).matchAll(/installment\.[a-z_]+/g)) used.add(m[0]);
      }
      expect(used.size).toBeGreaterThan(0);
      expect(listed).toEqual(expect.arrayContaining([...used]));
      // nothing of a sequence step: an installment reminder has none
      expect(listed).not.toContain("step.offset_days");
      expect(listed).not.toContain("deadline_date");
    }
  });

  it("lists every variable of the sequence reminders, and no installment or quote one", () => {
    const listed = templateVariables("b2b.reminder_1");
    expect(listed.filter((v) => v.startsWith("installment.") || v.startsWith("quote."))).toEqual([]);
    expect(listed).toEqual(
      expect.arrayContaining(context.filter((v) => !v.startsWith("installment.") && !v.startsWith("quote."))),
    );
  });

  it("lists the quote variables for the quote messages, every one the context has and the defaults use", () => {
    const quote = context.filter((v) => v.startsWith("quote."));
    expect(quote.length).toBeGreaterThanOrEqual(8);
    const used = new Set<string>();
    for (const spec of [...Object.values(QUOTE_FR), ...Object.values(QUOTE_EN)]) {
      for (const m of JSON.stringify(spec).matchAll(/quote\.[a-z_]+/g)) used.add(m[0]);
    }
    for (const key of ["quote.sent", "quote.expiry"]) {
      const listed = templateVariables(key);
      expect(listed).toEqual(expect.arrayContaining([...quote, ...used]));
      expect(listed).not.toContain("installment.position");
      expect(listed).not.toContain("step.offset_days");
    }
  });

  it("lists nothing the context does not have", () => {
    for (const key of ["b2c.pre_due", "plan.installment_before", "quote.expiry"]) {
      for (const v of templateVariables(key)) expect(context, v).toContain(v);
    }
  });
});
