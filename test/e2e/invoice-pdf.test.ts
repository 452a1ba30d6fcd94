/**
 * The invoice page's "Facture (PDF)" link in a real browser (server clock on 30/06/2025): an invoice created without
 * a number gets the next of the year's series, its page offers the issued invoice next to the duplicate, and the
 * PDF it opens carries the mandatory mentions and the payment details. Screenshot test/artifacts/invoice-pdf-*.png.
 */
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { pdfText } from "../support/pdf-text.js";
import { apiCall, apiSignUp, browserSuite, shot } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

describe.skipIf(!available)(
  `issued invoice PDF in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });

    it("links the invoice PDF next to the duplicate and serves it with its mentions", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const org = await apiCall(context, server.url, account, "PATCH", "/api/v1/organization", {
        address: "3 quai Saint-Antoine",
        postal_code: "69002",
        city: "Lyon",
        siren: "552100554",
        vat_number: "FR96552100554",
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPP",
      });
      expect(org.status).toBe(200);
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Roux",
        siren: "732829320",
        address: "12 rue des Lilas",
        postal_code: "69003",
        city: "Lyon",
      });
      const clientId = (client.json as { id: string }).id;
      const invoice = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
        client_id: clientId,
        issue_date: "2025-06-02",
        due_date: "2025-07-02",
        lines: [
          {
            description: "Réfection de la devanture",
            quantity_milli: 1000,
            unit_price_cents: 150_000,
            vat_rate_bp: 2000,
          },
        ],
      });
      expect(invoice.status).toBe(201);
      const { id, number } = invoice.json as { id: string; number: string };
      expect(number).toBe("F-2025-0001");

      await page.goto(`/invoices/${id}`);
      const link = page.getByTestId("invoice-pdf");
      await link.waitFor();
      expect(await link.innerText()).toBe("Facture (PDF)");
      await page.getByRole("link", { name: "Duplicata (PDF)" }).waitFor();
      await shot(page, "invoice-pdf-01-links");

      const href = await link.getAttribute("href");
      expect(href).toBe(`/api/v1/invoices/${id}/invoice.pdf`);
      const pdf = await context.request.get(`${server.url}${href}`);
      expect(pdf.status()).toBe(200);
      const text = (await pdfText(await pdf.body())).replace(/\s+/g, " ");
      expect(text).toContain("Facture n° F-2025-0001");
      expect(text).toContain("SIREN 732829320");
      expect(text).toContain("Net à payer");
      expect(text).toContain("FR76 3000 6000 0112 3456 7890 189");
    });
  },
);
