/**
 * The call sheet in a real browser (Debian's Chromium through playwright-core) against the real server, its clock on
 * 30/06/2025: from the client page ("Préparer l'appel") to the call sheet (who to call, what is owed with days late
 * and the claim, the payment score, the talking points), then a reached call logged with a promise to pay: back on
 * the client page the hold card shows the promise, stored as an open promise. Also the link from a call task of
 * "À faire aujourd'hui". Screenshots test/artifacts/calls-*.png.
 */
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { apiCall, apiSignUp, browserSuite, shot, spaces } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

const DESKTOP = { width: 1440, height: 900 };

describe.skipIf(!available)(
  `call sheet in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite(DESKTOP);

    it("walks from the client page to the call sheet, logs a promise and sees the reminders held", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const created = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Hôtel du Parc",
        city: "Lyon",
        contacts: [
          { name: "Accueil", phone: "04 78 00 00 00" },
          {
            name: "M. Roux",
            role: "Comptable",
            email: "compta@hotel-parc.fr",
            phone: "06 12 34 56 78",
            is_billing: true,
          },
        ],
      });
      expect(created.status).toBe(201);
      const clientId = (created.json as { id: string }).id;
      for (const [number, due, total] of [
        ["F-2025-201", "2025-05-26", 150_000],
        ["F-2025-202", "2025-06-20", 42_000],
        ["F-2025-203", "2025-06-14", 30_000],
      ] as const) {
        const invoice = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
          client_id: clientId,
          number,
          issue_date: "2025-04-26",
          due_date: due,
          total_ttc_cents: total,
        });
        expect(invoice.status).toBe(201);
      }
      // F-2025-203 is 16 days late: the day's run makes its J+15 call task, which links to the call sheet
      const run = await apiCall(context, server.url, account, "POST", "/api/v1/dunning/run", { send: false });
      expect(run.status, JSON.stringify(run.json)).toBe(200);
      await page.goto("/today");
      await page.getByRole("heading", { name: "À faire aujourd'hui", level: 1 }).waitFor();
      await page.getByTestId("task").first().waitFor();
      const taskLink = page.getByTestId("task").getByTestId("prepare-call");
      expect(await taskLink.count()).toBeGreaterThan(0);
      expect(await taskLink.first().getAttribute("href")).toBe(`/clients/${clientId}/call`);

      await page.goto(`/clients/${clientId}`);
      await page.getByRole("heading", { name: "Hôtel du Parc", level: 1 }).waitFor();
      expect(await page.getByTestId("score-badge").first().innerText()).toMatch(/^Note [A-D]$/);
      await page.getByTestId("prepare-call").click();
      await page.getByRole("heading", { name: "Fiche d'appel — Hôtel du Parc", level: 1 }).waitFor();
      expect(spaces(await page.getByTestId("best-phone").innerText())).toBe(
        "Meilleur numéro : 06 12 34 56 78 (M. Roux)",
      );
      const owed = spaces(await page.getByTestId("call-owed").innerText());
      expect(owed).toContain("F-2025-201");
      expect(owed).toContain("35 j");
      expect(owed).toContain("Solde 2 220,00 € · dont échu 2 220,00 €");
      expect(spaces(await page.getByTestId("call-script").innerText())).toContain(
        "Proposez un paiement du solde",
      );
      expect(await page.getByTestId("call-sheet-pdf").getAttribute("href")).toBe(
        `/api/v1/clients/${clientId}/call-sheet.pdf`,
      );
      await shot(page, "calls-01-sheet");

      const form = page.getByTestId("call-form");
      await form.getByLabel("Notes").fill("M. Roux promet un virement de la totalité");
      await form.getByLabel("Montant promis (€)").fill("2 220,00");
      await form.getByLabel("Date promise").fill("10/07/2025");
      await shot(page, "calls-02-form");
      await form.getByRole("button", { name: "Enregistrer l'appel" }).click();
      await page.getByText("Appel enregistré : relances suspendues jusqu'au 13/07/2025").first().waitFor();
      await page.getByRole("heading", { name: "Hôtel du Parc", level: 1 }).waitFor();
      const hold = page.getByTestId("hold-card");
      await hold
        .getByTestId("hold-status")
        .getByText("Promesse de paiement jusqu'au 13/07/2025")
        .first()
        .waitFor();
      expect(spaces(await hold.getByTestId("hold-status").innerText())).toContain("2 220,00 € le 10/07/2025");
      const promises = await apiCall(context, server.url, account, "GET", "/api/v1/promises?state=open");
      expect(promises.json).toMatchObject({
        data: [
          { client_id: clientId, amount_cents: 222_000, promised_on: "2025-07-10", hold_until: "2025-07-13" },
        ],
      });
      await hold.scrollIntoViewIfNeeded();
      await shot(page, "calls-03-client-promise");
    });

    it("sets the promises' grace period in the settings, then shows on the client page what holds each invoice", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });

      // the setting: the server's bound (0–30 days) shown on the field, then saved
      await page.goto("/settings");
      const field = page.getByLabel("Délai de grâce des promesses (jours)");
      expect(await field.inputValue()).toBe("3");
      await field.fill("45");
      await page.getByRole("button", { name: "Enregistrer" }).first().click();
      await page.getByText("Le délai de grâce va de 0 à 30 jours").waitFor();
      await shot(page, "calls-04-settings-grace-refused");
      const unchanged = await apiCall(context, server.url, account, "GET", "/api/v1/organization");
      expect((unchanged.json as { promise_grace_days: number }).promise_grace_days).toBe(3);
      await field.fill("5");
      await page.getByRole("button", { name: "Enregistrer" }).first().click();
      await page.getByText("Paramètres enregistrés.").first().waitFor();
      const saved = await apiCall(context, server.url, account, "GET", "/api/v1/organization");
      expect((saved.json as { promise_grace_days: number }).promise_grace_days).toBe(5);

      const created = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Hôtel du Parc",
        city: "Lyon",
        contacts: [
          { name: "M. Roux", email: "compta@hotel-parc.fr", phone: "06 12 34 56 78", is_billing: true },
        ],
      });
      const clientId = (created.json as { id: string }).id;
      const ids: Record<string, string> = {};
      for (const [number, due] of [
        ["F-2025-301", "2025-05-26"],
        ["F-2025-302", "2025-06-02"],
        ["F-2025-303", "2025-06-09"],
        ["F-2025-304", "2025-06-16"],
        ["F-2025-305", "2025-06-23"],
      ] as const) {
        const invoice = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
          client_id: clientId,
          number,
          issue_date: "2025-04-26",
          due_date: due,
          total_ttc_cents: 50_000,
        });
        expect(invoice.status).toBe(201);
        ids[number] = (invoice.json as { id: string }).id;
      }
      // a promise on one invoice (held 5 days after its date), a plan over two, a bill of exchange over one
      const call = await apiCall(context, server.url, account, "POST", `/api/v1/clients/${clientId}/calls`, {
        outcome: "reached",
        promise: { amount_cents: 50_000, promised_on: "2025-07-04", invoice_ids: [ids["F-2025-301"]] },
      });
      expect(call.status, JSON.stringify(call.json)).toBe(201);
      expect((call.json as { promise: { hold_until: string } }).promise.hold_until).toBe("2025-07-09");
      const plan = await apiCall(context, server.url, account, "POST", "/api/v1/plans", {
        client_id: clientId,
        invoice_ids: [ids["F-2025-302"], ids["F-2025-303"]],
        count: 2,
        first_on: "2025-07-15",
      });
      expect(plan.status, JSON.stringify(plan.json)).toBe(201);
      const planId = (plan.json as { id: string }).id;
      const signed = await apiCall(context, server.url, account, "POST", `/api/v1/plans/${planId}/sign`, {});
      expect(signed.status, JSON.stringify(signed.json)).toBe(200);
      const bill = await apiCall(context, server.url, account, "POST", "/api/v1/bills", {
        client_id: clientId,
        invoice_ids: [ids["F-2025-304"]],
        due_on: "2025-07-31",
        issue_place: "Lyon",
      });
      expect(bill.status, JSON.stringify(bill.json)).toBe(201);

      await page.goto(`/clients/${clientId}`);
      await page.getByRole("heading", { name: "Hôtel du Parc", level: 1 }).waitFor();
      const row = (number: string) => page.getByTestId("invoice-row").filter({ hasText: number });
      await row("F-2025-305").waitFor();
      const badge = async (number: string) => {
        const held = row(number).getByTestId("held-badge");
        return (await held.count()) === 0 ? null : spaces(await held.innerText());
      };
      expect(await badge("F-2025-301")).toBe("Promesse");
      expect(await badge("F-2025-302")).toBe("Échéancier");
      expect(await badge("F-2025-303")).toBe("Échéancier");
      expect(await badge("F-2025-304")).toBe("Lettre de change");
      expect(await badge("F-2025-305")).toBeNull();
      expect(await row("F-2025-302").getByTestId("held-badge").getAttribute("title")).toBe(
        "Relances suspendues : la facture est dans un échéancier en cours",
      );
      // the client's timeline names the invoices: the plan's entries, one per invoice, and the plan proposed
      const timeline = page.getByTestId("timeline-entry");
      const signedEntries = timeline.filter({ hasText: "Reconnaissance de dette signée" });
      await signedEntries.first().waitFor();
      const named = (await signedEntries.getByTestId("timeline-invoices").allInnerTexts()).sort();
      expect(named).toEqual(["Facture F-2025-302", "Facture F-2025-303"]);
      expect(
        await timeline.filter({ hasText: "Échéancier proposé" }).getByTestId("timeline-invoices").innerText(),
      ).toBe("Factures F-2025-302, F-2025-303");
      await shot(page, "calls-05-client-held-badges");
    });
  },
);
