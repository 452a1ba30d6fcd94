/**
 * The client portal in a real browser (server clock on 30/06/2025): the staff create the client's link on the
 * client page and copy it; the client, with no session, opens it, sees what is owed, the IBAN and the EPC QR code,
 * declares a payment (« J'ai payé ») — the balance stays, the invoice says the payment awaits verification and its
 * reminders pause — and reads the page in English; it also fits a phone. A revoked link shows the invalid-link
 * page. Screenshots test/artifacts/portal-*.png.
 */
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { apiCall, apiSignUp, browserSuite, frenchEuros, overflowBeyond, shot, spaces } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

describe.skipIf(!available)(
  `client portal in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1280, height: 900 });

    it("the client opens its link, sees the QR code and declares a payment", async () => {
      const staff = await newPage();
      const account = await apiSignUp(staff.context, server.url, { organization: "Atelier Morel" });
      const org = await apiCall(staff.context, server.url, account, "PATCH", "/api/v1/organization", {
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPP",
        email: "compta@atelier-morel.fr",
        phone: "04 72 00 00 00",
      });
      expect(org.status).toBe(200);
      const client = await apiCall(staff.context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Roux",
        contacts: [{ email: "compta@roux.fr", is_billing: true }],
      });
      expect(client.status).toBe(201);
      const clientId = (client.json as { id: string }).id;
      const ids: Record<string, string> = {};
      for (const [number, cents, due] of [
        ["F-2025-0107", 184_250, "2025-05-31"],
        ["F-2025-0121", 60_001, "2025-07-15"],
        ["F-2025-0090", 30_000, "2025-04-30"],
      ] as const) {
        const invoice = await apiCall(staff.context, server.url, account, "POST", "/api/v1/invoices", {
          client_id: clientId,
          number,
          issue_date: "2025-04-01",
          due_date: due,
          total_ttc_cents: cents,
        });
        expect(invoice.status).toBe(201);
        ids[number] = (invoice.json as { id: string }).id;
      }
      const paid = await apiCall(staff.context, server.url, account, "POST", "/api/v1/payments", {
        date: "2025-05-10",
        amount_cents: 30_000,
        method: "transfer",
        allocations: [{ invoice_id: ids["F-2025-0090"], amount_cents: 30_000 }],
      });
      expect(paid.status).toBe(201);

      // the staff create the link on the client page: shown once, to copy
      await staff.page.goto(`/clients/${clientId}`);
      const card = staff.page.getByTestId("portal-card");
      await card.getByText("Aucun lien actif.").waitFor();
      await card.getByRole("button", { name: "Créer un lien" }).click();
      const urlInput = card.getByTestId("portal-card-url");
      await urlInput.waitFor();
      const url = await urlInput.inputValue();
      expect(url).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
      await card.getByText(/Lien actif jusqu'au 27\/12\/2025/).waitFor();
      await card.scrollIntoViewIfNeeded();
      await shot(staff.page, "portal-staff-card");

      // the client: another browser, no session
      const { page } = await newPage();
      await page.goto(new URL(url).pathname);
      await page.getByText("Bonjour Boulangerie Roux").waitFor();
      const owed = 184_250 + 60_001;
      expect(spaces(await page.getByTestId("portal-owed").innerText())).toBe(frenchEuros(owed));
      await page.getByText("FR76 3000 6000 0112 3456 7890 189").waitFor();
      const qr = page.getByTestId("portal-qr");
      await qr.waitFor();
      await expect
        .poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
        .toBeGreaterThan(100);
      const rows = page.getByTestId("portal-invoice");
      expect(await rows.count()).toBe(2);
      await rows.first().getByText("En retard").waitFor();
      expect(await page.getByTestId("portal-paid-row").count()).toBe(1);
      await shot(page, "portal-fr");

      // « J'ai payé » on the overdue invoice
      const overdue = page.locator('[data-number="F-2025-0107"]');
      await overdue.getByRole("button", { name: "J'ai payé" }).click();
      const form = page.getByTestId("portal-declare-form");
      expect(await form.getByLabel("Date du paiement").inputValue()).toBe("30/06/2025");
      expect(spaces(await form.getByLabel("Montant").inputValue())).toBe("1842,50");
      await form.getByLabel("Référence (facultatif)").fill("VIR BOULANGERIE ROUX 0630");
      await shot(page, "portal-declare-form");
      await form.getByRole("button", { name: "Déclarer mon paiement" }).click();
      await form.waitFor({ state: "detached" });
      await overdue.getByTestId("portal-declared-badge").waitFor();
      expect(spaces(await overdue.getByTestId("portal-declared-badge").innerText())).toBe(
        `${frenchEuros(184_250)} déclaré, en attente de vérification`,
      );
      // the balance does not move until the payment is verified
      expect(spaces(await overdue.getByTestId("portal-balance").innerText())).toBe(frenchEuros(184_250));
      expect(spaces(await page.getByTestId("portal-owed").innerText())).toBe(frenchEuros(owed));
      await page
        .getByTestId("portal-declared")
        .getByText(/facture F-2025-0107/)
        .waitFor();
      for (const button of await page.locator(".mantine-Notification-root button").all())
        await button.click();
      await shot(page, "portal-declared");

      const invoice = await apiCall(
        staff.context,
        server.url,
        account,
        "GET",
        `/api/v1/invoices/${ids["F-2025-0107"]}`,
      );
      expect(invoice.json).toMatchObject({
        balance_cents: 184_250,
        hold_kind: "manual",
        hold_until: "2025-07-07",
      });

      // English
      await page.getByTestId("lang-switch").getByText("EN", { exact: true }).click();
      await page.getByText("Hello Boulangerie Roux").waitFor();
      await page.getByText("Invoices to pay").waitFor();
      await shot(page, "portal-en");
      await page.getByTestId("lang-switch").getByText("FR", { exact: true }).click();
      await page.getByText("Factures à payer").waitFor();

      // a phone
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId("portal-qr").waitFor();
      expect(await overflowBeyond(page, 390)).toBeLessThanOrEqual(0);
      await shot(page, "portal-phone");

      // the staff revoke the link: the page says the link is not valid
      await card.getByRole("button", { name: "Révoquer" }).click();
      await card.getByText("Aucun lien actif.").waitFor();
      await page.reload();
      await page.getByTestId("portal-invalid").waitFor();
      await page.getByText("Lien invalide").waitFor();
      await shot(page, "portal-invalid");
    });
  },
);
