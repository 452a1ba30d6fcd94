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
  },
);
