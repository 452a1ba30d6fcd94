import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { pdfText } from "../support/pdf-text.js";

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}
interface Case {
  id: string;
  stage: string;
  outcome: string | null;
  close_note: string | null;
  procedures: {
    id: string;
    kind: string;
    status: string;
    opposition_deadline_on: string | null;
    court_name: string | null;
  }[];
  view: { court: { name: string; cerfa: string }; amounts: { total_cents: number } };
}

const LINE = {
  description: "Pose d'un chauffe-eau",
  quantity_milli: 1000,
  unit_price_cents: 100_000,
  vat_rate_bp: 2000,
};

describe.each(testDialects())("recovery API on %s", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let viewer: Agent;
  let pro: string;
  let old: string;
  let f1: string;

  beforeAll(async () => {
    // today is 2025-06-30 (Paris)
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Atelier Martin" });
    viewer = await memberWithRole(owner, "viewer");
    const org = await owner.request("PATCH", "/api/v1/organization", {
      city: "Lyon",
      address: "12 rue de la République",
      postal_code: "69002",
    });
    expect(org.statusCode, org.body).toBe(200);
    const c = await owner.post("/api/v1/clients", {
      kind: "business",
      name: "Boulangerie Dupont",
      address: "4 place Bellecour",
      postal_code: "75002",
      city: "Paris",
    });
    expect(c.statusCode, c.body).toBe(201);
    pro = c.json<{ id: string }>().id;
    const inv = await owner.post("/api/v1/invoices", {
      client_id: pro,
      number: "F-1",
      issue_date: "2025-04-01",
      due_date: "2025-05-01",
      lines: [LINE],
    });
    expect(inv.statusCode, inv.body).toBe(201);
    f1 = inv.json<{ id: string }>().id;
    const o = await owner.post("/api/v1/clients", {
      kind: "consumer",
      name: "Paul Ancien",
      postal_code: "75011",
      city: "Paris",
    });
    old = o.json<{ id: string }>().id;
    const gone = await owner.post("/api/v1/invoices", {
      client_id: old,
      number: "P-1",
      issue_date: "2022-05-01",
      due_date: "2022-06-01",
      total_ttc_cents: 5_000,
    });
    expect(gone.statusCode, gone.body).toBe(201);
  });
  afterAll(async () => {
    await s?.close();
  });

  it("shows the litigation view, refuses a prescribed case with the reason, and changes nothing", async () => {
    const view = await viewer.get(`/api/v1/clients/${pro}/litigation`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      court: { name: "Tribunal judiciaire de Paris", cerfa: "12948*06" },
      amounts: { principal_cents: 120_000, indemnity_cents: 4_000 },
      evidence_missing: ["agreement", "delivery", "reminders", "formal_notice"],
      refusal: null,
    });
    const before = await owner.get("/api/v1/recovery-cases");
    const refused = await owner.post("/api/v1/recovery-cases", { client_id: old });
    expect(refused.statusCode).toBe(400);
    const body = refused.json<ErrorBody>();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain("prescrites");
    expect(body.error.message).toContain("01/06/2024");
    expect(body.error.message).toContain("L218-2");
    expect((await owner.get("/api/v1/recovery-cases")).body).toBe(before.body);
    expect((await owner.post("/api/v1/recovery-cases", { client_id: pro, extra: 1 })).statusCode).toBe(400);
    expect((await viewer.post("/api/v1/recovery-cases", { client_id: pro })).statusCode).toBe(403);
  });

  it("opens a case, tracks an injonction de payer, serves the requête and the ZIP, closes it", async () => {
    const opened = await owner.post("/api/v1/recovery-cases", { client_id: pro });
    expect(opened.statusCode, opened.body).toBe(201);
    const kase = opened.json<Case>();
    expect((await owner.post("/api/v1/recovery-cases", { client_id: pro })).statusCode).toBe(409);
    // the case holds its invoice: the reminders stop, and a hand lift (or a pause in its place) is refused
    const held = await viewer.get(`/api/v1/invoices/${f1}`);
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ hold_kind: "recovery", hold_until: null });
    const lift = await owner.delete(`/api/v1/invoices/${f1}/hold`);
    expect(lift.statusCode, lift.body).toBe(409);
    expect(lift.json<ErrorBody>().error.code).toBe("conflict");
    expect(lift.json<ErrorBody>().error.message).toBe(
      "Les relances de la facture F-1 sont suspendues par le dossier de recouvrement judiciaire ouvert le 30/06/2025 : elles reprennent à sa clôture.",
    );
    const liftEn = await owner.request("DELETE", `/api/v1/invoices/${f1}/hold`, undefined, {
      headers: { "accept-language": "en" },
    });
    expect(liftEn.json<ErrorBody>().error.message).toBe(
      "Reminders of invoice F-1 are suspended by the judicial recovery case opened on 30/06/2025: they resume when it is closed.",
    );
    const pause = await owner.request("PUT", `/api/v1/invoices/${f1}/hold`, { kind: "manual" });
    expect(pause.statusCode, pause.body).toBe(409);
    expect((await viewer.get(`/api/v1/invoices/${f1}`)).json()).toMatchObject({ hold_kind: "recovery" });
    const ip = await owner.post(`/api/v1/recovery-cases/${kase.id}/procedures`, {
      kind: "injunction",
      filed_on: "2025-06-02",
      order_on: "2025-06-10",
    });
    expect(ip.statusCode, ip.body).toBe(201);
    const proc = ip.json<Case>().procedures[0];
    expect(proc).toMatchObject({
      kind: "injunction",
      status: "order",
      court_name: "Tribunal judiciaire de Paris",
    });

    const before = (await owner.get(`/api/v1/recovery-cases/${kase.id}`)).body;
    for (const bad of [
      { served_on: "2025-06-01" },
      { served_on: "2025-07-01" },
      { served_on: "01/06/2025" },
      { title_on: "2025-06-20" },
    ]) {
      const res = await owner.request("PATCH", `/api/v1/recovery-procedures/${proc?.id}`, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe("invalid_input");
    }
    expect((await owner.get(`/api/v1/recovery-cases/${kase.id}`)).body).toBe(before);
    const served = await owner.request("PATCH", `/api/v1/recovery-procedures/${proc?.id}`, {
      served_on: "2025-06-20",
    });
    expect(served.statusCode, served.body).toBe(200);
    expect(served.json<Case>().procedures[0]).toMatchObject({
      status: "served",
      opposition_deadline_on: "2025-07-21", // one month is Sunday 20 July: the next working day (CPC 642)
    });

    const requete = await viewer.get(`/api/v1/recovery-cases/${kase.id}/requete.pdf`);
    expect(requete.statusCode).toBe(200);
    expect(requete.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(requete.rawPayload);
    expect(text).toContain("Cerfa n° 12948*06");
    expect(text).toContain("Tribunal judiciaire de Paris");
    expect(text).toContain("Boulangerie Dupont");
    const zip = await viewer.get(`/api/v1/recovery-cases/${kase.id}/file.zip`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers["content-type"]).toBe("application/zip");
    const names = Object.keys(unzipSync(new Uint8Array(zip.rawPayload))).sort();
    expect(names).toEqual([
      "00-bordereau-de-pieces.pdf",
      "00-requete-injonction-de-payer.pdf",
      "pieces/01-facture-f-1.pdf",
    ]);
    const handover = await viewer.get(`/api/v1/recovery-cases/${kase.id}/file.zip`, {
      query: { variant: "handover" },
    });
    expect(Object.keys(unzipSync(new Uint8Array(handover.rawPayload)))).toContain("00-factures.csv");

    expect(
      (await owner.post(`/api/v1/recovery-cases/${kase.id}/close`, { outcome: "lost" })).statusCode,
    ).toBe(400);
    const closed = await owner.post(`/api/v1/recovery-cases/${kase.id}/close`, {
      outcome: "written_off",
      note: "Liquidation",
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<Case>()).toMatchObject({ stage: "closed", outcome: "written_off" });
    expect(closed.json<Case>().close_note).toContain("CGI art. 272");
    const list = await viewer.get("/api/v1/recovery-cases", { query: { client_id: pro } });
    expect(list.json<{ data: { id: string; stage: string }[] }>().data).toEqual([
      expect.objectContaining({ id: kase.id, stage: "closed" }),
    ]);
    const timeline = await viewer.get("/api/v1/actions", { query: { client_id: pro } });
    expect(timeline.body).toContain("Dossier de recouvrement clos");
    // written off: the invoice leaves the owed totals, its hold is gone with the case
    expect((await viewer.get(`/api/v1/invoices/${f1}`)).json()).toMatchObject({
      status: "written_off",
      hold_kind: null,
      balance_cents: 120_000,
    });
    const dashboard = await viewer.get("/api/v1/dashboard");
    // what is left is Paul Ancien's prescribed 50,00 €
    expect(dashboard.json()).toMatchObject({ outstanding_cents: 5_000, overdue_cents: 5_000 });
  });
});
