import { describe, expect, it } from "vitest";
import { checkTemplate, type MessageTemplate, PARSE_LIMIT, renderMessage, TemplateError } from "./engine.js";
import { sampleContext } from "./sample-context.js";

const template = (parts: Partial<MessageTemplate>): MessageTemplate => ({
  subject: "Relance",
  text: "Bonjour",
  html: "<p>Bonjour</p>",
  ...parts,
});

const XSS = "<img src=x onerror=alert(1)>";

describe("renderMessage", () => {
  it("escapes the HTML part and leaves the text part and the subject raw", async () => {
    const ctx = sampleContext("fr");
    ctx.client.name = XSS;
    const t = template({
      subject: "Facture pour {{ client.name }}",
      text: "Client : {{ client.name }}",
      html: "<p>Client : {{ client.name }}</p><p>{{ client.name | raw }}</p><p>{{ client.name | newline_to_br }}</p>",
    });
    const r = await renderMessage(t, ctx, "fr");
    expect(r.text).toBe(`Client : ${XSS}\n`);
    expect(r.subject).toBe(`Facture pour ${XSS}`);
    expect(r.html).not.toContain("<img src=x");
    expect(r.html).toContain("<p>Client : &lt;img src=x onerror=alert(1)&gt;</p>");
    expect(r.html).toContain("<p>&lt;img src=x onerror=alert(1)&gt;</p>"); // `raw` cannot turn escaping off
    expect(r.html).toContain(`<title>Facture pour &lt;img src=x onerror=alert(1)&gt;</title>`);
  });

  it("turns line breaks into <br> only after escaping", async () => {
    const ctx = sampleContext("fr");
    ctx.organization.signature = "Claire <b>Martin</b>\nGraphiste";
    const r = await renderMessage(
      template({
        text: "{{ organization.signature | newline_to_br }}",
        html: "{{ organization.signature | newline_to_br }}",
      }),
      ctx,
      "fr",
    );
    expect(r.html).toContain("Claire &lt;b&gt;Martin&lt;/b&gt;<br>\nGraphiste");
    expect(r.text).toBe("Claire <b>Martin</b>\nGraphiste\n");
  });

  it("collapses the subject to one line", async () => {
    const r = await renderMessage(
      template({ subject: "  Relance\n  {{ client.name }}\r\n\n" }),
      sampleContext("fr"),
      "fr",
    );
    expect(r.subject).toBe("Relance Boulangerie Durand SARL");
  });

  it("wraps the HTML part in a document in the message's language", async () => {
    const r = await renderMessage(template({ html: "<p>Hello</p>" }), sampleContext("en"), "en");
    expect(r.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(r.html).toContain('<meta charset="utf-8">');
    expect(r.html).toContain("<p>Hello</p>\n</div>\n</body>\n</html>\n");
    const whole = '<!doctype html><html lang="fr"><body>{{ client.name }}</body></html>';
    expect((await renderMessage(template({ html: whole }), sampleContext("fr"), "fr")).html).toBe(
      '<!doctype html><html lang="fr"><body>Boulangerie Durand SARL</body></html>',
    );
  });

  it("formats with the message's locale", async () => {
    const t = template({
      text: "{{ totals.claim_cents | money }} {{ today | day }} {{ today | short_day }}",
    });
    expect((await renderMessage(t, sampleContext("fr"), "fr")).text).toBe(
      "2\u202F431,08\u00A0€ 26 novembre 2026 26/11/2026\n",
    );
    expect((await renderMessage(t, sampleContext("en"), "en")).text).toBe(
      "€2,431.08 26 November 2026 2026-11-26\n",
    );
  });

  it("hides everything but the context's own data", async () => {
    const t = template({
      text: "[{{ client.constructor }}][{{ client.name.constructor }}][{{ invoices.__proto__ }}]",
    });
    expect((await renderMessage(t, sampleContext("fr"), "fr")).text).toBe("[][][]\n");
  });

  it("prints nothing for an unknown variable when sending, but checkTemplate reports it", async () => {
    const t = template({ text: "Bonjour {{ client.nmae }}" });
    expect((await renderMessage(t, sampleContext("fr"), "fr")).text).toBe("Bonjour\n");
    expect(checkTemplate(t)).toEqual([
      { part: "text", line: 1, column: 12, message: "undefined variable: client.nmae" },
    ]);
  });

  it("throws a TemplateError listing every failing part", async () => {
    const t = template({ subject: "{% if x %}", html: "<p>{{ today | shout }}</p>" });
    const error = await renderMessage(t, sampleContext("fr"), "fr").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).problems.map((p) => p.part)).toEqual(["subject", "html"]);
  });
});

describe("checkTemplate", () => {
  it("accepts a valid template", () => {
    expect(
      checkTemplate(template({ text: "{% for invoice in invoices %}{{ invoice.number }}{% endfor %}" })),
    ).toEqual([]);
  });

  it("gives the line and column of an unclosed tag, an unknown filter, an unknown tag", () => {
    const problems = checkTemplate({
      subject: "Relance {{ client.name",
      text: "Bonjour,\n\n  {% if client.name %}oui",
      html: "<p>\n<b>{{ totals.claim_cents | euros }}</b>\n</p>",
    });
    expect(problems).toEqual([
      { part: "subject", line: 1, column: 9, message: expect.stringMatching(/not closed/) },
      { part: "text", line: 3, column: 3, message: "tag {% if client.name %} not closed" },
      { part: "html", line: 2, column: 4, message: "undefined filter: euros" },
    ]);
    expect(checkTemplate(template({ text: "a\nb\n   {% unknowntag %}" }))).toEqual([
      { part: "text", line: 3, column: 4, message: 'tag "unknowntag" not found' },
    ]);
  });

  it("reports a filter that fails on the sample data, where it is", () => {
    expect(checkTemplate(template({ text: "x\n  {{ client.name | money }}" }))).toEqual([
      {
        part: "text",
        line: 2,
        column: 3,
        message: 'money: integer cents expected, got "Boulangerie Durand SARL"',
      },
    ]);
  });

  it("reports an empty subject", () => {
    expect(checkTemplate(template({ subject: "{% if false %}x{% endif %}\n" }))).toEqual([
      { part: "subject", line: 1, column: 1, message: "the subject is empty" },
    ]);
  });

  it.each([
    "{% include 'x' %}",
    "{% render '/etc/passwd' %}",
    "{% layout '/etc/passwd' %}",
    "{% include '../../package.json' %}",
  ])("refuses file access: %s", async (source) => {
    const t = template({ text: `Bonjour\n${source}` });
    const [problem, ...others] = checkTemplate(t);
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ part: "text", line: 2, column: 1 });
    expect(problem?.message).toMatch(/^the tag "(include|render|layout)" is not available in messages$/);
    await expect(renderMessage(t, sampleContext("fr"), "fr")).rejects.toBeInstanceOf(TemplateError);
  });

  it("stops a runaway loop cleanly", async () => {
    const started = performance.now();
    const t = template({ text: "{% for i in (1..100000000) %}{{ i }}{% endfor %}" });
    expect(checkTemplate(t)).toEqual([
      { part: "text", line: 1, column: 1, message: expect.stringMatching(/limit exceeded/) },
    ]);
    await expect(renderMessage(t, sampleContext("fr"), "fr")).rejects.toBeInstanceOf(TemplateError);
    const nested = template({
      html: "{% for i in (1..20000) %}{% for j in (1..20000) %}{{ j }}{% endfor %}{% endfor %}",
    });
    expect(checkTemplate(nested)).toEqual([
      { part: "html", line: 1, column: expect.any(Number), message: expect.stringMatching(/limit exceeded/) },
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("refuses a template longer than the parse limit", () => {
    const [problem] = checkTemplate(template({ text: "x".repeat(PARSE_LIMIT + 1) }));
    expect(problem?.message).toMatch(/limit exceeded/);
  });
});
