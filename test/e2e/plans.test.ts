/**
 * The "Échéanciers" card of the client page in a real browser (server clock on 30/06/2025): a plan of three
 * monthly installments is built over the client's two open invoices, its live preview adds up to their balance,
 * it is saved as a draft, its acknowledgement of debt (PDF) downloads, it is marked signed and shows in force —
 * the invoice page's hold card then says so; the builder and the card also fit a phone. Screenshots
 * test/artifacts/plans-*.png.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM, screenshot } from "../support/browser.js";
import { pdfText } from "../support/pdf-text.js";
import { apiCall, apiSignUp, browserSuite, frenchEuros, overflowBeyond, shot, spaces } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

const PHONE = { width: 390, height: 844 };

/** Closes the notifications shown (they would cover the card in the screenshots). */
async function closeNotifications(page: Page): Promise<void> {
  for (const button of await page.locator(".mantine-Notification-root button").all()) await button.click();
}

describe.skipIf(!available)(
  `payment plans in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });

    it("builds a plan of three monthly installments, downloads the acknowledgement, marks it signed", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Roux",
        address: "12 rue des Lilas",
        postal_code: "69003",
        city: "Lyon",
        contacts: [{ email: "compta@roux.fr", is_billing: true }],
      });
      expect(client.status).toBe(201);
      const clientId = (client.json as { id: string }).id;
      const invoices: [string, number][] = [
        ["F-2025-0107", 184_250],
        ["F-2025-0121", 60_001],
      ];
      const invoiceIds: string[] = [];
      for (const [number, cents] of invoices) {
        const invoice = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
          client_id: clientId,
          number,
          issue_date: "2025-04-30",
          due_date: "2025-05-31",
          total_ttc_cents: cents,
        });
        expect(invoice.status).toBe(201);
        invoiceIds.push((invoice.json as { id: string }).id);
      }
      const balance = invoices.reduce((sum, [, cents]) => sum + cents, 0);

      await page.goto(`/clients/${clientId}`);
      const card = page.getByTestId("plans-card");
      await card.getByText("Aucun échéancier.").waitFor();
      await card.getByTestId("plan-new").click();
      const form = card.getByTestId("plan-form");
      // both open invoices are in by default
      for (const [number] of invoices) {
        expect(await form.getByRole("checkbox", { name: new RegExp(number) }).isChecked()).toBe(true);
      }
      await form.getByLabel("Nombre d'échéances").fill("3");
      await form.getByLabel("Première échéance").fill("15/07/2025");
      const preview = form.getByTestId("plan-preview");
      const rows = preview.getByTestId("preview-installment");
      // every two weeks, then monthly
      await form.getByRole("combobox", { name: "Fréquence" }).click();
      await page.getByRole("option", { name: "Toutes les deux semaines" }).click();
      await preview.getByText("12/08/2025").waitFor();
      await form.getByRole("combobox", { name: "Fréquence" }).click();
      await page.getByRole("option", { name: "Mensuelle" }).click();
      await preview.getByText("15/09/2025").waitFor();
      expect(await rows.count()).toBe(3);
      // 2 442,51 € in three: one more cent on the first installments
      const lines = (await rows.allInnerTexts()).map((l) =>
        spaces(l)
          .split(/\s*\t\s*|\n/)
          .filter(Boolean),
      );
      expect(lines).toEqual([
        ["1", "15/07/2025", "814,17 €"],
        ["2", "15/08/2025", "814,17 €"],
        ["3", "15/09/2025", "814,17 €"],
      ]);
      expect(spaces(await preview.getByTestId("preview-total").innerText())).toBe(frenchEuros(balance));
      expect(spaces(await preview.getByTestId("preview-balance").innerText())).toContain(
        `Égal au solde des factures choisies (${frenchEuros(balance)})`,
      );
      await card.scrollIntoViewIfNeeded();
      await shot(page, "plans-01-builder");

      // leaving an invoice out changes the preview; a date in the past is refused on its field
      await form.getByRole("checkbox", { name: /F-2025-0121/ }).uncheck();
      await preview.getByTestId("preview-total").getByText(frenchEuros(184_250)).waitFor();
      await form.getByRole("checkbox", { name: /F-2025-0121/ }).check();
      await form.getByLabel("Première échéance").fill("01/06/2025");
      await form
        .getByText(/est déjà passée/)
        .first()
        .waitFor();
      await shot(page, "plans-02-builder-error");
      await form.getByLabel("Première échéance").fill("15/07/2025");
      await preview.getByTestId("preview-total").getByText(frenchEuros(balance)).waitFor();

      await form.getByTestId("plan-save").click();
      await page
        .getByText(/Échéancier enregistré en brouillon/)
        .first()
        .waitFor();
      const row = card.getByTestId("plan-row");
      await row.getByTestId("plan-state").getByText("Brouillon").waitFor();
      expect(spaces(await row.innerText())).toContain(`3 échéances · ${frenchEuros(balance)}`);
      expect(await row.getByTestId("plan-installment").count()).toBe(3);
      expect(await row.getByTestId("plan-cancel").count()).toBe(1);

      // the acknowledgement of debt downloads
      const link = row.getByTestId("plan-pdf");
      expect(await link.innerText()).toBe("Télécharger la reconnaissance de dette (PDF)");
      const href = await link.getAttribute("href");
      expect(href).toMatch(/^\/api\/v1\/plans\/.+\/acknowledgement\.pdf$/);
      const pdf = await context.request.get(`${server.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      const text = await pdfText(await pdf.body());
      for (const part of ["Boulangerie Roux", "F-2025-0107", "F-2025-0121", "814,17", "déchéance du terme"]) {
        expect(text).toContain(part);
      }
      await card.scrollIntoViewIfNeeded();
      await closeNotifications(page);
      await shot(page, "plans-03-draft");

      await row.getByTestId("plan-sign").click();
      const sign = row.getByTestId("plan-sign-form");
      expect(await sign.getByLabel("Date de signature").inputValue()).toBe("30/06/2025");
      await sign.getByLabel("Date de signature").fill("29/06/2025");
      await sign.getByTestId("plan-sign-submit").click();
      await row.getByTestId("plan-state").getByText("En cours").waitFor();
      expect(spaces(await row.innerText())).toContain("Signé le 29/06/2025");
      expect(await row.getByTestId("plan-sign").count()).toBe(0);
      expect(await row.getByTestId("plan-cancel").count()).toBe(0);
      expect(spaces(await row.getByTestId("plan-paid").innerText())).toBe(
        `Payé 0,00 € · reste dû ${frenchEuros(balance)}`,
      );
      expect(await row.getByTestId("plan-pdf").innerText()).toBe("Reconnaissance de dette (PDF)");
      const again = await context.request.get(
        `${server.url}${await row.getByTestId("plan-pdf").getAttribute("href")}`,
      );
      expect(again.status()).toBe(200);
      expect(again.headers()["content-type"]).toBe("application/pdf");
      // every invoice is in the plan now: nothing left to propose
      await card.getByTestId("plan-new").click();
      await card.getByText("Aucune facture ouverte hors d'un autre échéancier.").waitFor();
      await card.getByRole("button", { name: "Fermer" }).click();
      await card.scrollIntoViewIfNeeded();
      await closeNotifications(page);
      await shot(page, "plans-04-active");

      const stored = await apiCall(
        context,
        server.url,
        account,
        "GET",
        `/api/v1/plans?client_id=${clientId}`,
      );
      const plans = (stored.json as { data: { state: string; installments: { amount_cents: number }[] }[] })
        .data;
      expect(plans.map((p) => p.state)).toEqual(["active"]);
      expect(plans[0]?.installments.reduce((sum, i) => sum + i.amount_cents, 0)).toBe(balance);

      // the invoice page says reminders wait for the plan
      await row.getByRole("link", { name: "F-2025-0107" }).click();
      await closeNotifications(page);
      await page
        .getByTestId("hold-status")
        .getByText("Échéancier en cours : relances suspendues tant qu'il est respecté.")
        .waitFor();
      // its reason would only repeat it; the next reminder's date means nothing while the plan holds
      expect(
        await page
          .getByTestId("hold-status")
          .getByText(/^Motif/)
          .count(),
      ).toBe(0);
      expect(await page.getByTestId("next-action").count()).toBe(0);
      await shot(page, "plans-05-invoice");
    });

    it("fits a phone: the builder and a plan without sideways scrolling", async () => {
      const { context, page } = await newPage();
      await page.setViewportSize(PHONE);
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "consumer",
        name: "Claire Petit",
      });
      const clientId = (client.json as { id: string }).id;
      await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
        client_id: clientId,
        number: "F-2025-0200",
        issue_date: "2025-05-02",
        due_date: "2025-06-01",
        total_ttc_cents: 100_000,
      });
      const made = await apiCall(context, server.url, account, "POST", "/api/v1/plans", {
        client_id: clientId,
        dates: ["2025-07-10", "2025-08-10"],
        amounts: [40_000, 60_000],
      });
      expect(made.status).toBe(201);

      await page.goto(`/clients/${clientId}`);
      const card = page.getByTestId("plans-card");
      await card.getByTestId("plan-row").waitFor();
      expect(spaces(await card.getByTestId("plan-row").innerText())).toContain("Dates au choix");
      await card.getByTestId("plan-row").getByTestId("plan-cancel").click();
      await card.getByText(/Annuler cet échéancier/).waitFor();
      expect(await overflowBeyond(page, PHONE.width)).toBeLessThanOrEqual(0);
      await card.scrollIntoViewIfNeeded();
      await shot(page, "plans-06-phone-plan");
      await card.getByTestId("plan-cancel-confirm").click();
      await card.getByTestId("plan-state").getByText("Annulé").waitFor();

      await card.getByTestId("plan-new").click();
      const form = card.getByTestId("plan-form");
      await form.getByText("Dates au choix").click();
      await form.getByRole("textbox", { name: "Date n° 1" }).fill("10/07/2025");
      await form.getByRole("textbox", { name: "Date n° 2" }).fill("10/08/2025");
      await form.getByLabel("Montant n° 1").fill("300");
      // one amount of two: refused before asking the server
      await form.getByTestId("plan-save").click();
      await form.getByText("Indiquez tous les montants, ou aucun.").waitFor();
      await form.getByLabel("Montant n° 2").fill("600");
      // the server checks the sum against the balance, shown on the dates
      await form.getByText(/doit être égale au solde dû/).waitFor();
      await form.getByLabel("Montant n° 2").fill("700");
      await form.getByTestId("plan-preview").getByTestId("preview-total").getByText("1 000,00 €").waitFor();
      expect(await overflowBeyond(page, PHONE.width)).toBeLessThanOrEqual(0);
      await closeNotifications(page);
      await shot(page, "plans-07-phone-builder");
    });

    it("lists the installment reminders on Paramètres → Relances, editable like the others", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      await page.goto("/settings/dunning");
      const table = page.getByTestId("templates-table");
      await table.getByText("Échéanciers", { exact: true }).waitFor();
      const row = table.getByRole("row").filter({ hasText: "Échéancier · Échéance non reçue (J+1)" });
      expect(
        await table.getByRole("row").filter({ hasText: "Échéancier · Rappel avant échéance (J−3)" }).count(),
      ).toBe(1);
      await table.scrollIntoViewIfNeeded();
      await shot(page, "plans-08-templates");

      await row.getByRole("link", { name: "Échéancier · Échéance non reçue (J+1) (Français)" }).click();
      await page
        .getByRole("heading", { name: "Modèle : Échéancier · Échéance non reçue (J+1) (Français)", level: 1 })
        .waitFor();
      // the sample installment: n° 1 of 3, 773,60 €
      await expect
        .poll(async () => spaces(await page.getByTestId("preview-subject").innerText()))
        .toContain("773,60 €");
      // the variables help lists the installment's
      await page.getByRole("button", { name: "Variables disponibles" }).click();
      const variables = await page.getByTestId("template-variables").innerText();
      expect(variables).toContain("installment.remaining_cents");
      expect(variables).toContain("installment.grace_end_date");
      expect(variables).not.toContain("step.offset_days");
      // template variables are code on purpose: the raw-words check of shot() does not apply to this one
      await screenshot(page, "plans-09-template-variables");
      await page.getByRole("button", { name: "Masquer les variables" }).click();
      const text = page.getByRole("textbox", { name: "Texte brut" });
      await text.fill("Bonjour {{ client.name }},\n\nL'échéance n° {{ installment.position }} reste due.\n");
      await page.getByRole("button", { name: "Enregistrer le modèle" }).click();
      await page.getByText("Modèle enregistré.").waitFor();
      const saved = await apiCall(
        context,
        server.url,
        account,
        "GET",
        "/api/v1/dunning/templates/plan.installment_after/fr",
      );
      expect(saved.json).toMatchObject({
        custom: true,
        text: expect.stringContaining("installment.position"),
      });
      await page.getByRole("link", { name: "Retour aux relances" }).click();
      await row.getByText("Modifié").waitFor();
    });
  },
);
