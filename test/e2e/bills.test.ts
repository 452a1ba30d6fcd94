/**
 * The "Lettres de change" card of a business client in a real browser (server clock on 30/06/2025): a bill is
 * drawn from the card for the client's overdue invoice, shows as issued with its PDF, then is marked unpaid — the
 * invoice's hold is lifted so reminders resume. Screenshots test/artifacts/bills-*.png.
 */
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { pdfText } from "../support/pdf-text.js";
import { apiCall, apiSignUp, browserSuite, shot, spaces } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

describe.skipIf(!available)(
  `bills of exchange in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });

    it("draws a bill from the client page, opens its PDF, and marks it unpaid", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Roux",
        address: "12 rue des Lilas",
        postal_code: "69003",
        city: "Lyon",
      });
      expect(client.status).toBe(201);
      const clientId = (client.json as { id: string }).id;
      const invoice = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
        client_id: clientId,
        number: "F-2025-0107",
        issue_date: "2025-04-30",
        due_date: "2025-05-31",
        total_ttc_cents: 184_250,
      });
      expect(invoice.status).toBe(201);
      const invoiceId = (invoice.json as { id: string }).id;
      const consumer = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "consumer",
        name: "Claire Petit",
      });

      await page.goto(`/clients/${clientId}`);
      const card = page.getByTestId("bills-card");
      await card.getByText("Aucune lettre de change.").waitFor();
      await card.getByTestId("bill-issue").click();
      const form = card.getByTestId("bill-form");
      await form.getByLabel("Échéance").fill("30/06/2025");
      await form.getByLabel("Lieu de création").fill("Lyon");
      await form.getByLabel("Banque du tiré (domiciliation)").fill("Crédit Lyonnais Lyon Part-Dieu");
      await form.getByRole("button", { name: "Tirer la lettre de change" }).click();
      await page
        .getByText("Lettre de change tirée : son PDF est dans les documents du client.")
        .first()
        .waitFor();
      const row = card.getByTestId("bill-row");
      await row.getByTestId("bill-state").getByText("Émise").waitFor();
      expect(spaces(await row.innerText())).toContain("1 842,50 €");
      expect(spaces(await row.innerText())).toContain("Factures : F-2025-0107");
      await card.scrollIntoViewIfNeeded();
      await shot(page, "bills-01-issued");

      const href = await row.getByRole("link", { name: "PDF" }).getAttribute("href");
      expect(href).toMatch(/^\/api\/v1\/bills\/.+\/pdf$/);
      const pdf = await context.request.get(`${server.url}${href}`);
      expect(pdf.status()).toBe(200);
      const text = await pdfText(await pdf.body());
      expect(text).toContain(
        "veuillez payer la somme de 1 842,50 € (mille huit cent quarante-deux euros et cinquante centimes)",
      );
      expect(text).toContain("Crédit Lyonnais Lyon Part-Dieu");

      await row.getByTestId("bill-unpaid").click();
      await row.getByTestId("bill-state").getByText("Impayée").waitFor();
      expect(await row.getByTestId("bill-pay").count()).toBe(1);
      expect(await row.getByTestId("bill-cancel").count()).toBe(0);
      await card.scrollIntoViewIfNeeded();
      await shot(page, "bills-02-unpaid");

      const detail = await apiCall(context, server.url, account, "GET", `/api/v1/invoices/${invoiceId}`);
      const released = detail.json as { hold_kind: string | null; next_action_on: string | null };
      expect(released.hold_kind).toBeNull();
      // the next run looks at it (today at the latest)
      expect(released.next_action_on && released.next_action_on <= "2025-06-30").toBe(true);
      const actions = await apiCall(
        context,
        server.url,
        account,
        "GET",
        `/api/v1/actions?invoice_id=${invoiceId}`,
      );
      expect(JSON.stringify(actions.json)).toContain("Lettre de change impayée");

      // a consumer's page has no bills card
      await page.goto(`/clients/${(consumer.json as { id: string }).id}`);
      await page.getByTestId("hold-card").waitFor();
      expect(await page.getByTestId("bills-card").count()).toBe(0);
    });
  },
);
