/**
 * « Nouveau devis » and « Nouvelle facture » in a real browser (server clock on 30/06/2025): a quote of two lines at
 * two VAT rates typed the French way ("1,5", "1 234,56"), its live totals (VAT rounded per rate) and deposit, the
 * saved quote read back from the API, then marked sent and accepted; an invoice typed on the client page gets the
 * next number of the series, F-2025-0001, and its page answers with the PDF. Screenshots test/artifacts/sales-*.png.
 */
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { apiCall, apiSignUp, browserSuite, shot, spaces } from "./support.js";

const available = browserAvailable();

/** The totals block's text, one line per label and per amount. */
async function textOf(locator: Locator): Promise<string> {
  return spaces(await locator.innerText()).replace(/\n+/g, "\n");
}
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

describe.skipIf(!available)(
  `quote and invoice forms in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });

    it("creates a quote of two lines at two rates, accepts it, then issues an invoice from the client page", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Plomberie Morel" });
      const org = await apiCall(context, server.url, account, "PATCH", "/api/v1/organization", {
        vat_number: "FR40303265045",
      });
      expect(org.status).toBe(200);
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Roux",
      });
      const clientId = (client.json as { id: string }).id;

      await page.goto(`/clients/${clientId}`);
      const card = page.getByTestId("quotes-card");
      await card.getByTestId("new-quote").click();
      const form = page.getByTestId("quote-form");
      await expect.poll(() => form.getByTestId("quote-number").inputValue()).toBe("D-2025-001");
      expect(await form.getByLabel("Valable jusqu'au").inputValue()).toBe("30/07/2025");

      const lines = form.getByTestId("sale-line");
      await lines.nth(0).getByLabel("Désignation, ligne 1").fill("Pose d'un chauffe-eau");
      await lines.nth(0).getByLabel("Quantité, ligne 1").fill("1,5");
      await lines.nth(0).getByLabel("Prix unitaire HT, ligne 1").fill("1 234,56");
      await lines.nth(0).getByLabel("TVA, ligne 1").click();
      await page.getByRole("option", { name: "10 %" }).click();
      await form.getByTestId("line-add").click();
      await lines.nth(1).getByLabel("Désignation, ligne 2").fill("Chauffe-eau 200 L");
      await lines.nth(1).getByLabel("Prix unitaire HT, ligne 2").fill("899,90");
      await lines.nth(1).getByLabel("TVA, ligne 2").click();
      await page.getByRole("option", { name: "20 %" }).click();

      // 1,5 × 1 234,56 = 1 851,84; VAT once per rate: 10 % of 1 851,84 = 185,18 (185,184), 20 % of 899,90 = 179,98
      const totals = form.getByTestId("sale-totals");
      await expect.poll(async () => textOf(totals)).toContain("Total TTC\n3 116,90 €");
      const text = await textOf(totals);
      expect(text).toContain("Total HT\n2 751,74 €");
      expect(text).toContain("TVA 20 % sur 899,90 €\n179,98 €");
      expect(text).toContain("TVA 10 % sur 1 851,84 €\n185,18 €");
      // deposit per rate: 269,97 + 53,99 (20 %) + 555,55 + 55,56 (10 %)
      expect(text).toContain("Acompte 30 % à la commande\n935,07 €");
      expect(spaces(await lines.nth(0).getByTestId("line-total").innerText())).toBe("1 851,84 €");
      await shot(page, "sales-01-quote-form");

      await form.getByTestId("quote-submit").click();
      await form.waitFor({ state: "detached" });
      const row = card.getByTestId("quote-row");
      await row.getByTestId("quote-state").getByText("Brouillon").waitFor();

      const list = await apiCall(context, server.url, account, "GET", `/api/v1/quotes?client_id=${clientId}`);
      const quoteId = (list.json as { data: { id: string }[] }).data[0]?.id;
      const saved = (await apiCall(context, server.url, account, "GET", `/api/v1/quotes/${quoteId}`))
        .json as {
        number: string;
        issue_date: string;
        valid_until: string;
        deposit_percent: number;
        deposit_cents: number;
        total_ht_cents: number;
        total_vat_cents: number;
        total_ttc_cents: number;
        lines: {
          description: string;
          quantity_milli: number;
          unit_price_cents: number;
          vat_rate_bp: number;
        }[];
      };
      expect(saved).toMatchObject({
        number: "D-2025-001",
        issue_date: "2025-06-30",
        valid_until: "2025-07-30",
        deposit_percent: 30,
        deposit_cents: 93_507,
        total_ht_cents: 275_174,
        total_vat_cents: 36_516,
        total_ttc_cents: 311_690,
      });
      expect(
        saved.lines.map((l) => [l.description, l.quantity_milli, l.unit_price_cents, l.vat_rate_bp]),
      ).toEqual([
        ["Pose d'un chauffe-eau", 1500, 123_456, 1000],
        ["Chauffe-eau 200 L", 1000, 89_990, 2000],
      ]);

      await row.getByTestId("quote-send").click();
      await row.getByTestId("quote-state").getByText("Envoyé").waitFor();
      await row.getByTestId("quote-accept").click();
      await row.getByTestId("quote-state").getByText("Accepté").waitFor();
      expect(spaces(await row.innerText())).toContain("Acompte 30 % : 935,07 €");
      expect(spaces(await row.innerText())).toContain("Facture d'acompte AC-D-2025-001 : reste 935,07 €");
      await card.scrollIntoViewIfNeeded();
      await shot(page, "sales-02-quote-accepted");

      // the next proposal follows the series; a number already used is refused by the server, on its field
      await card.getByTestId("new-quote").click();
      const again = page.getByTestId("quote-form");
      await expect.poll(() => again.getByTestId("quote-number").inputValue()).toBe("D-2025-002");
      await again.getByTestId("quote-number").fill("D-2025-001");
      await again.getByLabel("Désignation, ligne 1").fill("Ramonage");
      await again.getByLabel("Prix unitaire HT, ligne 1").fill("80");
      await again.getByTestId("quote-submit").click();
      await again.getByText("Le numéro de devis D-2025-001 est déjà utilisé.").waitFor();
      await page.keyboard.press("Escape");
      await again.waitFor({ state: "detached" });

      await page.getByTestId("new-invoice").click();
      const invoiceForm = page.getByTestId("invoice-form");
      await invoiceForm
        .getByTestId("invoice-next-number")
        .getByText("attribué à l'enregistrement : F-2025-0001")
        .waitFor();
      // a client-side check first: a line without designation nor price
      await invoiceForm.getByTestId("invoice-submit").click();
      await invoiceForm.getByText("Montant invalide : écrivez par exemple 1 234,56.").waitFor();
      const line = invoiceForm.getByTestId("sale-line").first();
      await line.getByLabel("Désignation, ligne 1").fill("Dépannage fuite");
      await line.getByLabel("Quantité, ligne 1").fill("2,5");
      await line.getByLabel("Prix unitaire HT, ligne 1").fill("48");
      await expect
        .poll(async () => textOf(invoiceForm.getByTestId("sale-totals")))
        .toContain("Total TTC\n144,00 €");
      await shot(page, "sales-03-invoice-form");
      await invoiceForm.getByTestId("invoice-submit").click();

      await page.waitForURL(/\/invoices\/[^/]+$/);
      await page.getByRole("heading", { name: /F-2025-0001/ }).waitFor();
      const href = await page.getByTestId("invoice-pdf").getAttribute("href");
      const pdf = await context.request.get(`${server.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      await shot(page, "sales-04-invoice-page");
    });

    it("issues an invoice from the Invoices page for a chosen client, at 0 % under the VAT franchise", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Studio Web Lefèvre" });
      await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Librairie Vidal",
        payment_term: "45 jours fin de mois",
      });

      await page.goto("/invoices");
      await page.getByTestId("new-invoice").click();
      const form = page.getByTestId("invoice-form");
      await form.getByTestId("invoice-submit").click();
      await form.getByText("Choisissez le client").first().waitFor();
      await form.getByRole("combobox", { name: "Client" }).fill("Vidal");
      await page.getByRole("option", { name: "Librairie Vidal" }).click();
      await form.getByText(/« 45 jours fin de mois » \(celui du client\)/).waitFor();
      // no VAT number in the settings: the franchise en base, lines at 0 % and its mention
      expect(spaces(await form.getByLabel("TVA, ligne 1").inputValue())).toBe("0 %");
      await form.getByLabel("Désignation, ligne 1").fill("Maquettes du site");
      await form.getByLabel("Quantité, ligne 1").fill("3");
      await form.getByLabel("Prix unitaire HT, ligne 1").fill("1 250,5");
      await expect.poll(() => textOf(form.getByTestId("sale-totals"))).toContain("Total TTC\n3 751,50 €");
      await form.getByTestId("sale-franchise").getByText("TVA non applicable, art. 293 B du CGI").waitFor();
      await shot(page, "sales-05-invoice-franchise");
      await form.getByTestId("invoice-submit").click();

      await page.waitForURL(/\/invoices\/[^/]+$/);
      await page.getByRole("heading", { name: /F-2025-0001/ }).waitFor();
      const id = new URL(page.url()).pathname.split("/").pop();
      const saved = (await apiCall(context, server.url, account, "GET", `/api/v1/invoices/${id}`)).json as {
        due_date: string;
        total_cents: number;
        total_vat_cents: number;
      };
      // 45 jours fin de mois from 30/06/2025: 14/08/2025, then the end of August
      expect(saved).toMatchObject({ due_date: "2025-08-31", total_cents: 375_150, total_vat_cents: 0 });
    });
  },
);
