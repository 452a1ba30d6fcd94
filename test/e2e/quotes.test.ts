/**
 * The « Devis » card of a client in a real browser (server clock on 30/06/2025): a draft quote is marked sent, then
 * accepted — the deposit invoice appears with the « ne pas commencer » warning; once the deposit is paid the warning
 * goes and the final invoice is issued from the card. Screenshots test/artifacts/quotes-*.png.
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
  `quotes in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });

    it("sends and accepts a quote from the client page, warns until the deposit is paid, issues the final invoice", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Roux",
      });
      const clientId = (client.json as { id: string }).id;
      const created = await apiCall(context, server.url, account, "POST", "/api/v1/quotes", {
        client_id: clientId,
        number: "D-2025-014",
        issue_date: "2025-06-25",
        valid_until: "2025-07-25",
        deposit_percent: 30,
        lines: [
          { description: "Four à sole", quantity_milli: 1000, unit_price_cents: 500_000, vat_rate_bp: 2000 },
        ],
      });
      expect(created.status).toBe(201);

      await page.goto(`/clients/${clientId}`);
      const card = page.getByTestId("quotes-card");
      const row = card.getByTestId("quote-row");
      await row.getByTestId("quote-state").getByText("Brouillon").waitFor();
      expect(spaces(await row.innerText())).toContain("6 000,00 € TTC");
      expect(spaces(await row.innerText())).toContain("Acompte 30 % : 1 800,00 €");
      await row.getByTestId("quote-send").click();
      await row.getByTestId("quote-state").getByText("Envoyé").waitFor();
      await row.getByTestId("quote-accept").click();
      await row.getByTestId("quote-state").getByText("Accepté").waitFor();
      await row
        .getByTestId("quote-warning")
        .getByText("Ne pas commencer les travaux : acompte non réglé.")
        .waitFor();
      expect(spaces(await row.innerText())).toContain("Facture d'acompte AC-D-2025-014 : reste 1 800,00 €");
      await card.scrollIntoViewIfNeeded();
      await shot(page, "quotes-01-accepted");

      const href = await row.getByTestId("quote-pdf").getAttribute("href");
      const pdf = await context.request.get(`${server.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect(await pdfText(await pdf.body())).toContain("Bon pour accord");

      const quote = (
        await apiCall(context, server.url, account, "GET", `/api/v1/quotes?client_id=${clientId}`)
      ).json as { data: { invoices: { id: string }[] }[] };
      const depositId = quote.data[0]?.invoices[0]?.id;
      const paid = await apiCall(context, server.url, account, "POST", "/api/v1/payments", {
        date: "2025-06-30",
        amount_cents: 180_000,
        method: "transfer",
        allocations: [{ invoice_id: depositId, amount_cents: 180_000 }],
      });
      expect(paid.status).toBe(201);
      await page.reload();
      await row.getByTestId("quote-final-invoice").click();
      await row.getByText("Facture de solde F-D-2025-014 : reste 4 200,00 €").waitFor();
      expect(await row.getByTestId("quote-warning").count()).toBe(0);
      await card.scrollIntoViewIfNeeded();
      await shot(page, "quotes-02-final");
    });
  },
);
