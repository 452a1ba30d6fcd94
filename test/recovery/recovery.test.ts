import { readdirSync } from "node:fs";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { isAppError } from "../../src/app/errors.js";
import { caseDocument, caseFileZip } from "../../src/app/recovery/case-file.js";
import { closeCase } from "../../src/app/recovery/close-case.js";
import { getLitigationView } from "../../src/app/recovery/get-litigation-view.js";
import { handOver } from "../../src/app/recovery/hand-over.js";
import { openCase } from "../../src/app/recovery/open-case.js";
import { addProcedure, recordProcedureStep } from "../../src/app/recovery/record-procedure-step.js";
import type { Organization } from "../../src/db/schema.js";
import { tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";
import { JPEG, sentMessage, storeDocument, tinyPdf } from "./support.js";

async function refused(work: Promise<unknown>, code: string, messageCode: string) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error), String(error)).toBe(true);
  if (!isAppError(error)) throw error;
  expect([error.code, error.messageCode]).toEqual([code, messageCode]);
  return error;
}

/** "1 234,56 €" as pdf.js reads it back (no-break spaces become spaces). */
const euros = (c: number) =>
  `${Math.floor(c / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, " ")},${String(c % 100).padStart(2, "0")} €`;

describe.each(testDialects())("judicial recovery (%s)", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  const files = tempFilesDir();
  const locale = "fr" as const;

  async function client(
    name: string,
    kind: "business" | "consumer",
    address: { postal_code: string; city: string } | null,
    merchant = true,
  ) {
    const id = await makeClient(ctx, org, { name, kind, siren: kind === "business" ? "732829320" : null });
    await ctx.db
      .updateTable("client")
      .set({
        address: address ? "4 rue du Plat" : null,
        postal_code: address?.postal_code ?? null,
        city: address?.city ?? null,
        merchant_status: kind === "business" ? (merchant ? "merchant" : "non_merchant") : null,
      })
      .where("id", "=", id)
      .execute();
    return id;
  }

  async function snapshot() {
    const [cases, procedures, actions, audit] = await Promise.all([
      ctx.db.selectFrom("recovery_case").selectAll().orderBy("id").execute(),
      ctx.db.selectFrom("recovery_procedure").selectAll().orderBy("id").execute(),
      ctx.db.selectFrom("action").select("id").orderBy("id").execute(),
      ctx.db.selectFrom("audit_log").select("id").orderBy("id").execute(),
    ]);
    return JSON.stringify({ cases, procedures, actions, audit });
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    // today: 2026-04-01 in Paris
    ctx = { ...testContext(t, { now: "2026-04-01T08:00:00Z" }) };
    org = await testOrganization(ctx, "Atelier Martin");
    const fields = {
      legal_form: "SARL",
      city: "Lyon",
      address: "12 rue de la République",
      postal_code: "69002",
      siren: "552100554",
    };
    await ctx.db.updateTable("organization").set(fields).where("id", "=", org.id).execute();
    org = { ...org, ...fields };
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("court follows the debtor's type and address; evidence flags what is missing; amounts come from the law engine", async () => {
    const merchant = await client("Boulangerie Dupont", "business", { postal_code: "69003", city: "Lyon" });
    await makeInvoice(ctx, org, merchant, {
      number: "F-1",
      total_cents: 100_000,
      issue_date: "2026-01-01",
      due_date: "2026-01-31",
    });
    await makeInvoice(ctx, org, merchant, {
      number: "F-2",
      total_cents: 50_000,
      issue_date: "2026-02-01",
      due_date: "2026-03-03",
    });
    await storeDocument(ctx, org, files.dir, {
      clientId: merchant,
      kind: "signed_quote",
      filename: "devis-signe.pdf",
      mime: "application/pdf",
      content: await tinyPdf("Devis signé"),
    });
    const view = await getLitigationView({ ctx, org, clientId: merchant, locale });
    expect(view.court).toMatchObject({
      court: "tribunal_de_commerce",
      cerfa: "12946*02",
      name: "Tribunal de commerce de Lyon",
      known: true,
      cour_d_appel: "Lyon",
    });
    expect(view.procedures.find((p) => p.procedure === "small_claims")?.eligible).toBe(true);
    expect(view.invoices.map((i) => i.number)).toEqual(["F-1", "F-2"]);
    expect(view.amounts.principal_cents).toBe(150_000);
    expect(view.amounts.indemnity_cents).toBe(8_000);
    expect(view.amounts.interest_cents).toBeGreaterThan(0);
    expect(view.amounts.total_cents).toBe(
      view.amounts.principal_cents + view.amounts.interest_cents + view.amounts.indemnity_cents,
    );
    expect(view.prescription_date).toBe("2031-01-31");
    const status = Object.fromEntries(view.evidence.map((e) => [e.key, e.status]));
    expect(status).toEqual({
      invoices: "present",
      agreement: "present",
      delivery: "missing",
      reminders: "missing",
      formal_notice: "missing",
    });
    expect(view.evidence_missing).toEqual(["delivery", "reminders", "formal_notice"]);
    expect(view.evidence.find((e) => e.key === "delivery")?.why).toContain("exécutée");

    // the same kind of debtor elsewhere, a non-merchant, a consumer: the court changes with them
    const paris = await client("Papeterie Rive Gauche", "business", { postal_code: "75006", city: "Paris" });
    await makeInvoice(ctx, org, paris, { number: "P-1", total_cents: 20_000, due_date: "2026-02-01" });
    expect((await getLitigationView({ ctx, org, clientId: paris, locale })).court.name).toBe(
      "Tribunal de commerce de Paris",
    );
    const civil = await client("Cabinet Durand", "business", { postal_code: "69003", city: "Lyon" }, false);
    await makeInvoice(ctx, org, civil, { number: "C-1", total_cents: 20_000, due_date: "2026-02-01" });
    expect((await getLitigationView({ ctx, org, clientId: civil, locale })).court).toMatchObject({
      name: "Tribunal judiciaire de Lyon",
      cerfa: "12948*06",
    });
    const consumer = await client("Claire Petit", "consumer", { postal_code: "13008", city: "Marseille" });
    await makeInvoice(ctx, org, consumer, { number: "K-1", total_cents: 20_000, due_date: "2026-02-01" });
    const cv = await getLitigationView({ ctx, org, clientId: consumer, locale });
    expect(cv.court).toMatchObject({
      name: "Tribunal judiciaire de Marseille",
      cour_d_appel: "Aix-en-Provence",
    });
    expect(cv.amounts.indemnity_cents).toBe(0);
    const village = await client("Ferme Martin", "business", { postal_code: "01250", city: "Ceyzériat" });
    await makeInvoice(ctx, org, village, { number: "V-1", total_cents: 20_000, due_date: "2026-02-01" });
    const vv = await getLitigationView({ ctx, org, clientId: village, locale });
    expect(vv.court).toMatchObject({
      known: false,
      name: "Tribunal de commerce compétent pour 01250 Ceyzériat",
    });
    expect(vv.court.warnings.map((w) => w.code)).toContain("recovery.court_lookup");
  });

  it("refuses a case past prescription with the reason, and writes nothing", async () => {
    const old = await client("Ancien Client", "business", { postal_code: "69001", city: "Lyon" });
    await makeInvoice(ctx, org, old, {
      number: "O-1",
      total_cents: 30_000,
      issue_date: "2020-12-01",
      due_date: "2021-01-10",
    });
    const view = await getLitigationView({ ctx, org, clientId: old, locale });
    expect(view.invoices).toEqual([]);
    expect(view.prescribed.map((i) => [i.number, i.prescription_date])).toEqual([["O-1", "2026-01-10"]]);
    expect(view.refusal?.message).toContain("10/01/2026");
    const before = await snapshot();
    const error = await refused(
      openCase({ ctx, org, userId: null, clientId: old, locale }),
      "invalid_input",
      "recovery.prescribed",
    );
    expect(error.localized("fr")).toContain("O-1");
    expect(error.localized("fr")).toContain("L110-4");
    expect(await snapshot()).toBe(before);
    // a consumer's invoice is barred after 2 years
    const gone = await client("Paul Ancien", "consumer", { postal_code: "75011", city: "Paris" });
    await makeInvoice(ctx, org, gone, { number: "O-2", total_cents: 30_000, due_date: "2024-03-01" });
    await refused(
      openCase({ ctx, org, userId: null, clientId: gone, locale }),
      "invalid_input",
      "recovery.prescribed",
    );
    expect(await snapshot()).toBe(before);
  });

  it("tracks an injonction de payer; bad dates are refused and change nothing; the ZIP holds exactly the pieces its bordereau lists", async () => {
    const id = await client("Garage Moreau", "business", { postal_code: "69007", city: "Lyon" });
    await makeInvoice(ctx, org, id, {
      number: "G-1",
      total_cents: 700_000,
      issue_date: "2025-10-01",
      due_date: "2025-10-31",
    });
    await makeInvoice(ctx, org, id, {
      number: "G-2",
      total_cents: 120_000,
      issue_date: "2025-11-01",
      due_date: "2025-12-01",
    });
    await storeDocument(ctx, org, files.dir, {
      clientId: id,
      kind: "contract",
      filename: "contrat-cadre.pdf",
      mime: "application/pdf",
      content: await tinyPdf("Contrat cadre"),
      at: "2025-09-01T10:00:00.000Z",
    });
    await storeDocument(ctx, org, files.dir, {
      clientId: id,
      kind: "delivery_note",
      filename: "bon-livraison.jpg",
      mime: "image/jpeg",
      content: JPEG,
      at: "2025-10-02T10:00:00.000Z",
    });
    const letter = await storeDocument(ctx, org, files.dir, {
      clientId: id,
      kind: "correspondence",
      filename: "mise-en-demeure-2026-01-15.pdf",
      mime: "application/pdf",
      content: await tinyPdf("Mise en demeure"),
      at: "2026-01-15T10:00:00.000Z",
    });
    await sentMessage(ctx, org, { clientId: id, channel: "email", sentOn: "2025-11-07" });
    await sentMessage(ctx, org, {
      clientId: id,
      channel: "registered_letter",
      sentOn: "2026-01-15",
      documentId: letter,
      letter: { number: "1A 234 567 8901 2", sent_on: "2026-01-15", received_on: "2026-01-17" },
    });
    const opened = await openCase({ ctx, org, userId: null, clientId: id, locale });
    expect(opened.stage).toBe("review");
    expect(opened.view.evidence.every((e) => e.status === "present")).toBe(true);
    expect(opened.view.procedures.find((p) => p.procedure === "small_claims")?.eligible).toBe(false);
    await refused(
      openCase({ ctx, org, userId: null, clientId: id, locale }),
      "conflict",
      "recovery.case_already_open",
    );
    // small claims are over 5 000 €: refused
    await refused(
      addProcedure({ ctx, org, userId: null, caseId: opened.id, kind: "small_claims", fields: {}, locale }),
      "invalid_input",
      "procedure.small_claims_over",
    );
    const withIp = await addProcedure({
      ctx,
      org,
      userId: null,
      caseId: opened.id,
      kind: "injunction",
      fields: { filed_on: "2026-02-02" },
      locale,
    });
    expect(withIp.stage).toBe("injunction");
    const proc = withIp.procedures[0];
    expect(proc).toMatchObject({
      court_name: "Tribunal de commerce de Lyon",
      filed_on: "2026-02-02",
      status: "filed",
    });
    // the filing interrupts prescription: a court_claim on each invoice
    const claims = await ctx.db
      .selectFrom("action")
      .select(["invoice_id", "occurred_on"])
      .where("organization_id", "=", org.id)
      .where("kind", "=", "court_claim")
      .execute();
    expect(claims).toHaveLength(2);
    expect(withIp.view.prescription_date).toBe("2031-02-02");

    const step = (fields: Record<string, string | null>) =>
      recordProcedureStep({
        ctx,
        org,
        userId: null,
        caseId: opened.id,
        procedureId: proc?.id ?? "",
        fields,
        locale,
      });
    // a mistyped filing date corrected: the earlier entries stop interrupting prescription, the new one does
    const corrected = await step({ filed_on: "2026-02-03" });
    const kinds = await ctx.db
      .selectFrom("action")
      .select(["kind", "occurred_on"])
      .where("organization_id", "=", org.id)
      .where("kind", "in", ["court_claim", "court_claim_corrected"])
      .orderBy("kind")
      .execute();
    expect(kinds.map((k) => `${k.kind} ${k.occurred_on}`)).toEqual([
      "court_claim 2026-02-03",
      "court_claim 2026-02-03",
      "court_claim_corrected 2026-02-02",
      "court_claim_corrected 2026-02-02",
    ]);
    expect(corrected.view.prescription_date).toBe("2031-02-03");
    const served = await step({ order_on: "2026-02-16", served_on: "2026-03-02" });
    expect(served.procedures[0]).toMatchObject({
      service_deadline_on: "2026-08-16",
      opposition_deadline_on: "2026-04-02",
      status: "served",
      next: { date: "2026-04-02" },
    });
    const before = await snapshot();
    await refused(step({ order_on: "2026-01-20" }), "invalid_input", "recovery.step_order");
    await refused(
      step({ enforceable_on: "2026-04-01" }),
      "invalid_input",
      "recovery.step_opposition_running",
    );
    await refused(step({ served_on: "2026-05-02" }), "invalid_input", "recovery.step_in_future");
    const wrong = await refused(
      step({ accepted_on: "2026-03-01" }),
      "invalid_input",
      "recovery.step_wrong_kind",
    );
    // the procedure's kind in words, not its key
    expect(JSON.stringify(wrong.details)).toContain("Injonction de payer");
    expect(JSON.stringify(wrong.details)).not.toContain("(injunction)");
    expect(await snapshot()).toBe(before);

    // the ZIP and its bordereau
    const { zip, pieces } = await caseFileZip({
      ctx,
      org,
      caseId: opened.id,
      filesDir: files.dir,
      variant: "injunction",
      locale,
    });
    const entries = unzipSync(new Uint8Array(zip));
    const names = Object.keys(entries).sort();
    const inZip = names.filter((n) => n.startsWith("pieces/")).map((n) => n.slice("pieces/".length));
    expect(names).toContain("00-requete-injonction-de-payer.pdf");
    expect(names).toContain("00-bordereau-de-pieces.pdf");
    expect(names.filter((n) => !n.startsWith("pieces/"))).toHaveLength(2);
    const bordereau = await pdfText(entries["00-bordereau-de-pieces.pdf"] as Uint8Array);
    const listed = [...bordereau.matchAll(/\b(\d{2}-[a-z0-9-]+\.[a-z]+)\b/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...inZip].sort());
    expect(listed).toHaveLength(5);
    expect(bordereau).toContain(`Total : ${listed.length} pièce(s)`);
    expect(pieces.map((p) => p.title)).toEqual([
      expect.stringContaining("Facture n° G-1"),
      expect.stringContaining("Facture n° G-2"),
      "Contrat : contrat-cadre.pdf",
      "Bon de livraison : bon-livraison.jpg",
      "Mise en demeure (LRAR n° 1A 234 567 8901 2) envoyée le 15/01/2026, reçue le 17/01/2026",
    ]);
    expect(bordereau).toContain("image JPEG jointe telle quelle");
    // every piece is the stored file as it is, or a duplicate PDF of the invoice
    const jpeg = inZip.find((n) => n.endsWith(".jpg")) ?? "";
    expect(Buffer.from(entries[`pieces/${jpeg}`] as Uint8Array).equals(JPEG)).toBe(true);
    expect(await pdfText(entries[`pieces/${inZip[0]}`] as Uint8Array)).toContain("G-1");

    // the requête carries the Cerfa 12946 fields
    const requete = await pdfText(entries["00-requete-injonction-de-payer.pdf"] as Uint8Array);
    const v = served.view;
    for (const expected of [
      "Requête en injonction de payer",
      "Cerfa n° 12946*02",
      "président du tribunal de commerce",
      "Tribunal de commerce de Lyon",
      "art. 1406",
      "Atelier Martin",
      "SIREN 552100554",
      "Garage Moreau",
      "SIREN 732829320",
      "4 rue du Plat",
      "69007 Lyon",
      "G-1",
      "G-2",
      euros(v.amounts.principal_cents),
      euros(v.amounts.interest_cents),
      euros(v.amounts.indemnity_cents),
      euros(v.amounts.total_cents),
      "Créance d'origine contractuelle",
      "Pièce n° 5 : Mise en demeure",
      "Fait à Lyon, le 01/04/2026",
    ]) {
      expect(requete, expected).toContain(expected);
    }
    const again = await caseFileZip({
      ctx,
      org,
      caseId: opened.id,
      filesDir: files.dir,
      variant: "injunction",
      locale,
    });
    expect(again.zip.equals(zip)).toBe(true);
  });

  it("prepares a small claim, hands a case over (summary + CSV) and closes it written off with the VAT note", async () => {
    const id = await client("Fleuriste Blanc", "business", { postal_code: "69004", city: "Lyon" });
    await makeInvoice(ctx, org, id, {
      number: "S-1",
      total_cents: 80_000,
      issue_date: "2026-01-05",
      due_date: "2026-02-04",
    });
    const kase = await openCase({ ctx, org, userId: null, clientId: id, locale });
    const small = await addProcedure({
      ctx,
      org,
      userId: null,
      caseId: kase.id,
      kind: "small_claims",
      fields: { sent_on: "2026-03-01", debtor_invited_on: "2026-03-03", fees_cents: 5_000 },
      locale,
    });
    expect(small.procedures[0]).toMatchObject({ deadline_on: "2026-04-03", status: "invited" });
    expect(small.costs_cents).toBe(5_000);
    const { pdf } = await caseDocument({
      ctx,
      org,
      caseId: kase.id,
      filesDir: files.dir,
      document: "small_claims",
      locale,
    });
    const text = await pdfText(pdf);
    for (const expected of [
      "procédure simplifiée de recouvrement des petites créances",
      "L125-1",
      "cour d'appel de Lyon",
      "Atelier Martin",
      "Fleuriste Blanc",
      "Fondement de la créance",
      "Créance d'origine contractuelle",
      "Principal",
      euros(small.view.amounts.principal_cents),
      euros(small.view.amounts.interest_cents),
      "L111-2, L111-3 et L125-1",
      "2238",
      "Pièce n° 1 : Facture n° S-1",
    ]) {
      expect(text, expected).toContain(expected);
    }
    await refused(
      handOver({ ctx, org, userId: null, caseId: kase.id, to: "lawyer", mandatee: { name: "  " }, locale }),
      "invalid_input",
      "recovery.mandatee_required",
    );
    const handed = await handOver({
      ctx,
      org,
      userId: null,
      caseId: kase.id,
      to: "bailiff",
      mandatee: { name: "Maître Roux", firm: "SCP Roux", email: "roux@example.fr" },
      mandate_on: "2026-03-20",
      fees_cents: 15_000,
      locale,
    });
    expect(handed).toMatchObject({ stage: "handed_over", costs_cents: 20_000 });
    const { zip } = await caseFileZip({
      ctx,
      org,
      caseId: kase.id,
      filesDir: files.dir,
      variant: "handover",
      locale,
    });
    const entries = unzipSync(new Uint8Array(zip));
    const csv = new TextDecoder().decode(entries["00-factures.csv"]);
    expect(csv.split("\r\n")[1]).toMatch(/^S-1;2026-01-05;2026-02-04;800,00;800,00;\d+,\d{2};40,00;/);
    const summary = await pdfText(entries["00-synthese-du-dossier.pdf"] as Uint8Array);
    expect(summary).toContain("Maître Roux");
    expect(summary).toContain("[MANQUANT] Devis signé, contrat ou bon de commande");
    expect(summary).toContain("Frais engagés à ce jour : 200,00 €");

    const closed = await closeCase({
      ctx,
      org,
      userId: null,
      id: kase.id,
      outcome: "written_off",
      note: "Liquidation judiciaire du débiteur",
      locale,
    });
    expect(closed).toMatchObject({ stage: "closed", outcome: "written_off", closed_on: "2026-04-01" });
    expect(closed.close_note).toContain("Liquidation judiciaire du débiteur");
    expect(closed.close_note).toContain("CGI art. 272");
    await refused(
      closeCase({ ctx, org, userId: null, id: kase.id, outcome: "paid", locale }),
      "conflict",
      "recovery.case_closed",
    );
    // written off, S-1 is owed no more: no new case on it; a new overdue invoice can have one
    await refused(
      openCase({ ctx, org, userId: null, clientId: id, locale }),
      "invalid_input",
      "recovery.nothing_owed",
    );
    await makeInvoice(ctx, org, id, { number: "S-2", total_cents: 10_000, due_date: "2026-03-01" });
    const again = await openCase({ ctx, org, userId: null, clientId: id, locale });
    expect(again.id).not.toBe(kase.id);
    expect(again.invoice_ids).toHaveLength(1);
    expect(readdirSync(files.dir).length).toBeGreaterThan(0);
  });
});
