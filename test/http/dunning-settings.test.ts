import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SEQUENCES } from "../../src/core/dunning/defaults.js";
import { DEFAULT_TEMPLATES } from "../../src/templates/defaults.js";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { addClient, addInvoice, type ErrorBody, expectError, json, type Page } from "./ledger-fixtures.js";

interface Step {
  id: string;
  position: number;
  offset_days: number;
  channel: string;
  template_key: string | null;
  tone: string;
  requires_approval: boolean;
  never_skip: boolean;
  task_kind: string | null;
  label: string;
}

interface Sequence {
  id: string;
  name: string;
  default_for: string | null;
  default_for_kinds: string[];
  clients_count: number;
  steps: Step[];
}

interface Template {
  key: string;
  locale: string;
  custom: boolean;
  subject: string;
  text: string;
  html: string;
  updated_at: string | null;
}

interface Preview {
  subject: string;
  text: string;
  html: string;
  problems: { path: string; line: number; column: number; message: string }[];
}

/** A step as the PUT body takes it (what the API answered, without its position). */
const bodyOf = ({ position: _position, ...step }: Step) => step;

const HOSTILE = `<img src=x onerror="alert(1)"> & "Durand"`;

describe.each(testDialects())("dunning settings (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let other: Agent;
  let b2b: Sequence;
  let b2c: Sequence;

  const sequences = async (agent = owner) =>
    json<Page<Sequence>>(await agent.get("/api/v1/dunning/sequences")).data;
  const put = (agent: Agent, id: string, body: unknown) =>
    agent.request("PUT", `/api/v1/dunning/sequences/${id}`, body);
  const place = async (invoiceId: string) =>
    s.ctx.db
      .selectFrom("invoice")
      .select(["dunning_position", "next_action_on"])
      .where("id", "=", invoiceId)
      .executeTakeFirstOrThrow();
  const setPlace = (invoiceId: string, position: number, anchorOffset: number | null, next: string | null) =>
    s.ctx.db
      .updateTable("invoice")
      .set({
        dunning_position: position,
        dunning_anchor_offset: anchorOffset,
        dunning_anchor_on: anchorOffset === null ? null : "2025-05-20",
        next_action_on: next,
      })
      .where("id", "=", invoiceId)
      .execute();

  beforeAll(async () => {
    // today is 2025-06-01 in Paris
    s = await startTestServer(dialect, { now: "2025-06-01T08:00:00.000Z" });
    owner = await signUp(s.app, { organization: "Atelier Morel" });
    other = await signUp(s.app, { organization: "Bureau Voisin" });
  });
  afterAll(() => s.close());

  it("lists the three default sequences, created once, with their steps and the kinds that use them", async () => {
    const first = await sequences();
    expect(first.map((q) => [q.name, q.default_for, q.default_for_kinds, q.clients_count])).toEqual([
      ["Professionnels (B2B)", "business", ["business", "public"], 0],
      ["Particuliers (B2C)", "consumer", ["consumer"], 0],
      // deposit invoices (factures d'acompte) of every client: no kind of client has it as its default
      ["Acomptes (factures d'acompte)", "deposit", [], 0],
    ]);
    [b2b, b2c] = first as [Sequence, Sequence];
    const seed = DEFAULT_SEQUENCES[0];
    expect(
      b2b.steps.map((st) => [st.position, st.offset_days, st.channel, st.template_key, st.task_kind]),
    ).toEqual(seed?.steps.map((st, i) => [i, st.offset_days, st.channel, st.template_key, st.task_kind]));
    const formal = b2b.steps.find((st) => st.channel === "registered_letter");
    expect(formal).toMatchObject({
      offset_days: 30,
      requires_approval: true,
      never_skip: true,
      tone: "formal",
    });
    // listing again creates nothing more
    expect((await sequences()).map((q) => q.id)).toEqual(first.map((q) => q.id));
    expect(json<Sequence>(await owner.get(`/api/v1/dunning/sequences/${b2b.id}`))).toEqual(b2b);
    // the other organization has its own
    const theirs = await sequences(other);
    expect(theirs).toHaveLength(3);
    expect(theirs.map((q) => q.id)).not.toContain(b2b.id);
  });

  it("refuses an invalid list of steps with every problem and its path, and changes nothing", async () => {
    const steps = b2b.steps.map(bodyOf);
    const broken = [
      { ...steps[0], offset_days: -31 },
      { ...steps[1], id: "not-a-step-of-this-sequence" },
      { ...steps[2], offset_days: 1 },
      { ...steps[3], channel: "fax" },
      { ...steps[4], template_key: null },
      { ...steps[5], template_key: "b2b.unknown" },
      { ...steps[6], task_kind: null },
      { ...steps[7], label: "   ", tone: "angry" },
    ];
    const res = await put(owner, b2b.id, { name: "", steps: broken });
    expect(expectError(res, 400, "invalid_input")).toEqual([
      "name",
      "steps.0.offset_days",
      "steps.1.id",
      "steps.2.offset_days",
      "steps.3.channel",
      "steps.4.template_key",
      "steps.5.template_key",
      "steps.6.task_kind",
      "steps.7.tone",
      "steps.7.label",
    ]);
    const details = (res.json() as ErrorBody).error.details ?? [];
    expect(details.find((d) => d.path === "steps.2.offset_days")?.message).toBe(
      "Les étapes doivent être dans l'ordre des jours : J+1 ne vient pas après l'étape précédente (J+1).",
    );
    expect(details.find((d) => d.path === "steps.0.offset_days")?.message).toContain("J-30");

    expectError(await put(owner, b2b.id, { name: "Vide", steps: [] }), 400, "invalid_input");
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ ...steps[0], id: null, offset_days: i }));
    expect(
      expectError(await put(owner, b2b.id, { name: "Longue", steps: tooMany }), 400, "invalid_input"),
    ).toEqual(["steps"]);
    // a step of another sequence cannot be moved here
    const foreign = { ...bodyOf(b2c.steps[0] as Step) };
    expect(
      expectError(await put(owner, b2b.id, { name: b2b.name, steps: [foreign] }), 400, "invalid_input"),
    ).toEqual(["steps.0.id"]);
    expect(json<Sequence>(await owner.get(`/api/v1/dunning/sequences/${b2b.id}`))).toEqual(b2b);
  });

  it("replaces the steps: kept ids stay, positions are renumbered, invoices keep their place", async () => {
    const clientId = await addClient(s, owner.orgId, "Garage Lefèvre", "business");
    const invoiceId = await addInvoice(s, owner.orgId, clientId, {
      number: "F-100",
      total: 120_000,
      due: "2025-05-24",
    });
    // J-5, J+1 and J+8 have fired; next: the call at J+15 (position 3), looked at again on 2025-06-08
    await setPlace(invoiceId, 3, 8, "2025-06-08");
    const [pre, first, second, call, ...rest] = b2b.steps.map(bodyOf) as [Step, Step, Step, Step, ...Step[]];
    const added = {
      offset_days: 10,
      channel: "email",
      template_key: "b2b.reminder_2",
      tone: "firm",
      requires_approval: false,
      never_skip: false,
      task_kind: "call",
      label: "Relance intermédiaire",
    };
    const saved = json<Sequence>(
      await put(owner, b2b.id, {
        name: "  Professionnels  ",
        steps: [pre, { ...first, offset_days: 2, label: "Première relance (J+2)" }, second, added, ...rest],
      }),
    );
    expect(call.channel).toBe("call");
    expect(saved.name).toBe("Professionnels");
    expect(saved.default_for).toBe("business");
    expect(saved.steps.map((st) => [st.position, st.offset_days])).toEqual([
      [0, -5],
      [1, 2],
      [2, 8],
      [3, 10],
      [4, 22],
      [5, 30],
      [6, 45],
      [7, 60],
    ]);
    expect(saved.steps.map((st) => st.id).filter((id) => id !== saved.steps[3]?.id)).toEqual(
      b2b.steps.filter((st) => st.id !== call.id).map((st) => st.id),
    );
    // a message step carries no kind of task
    expect(saved.steps[3]).toMatchObject({ label: "Relance intermédiaire", task_kind: null });
    expect(saved.steps.map((st) => st.id)).not.toContain(call.id);
    // three steps behind it, the new J+10 is next; the run looks at it today
    expect(await place(invoiceId)).toEqual({ dunning_position: 3, next_action_on: "2025-06-01" });
    b2b = saved;

    // moving the new step out renumbers what comes after: the invoice stays before J+22
    await setPlace(invoiceId, 4, 10, "2025-06-15");
    const without = saved.steps.filter((st) => st.offset_days !== 10).map(bodyOf);
    b2b = json<Sequence>(await put(owner, b2b.id, { name: "Professionnels", steps: without }));
    expect(b2b.steps).toHaveLength(7);
    expect((await place(invoiceId)).dunning_position).toBe(3);
    const audit = await s.ctx.db
      .selectFrom("audit_log")
      .select(["operation", "entity_id"])
      .where("organization_id", "=", owner.orgId)
      .where("entity", "=", "dunning_sequence")
      .execute();
    expect(audit.filter((a) => a.entity_id === b2b.id).map((a) => a.operation)).toEqual(["update", "update"]);
  });

  it("creates copies, refuses a taken name, and deletes only a sequence nobody uses", async () => {
    const copy = json<Sequence>(
      await owner.post("/api/v1/dunning/sequences", { name: "Grands comptes", copy_of: b2b.id }),
      201,
    );
    expect(copy.default_for).toBeNull();
    expect(copy.default_for_kinds).toEqual([]);
    expect(copy.steps.map((st) => st.offset_days)).toEqual(b2b.steps.map((st) => st.offset_days));
    expect(copy.steps.map((st) => st.id)).not.toContain(b2b.steps[0]?.id);
    const seeded = json<Sequence>(
      await owner.post("/api/v1/dunning/sequences", { name: "Particuliers bis", seed: "consumer" }),
      201,
    );
    expect(seeded.steps).toHaveLength(DEFAULT_SEQUENCES[1]?.steps.length ?? 0);
    expect(
      expectError(
        await owner.post("/api/v1/dunning/sequences", { name: "Grands comptes", seed: "business" }),
        400,
        "invalid_input",
      ),
    ).toEqual(["name"]);
    expect(
      expectError(
        await put(owner, seeded.id, { name: "Grands comptes", steps: seeded.steps.map(bodyOf) }),
        400,
        "invalid_input",
      ),
    ).toEqual(["name"]);
    expectError(
      await owner.post("/api/v1/dunning/sequences", { name: "X", copy_of: "nope" }),
      404,
      "not_found",
    );
    const theirs = (await sequences(other))[0] as Sequence;
    expectError(
      await owner.post("/api/v1/dunning/sequences", { name: "Volée", copy_of: theirs.id }),
      404,
      "not_found",
    );

    // a default cannot go; an unused copy can
    expect(expectError(await owner.delete(`/api/v1/dunning/sequences/${b2c.id}`), 409, "conflict")).toEqual(
      [],
    );
    expect((await owner.delete(`/api/v1/dunning/sequences/${seeded.id}`)).statusCode).toBe(204);
    expectError(await owner.get(`/api/v1/dunning/sequences/${seeded.id}`), 404, "not_found");
    expect((await sequences()).map((q) => q.name)).toEqual([
      "Professionnels",
      "Particuliers (B2C)",
      "Acomptes (factures d'acompte)",
      "Grands comptes",
    ]);
  });

  it("lets a client choose its own sequence, refused while chosen, and places its invoices in it", async () => {
    const copy = (await sequences()).find((q) => q.name === "Grands comptes") as Sequence;
    const short = json<Sequence>(
      await put(owner, copy.id, {
        name: copy.name,
        steps: [
          {
            offset_days: 1,
            channel: "email",
            template_key: "b2b.reminder_1",
            tone: "friendly",
            label: "Relance",
          },
          { offset_days: 20, channel: "call", tone: "firm", task_kind: "call", label: "Appel" },
        ],
      }),
    );
    const clientId = await addClient(s, owner.orgId, "Hôtel du Parc", "business");
    const invoiceId = await addInvoice(s, owner.orgId, clientId, {
      number: "H-1",
      total: 50_000,
      due: "2025-05-10",
    });
    await setPlace(invoiceId, 3, 8, "2025-06-20");

    const chosen = json<{ dunning_sequence_id: string | null }>(
      await owner.patch(`/api/v1/clients/${clientId}`, { dunning_sequence_id: short.id }),
    );
    expect(chosen.dunning_sequence_id).toBe(short.id);
    // J+1 is behind the invoice (its last step was J+8): the call at J+20 is next, looked at today
    expect(await place(invoiceId)).toEqual({ dunning_position: 1, next_action_on: "2025-06-01" });
    expect((await sequences()).find((q) => q.id === short.id)?.clients_count).toBe(1);
    const conflict = await owner.delete(`/api/v1/dunning/sequences/${short.id}`);
    expectError(conflict, 409, "conflict");
    expect((conflict.json() as ErrorBody).error.message).toContain("1 client");

    // another organization's sequence or an unknown id is not found, and nothing changes
    const theirs = (await sequences(other))[0] as Sequence;
    expectError(
      await owner.patch(`/api/v1/clients/${clientId}`, { dunning_sequence_id: theirs.id }),
      404,
      "not_found",
    );
    expectError(
      await owner.patch(`/api/v1/clients/${clientId}`, { dunning_sequence_id: "nope" }),
      404,
      "not_found",
    );
    const detail = json<{ dunning_sequence_id: string | null }>(
      await owner.get(`/api/v1/clients/${clientId}`),
    );
    expect(detail.dunning_sequence_id).toBe(short.id);

    // back to the default: the invoice goes after J+8 in the business sequence
    await setPlace(invoiceId, 1, 8, null);
    const back = json<{ dunning_sequence_id: string | null }>(
      await owner.patch(`/api/v1/clients/${clientId}`, { dunning_sequence_id: null }),
    );
    expect(back.dunning_sequence_id).toBeNull();
    expect(await place(invoiceId)).toEqual({ dunning_position: 3, next_action_on: null });
    expect((await owner.delete(`/api/v1/dunning/sequences/${short.id}`)).statusCode).toBe(204);
  });

  it("refuses edits to viewers and collectors, who can still read and preview", async () => {
    for (const role of ["viewer", "collector"] as const) {
      const member = await memberWithRole(owner, role);
      expect((await member.get("/api/v1/dunning/sequences")).statusCode).toBe(200);
      expect((await member.get("/api/v1/dunning/templates/b2b.reminder_1/fr")).statusCode).toBe(200);
      const preview = await member.post("/api/v1/dunning/templates/preview", {
        locale: "fr",
        ...DEFAULT_TEMPLATES["b2b.reminder_1"].fr,
      });
      expect(preview.statusCode).toBe(200);
      expectError(await put(member, b2b.id, { name: "X", steps: b2b.steps.map(bodyOf) }), 403, "forbidden");
      expectError(
        await member.post("/api/v1/dunning/sequences", { name: "X", seed: "business" }),
        403,
        "forbidden",
      );
      expectError(await member.delete(`/api/v1/dunning/sequences/${b2b.id}`), 403, "forbidden");
      expectError(
        await member.request(
          "PUT",
          "/api/v1/dunning/templates/b2b.reminder_1/fr",
          DEFAULT_TEMPLATES["b2b.reminder_1"].fr,
        ),
        403,
        "forbidden",
      );
      expectError(await member.delete("/api/v1/dunning/templates/b2b.reminder_1/fr"), 403, "forbidden");
    }
    expect(json<Sequence>(await owner.get(`/api/v1/dunning/sequences/${b2b.id}`)).name).toBe(
      "Professionnels",
    );
  });

  it("saves a template that renders, refuses one that does not with its line and column, and resets it", async () => {
    const url = "/api/v1/dunning/templates/b2b.reminder_1/fr";
    const original = json<Template>(await owner.get(url));
    expect(original).toMatchObject({
      custom: false,
      updated_at: null,
      ...DEFAULT_TEMPLATES["b2b.reminder_1"].fr,
    });

    const broken = await owner.request("PUT", url, {
      subject: "Relance {{ invoices | map: 'number' | join: ', ' }}",
      text: "Bonjour,\n\nMerci de régler {{ clent.name }}.\n",
      html: "<p>{% if contact %}Bonjour</p>",
    });
    expect(expectError(broken, 400, "invalid_input")).toEqual(["text", "html"]);
    const details = (broken.json() as { error: { message: string; details: Record<string, unknown>[] } })
      .error;
    expect(details.message).toBe("Le modèle contient des erreurs : rien n'a été enregistré.");
    expect(details.details[0]).toEqual({
      path: "text",
      line: 3,
      column: 20,
      message: "Ligne 3, colonne 20 : variable inconnue « clent ».",
    });
    expect(details.details[1]).toMatchObject({ path: "html", line: 1, column: 4 });
    expect(String(details.details[1]?.message)).toMatch(
      /^Ligne 1, colonne 4 : la balise \{% if contact %\} n'est pas fermée/,
    );
    const english = await owner.request(
      "PUT",
      url,
      { subject: "", text: "x", html: "x" },
      { headers: { "accept-language": "en" } },
    );
    expect((english.json() as ErrorBody).error.details?.[0]?.message).toBe(
      "The subject of the message is empty.",
    );
    expect(json<Template>(await owner.get(url))).toEqual(original);

    const mine = {
      subject: "Facture(s) {{ invoices | map: 'number' | join: ', ' }} à régler",
      text: "Bonjour {{ client.name }},\nmerci de régler {{ totals.balance_cents | money }}.\n",
      html: "<p>Bonjour {{ client.name }}</p>",
    };
    const saved = json<Template>(await owner.request("PUT", url, mine));
    expect(saved).toMatchObject({ custom: true, ...mine });
    expect(saved.updated_at).not.toBeNull();
    const list = json<Page<Omit<Template, "text" | "html">>>(
      await owner.get("/api/v1/dunning/templates"),
    ).data;
    expect(list).toHaveLength(36); // 12 steps', 2 deposit reminders, 2 payment plan reminders and 2 quote messages, each in French and English
    expect(list.filter((t) => t.custom).map((t) => `${t.key}/${t.locale}`)).toEqual(["b2b.reminder_1/fr"]);
    expect(list.find((t) => t.key === "b2b.reminder_1" && t.locale === "en")?.subject).toBe(
      DEFAULT_TEMPLATES["b2b.reminder_1"].en.subject,
    );
    // the other organization still has the default
    expect(json<Template>(await other.get(url)).custom).toBe(false);

    expect(json<Template>(await owner.delete(url))).toEqual(original);
    expect(json<Template>(await owner.get(url))).toEqual(original);
    expect(json<Template>(await owner.delete(url))).toEqual(original);
    expectError(await owner.get("/api/v1/dunning/templates/b2b.nope/fr"), 404, "not_found");
    expectError(await owner.get("/api/v1/dunning/templates/b2b.reminder_1/de"), 404, "not_found");
    expectError(await owner.request("PUT", "/api/v1/dunning/templates/x/fr", mine), 404, "not_found");
  });

  it("lists the payment plan reminders (échéancier) with the others, and saves one", async () => {
    const keys = ["plan.installment_before", "plan.installment_after"] as const;
    const listed = async () =>
      json<Page<Omit<Template, "text" | "html">>>(await owner.get("/api/v1/dunning/templates")).data;
    const before = await listed();
    for (const key of keys) {
      for (const locale of ["fr", "en"] as const) {
        expect(before.find((t) => t.key === key && t.locale === locale)).toEqual({
          key,
          locale,
          custom: false,
          subject: DEFAULT_TEMPLATES[key][locale].subject,
          updated_at: null,
        });
      }
    }

    const url = "/api/v1/dunning/templates/plan.installment_after/fr";
    // the plan's variables render against the sample context; a misspelt one is refused on its field
    const mine = {
      subject: "Échéance n° {{ installment.position }} non reçue",
      text: "Bonjour {{ client.name }},\nmerci de régler {{ installment.remaining_cents | money }} avant le {{ installment.grace_end_date | day }}.\n",
      html: "<p>Bonjour {{ client.name }}</p>",
    };
    const broken = await owner.request("PUT", url, { ...mine, text: "{{ instalment.position }}" });
    expect(expectError(broken, 400, "invalid_input")).toEqual(["text"]);
    const saved = json<Template>(await owner.request("PUT", url, mine));
    expect(saved).toMatchObject({ key: "plan.installment_after", locale: "fr", custom: true, ...mine });
    const after = await listed();
    expect(after.filter((t) => t.custom).map((t) => `${t.key}/${t.locale}`)).toEqual([
      "plan.installment_after/fr",
    ]);
    expect(after.find((t) => t.key === "plan.installment_after" && t.locale === "fr")?.subject).toBe(
      mine.subject,
    );
    expect(json<Template>(await owner.get(url))).toMatchObject(mine);
    // back to the default
    expect(json<Template>(await owner.delete(url))).toMatchObject({
      custom: false,
      ...DEFAULT_TEMPLATES["plan.installment_after"].fr,
    });
  });

  it("previews against the sample or a real invoice, escaping the client's name in the HTML", async () => {
    const template = {
      subject: "Facture {{ invoices.first.number }} – {{ client.name }}",
      text: "{{ client.name }} doit {{ totals.balance_cents | money }}.",
      html: "<p>{{ client.name }}</p><p>{{ client.name | newline_to_br }}</p>",
    };
    const sample = json<Preview>(
      await owner.post("/api/v1/dunning/templates/preview", { locale: "fr", ...template }),
    );
    expect(sample.problems).toEqual([]);
    expect(sample.subject).toBe("Facture F-2026-0112 – Boulangerie Durand SARL");
    // 1 800,00 € + 520,80 € still due in the sample
    expect(sample.text).toMatch(/^Boulangerie Durand SARL doit 2\s320,80\s€\.\n$/);

    const clientId = await addClient(s, owner.orgId, HOSTILE, "business");
    const invoiceId = await addInvoice(s, owner.orgId, clientId, {
      number: "F-666",
      total: 48_000,
      due: "2025-05-02",
    });
    const real = json<Preview>(
      await owner.post("/api/v1/dunning/templates/preview", {
        locale: "fr",
        invoice_id: invoiceId,
        ...template,
      }),
    );
    expect(real.problems).toEqual([]);
    expect(real.subject).toBe(`Facture F-666 – ${HOSTILE}`);
    expect(real.text).toContain(HOSTILE);
    expect(real.text).toMatch(/^<img src=x onerror="alert\(1\)"> & "Durand" doit 480,00\s€\.\n$/);
    expect(real.html).not.toContain("<img src=x");
    expect(real.html).not.toContain('onerror="');
    expect(real.html).toContain(
      "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;Durand&quot;</p>",
    );
    expect(real.html.split("&lt;img src=x").length - 1).toBe(3); // the <title> and both paragraphs

    // another organization's invoice is not found
    expectError(
      await other.post("/api/v1/dunning/templates/preview", {
        locale: "fr",
        invoice_id: invoiceId,
        ...template,
      }),
      404,
      "not_found",
    );

    // a broken part is reported with its place; the parts that render are still shown
    const broken = json<Preview>(
      await owner.post(
        "/api/v1/dunning/templates/preview",
        {
          locale: "en",
          ...template,
          text: "Hello\n{% for i in invoices %}{{ i.number }}",
        },
        { headers: { "accept-language": "en" } },
      ),
    );
    expect(broken.problems).toEqual([
      {
        path: "text",
        line: 2,
        column: 1,
        message: "Line 2, column 1: the tag {% for i in invoices %} is not closed.",
      },
    ]);
    expect(broken.text).toBe("\n");
    expect(broken.subject).toBe("Facture F-2026-0112 – Boulangerie Durand SARL");
    expect(broken.html).toContain("<p>Boulangerie Durand SARL</p>");
  });
});
