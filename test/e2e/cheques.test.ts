/**
 * « Chèque reçu » on the invoice page in a real browser (server clock on 30/06/2025): the form records a cheque
 * awaiting deposit, the balance stays, the cheque is listed « À encaisser » with « Confirmer (reçu) », which cashes
 * it. Screenshots test/artifacts/cheque-form.png and cheque-to-deposit.png.
 */
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { apiCall, apiSignUp, browserSuite, shot, spaces, statValue } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

describe.skipIf(!available)(
  `received cheque form in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1280, height: 800 });

    it("records a cheque to deposit, then confirms it", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Plomberie Martin" });
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Roux",
      });
      expect(client.status).toBe(201);
      const invoice = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
        client_id: (client.json as { id: string }).id,
        number: "F-1",
        issue_date: "2025-05-02",
        due_date: "2025-06-01",
        total_ttc_cents: 30_000,
      });
      expect(invoice.status).toBe(201);
      const invoiceId = (invoice.json as { id: string }).id;

      await page.goto(`/invoices/${invoiceId}`);
      await page.getByRole("heading", { name: "Facture F-1" }).waitFor();
      await page.getByRole("button", { name: "Chèque reçu" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel(/^Montant/).fill("150,00");
      await dialog.getByLabel(/^N° de chèque/).fill("1234567");
      await dialog.getByLabel(/^Tireur/).fill("SARL Roux");
      await dialog.getByLabel(/^Banque/).fill("LCL");
      await shot(page, "cheque-form");
      await dialog.getByRole("button", { name: "Enregistrer le chèque" }).click();
      await dialog.waitFor({ state: "hidden" });

      const pending = page.getByTestId("invoice-pending-payments");
      await pending.getByText("À encaisser").waitFor();
      const text = spaces(await pending.innerText());
      expect(text).toContain("Chèque n° 1234567 de SARL Roux, reçu le 30/06/2025");
      expect(text).toContain("150,00 €");
      expect(await statValue(page.getByTestId("invoice-balance"))).toBe("300,00 €");
      await shot(page, "cheque-to-deposit");

      await pending.getByRole("button", { name: "Confirmer (reçu)" }).click();
      await expect.poll(() => statValue(page.getByTestId("invoice-balance"))).toBe("150,00 €");
      await pending.waitFor({ state: "detached" });
    });
  },
);
