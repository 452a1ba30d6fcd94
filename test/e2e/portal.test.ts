/**
 * The client portal in a real browser (server clock on 30/06/2025): the staff create the client's link on the
 * client page and copy it; the client, with no session, opens it, sees what is owed, the IBAN and the EPC QR code,
 * declares a payment (« J'ai payé ») — the balance stays, the invoice says the payment awaits verification and its
 * reminders pause —, accepts a quote under its typed name (the deposit invoice appears among those to pay), asks for a
 * payment plan and reads the page in English; it also fits a phone. The staff then confirm the declared payment
 * from today's actions on the dashboard. A revoked link shows the invalid-link
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
      const quote = await apiCall(staff.context, server.url, account, "POST", "/api/v1/quotes", {
        client_id: clientId,
        number: "D-2025-014",
        issue_date: "2025-06-20",
        valid_until: "2025-07-20",
        deposit_percent: 30,
        lines: [
          { description: "Four à sole", quantity_milli: 1000, unit_price_cents: 100_000, vat_rate_bp: 2000 },
        ],
      });
      expect(quote.status).toBe(201);
      const quoteId = (quote.json as { id: string }).id;
      expect(
        (await apiCall(staff.context, server.url, account, "POST", `/api/v1/quotes/${quoteId}/send`)).status,
      ).toBe(200);

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

      // « Accepter » the quote: the name typed, then the deposit invoice is among those to pay
      const quoteCard = page.locator('[data-number="D-2025-014"]');
      await quoteCard.getByText(`Acompte demandé à l'acceptation : ${frenchEuros(36_000)}`).waitFor();
      await quoteCard.scrollIntoViewIfNeeded();
      await shot(page, "portal-quote");
      await quoteCard.getByRole("button", { name: "Accepter" }).click();
      const quoteForm = page.getByTestId("portal-quote-form");
      await quoteForm.getByRole("button", { name: "Accepter le devis" }).click();
      await quoteForm.getByText("Ce champ est obligatoire.").waitFor();
      await quoteForm.getByLabel("Votre nom et prénom").fill("Paul Roux");
      await shot(page, "portal-quote-accept-form");
      await quoteForm.getByRole("button", { name: "Accepter le devis" }).click();
      await quoteForm.waitFor({ state: "detached" });
      await page.getByTestId("portal-quotes").waitFor({ state: "detached" });
      await page.locator('[data-number="AC-D-2025-014"]').waitFor();
      expect(spaces(await page.getByTestId("portal-owed").innerText())).toBe(frenchEuros(owed + 36_000));
      for (const button of await page.locator(".mantine-Notification-root button").all())
        await button.click();
      await shot(page, "portal-quote-accepted");
      const accepted = await apiCall(staff.context, server.url, account, "GET", `/api/v1/quotes/${quoteId}`);
      expect(accepted.json).toMatchObject({
        status: "accepted",
        acceptance: { by: null, how: "portal", name: "Paul Roux" },
      });

      // « Demander un échéancier »: a task for the staff, no plan
      await page.getByRole("button", { name: "Demander un échéancier" }).click();
      const planForm = page.getByTestId("portal-plan-form");
      await planForm.getByLabel("Nombre d'échéances souhaité").fill("4");
      await planForm.getByLabel("Message (facultatif)").fill("Trésorerie tendue jusqu'en septembre");
      await shot(page, "portal-plan-form");
      await planForm.getByRole("button", { name: "Envoyer la demande" }).click();
      await planForm.waitFor({ state: "detached" });
      await page.getByText("Votre demande d'échéancier est envoyée.").waitFor();
      for (const button of await page.locator(".mantine-Notification-root button").all())
        await button.click();
      const timeline = await apiCall(
        staff.context,
        server.url,
        account,
        "GET",
        `/api/v1/actions?client_id=${clientId}`,
      );
      expect(JSON.stringify(timeline.json)).toContain("Échéancier demandé sur le portail : 4 échéances");

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

      // the staff verify the declared payment from today's actions: confirmed, the invoice's balance drops
      await staff.page.goto("/");
      const declaredAction = staff.page
        .locator("li")
        .filter({ hasText: "Paiement déclaré sur le portail à vérifier" });
      await declaredAction.getByRole("button", { name: "Confirmer (reçu)" }).waitFor();
      await declaredAction.scrollIntoViewIfNeeded();
      await shot(staff.page, "portal-staff-declared-action");
      await declaredAction.getByRole("button", { name: "Confirmer (reçu)" }).click();
      await staff.page.getByText("Paiement confirmé : le solde de la facture est mis à jour.").waitFor();
      await declaredAction.waitFor({ state: "detached" });
      const settled = await apiCall(
        staff.context,
        server.url,
        account,
        "GET",
        `/api/v1/invoices/${ids["F-2025-0107"]}`,
      );
      expect(settled.json).toMatchObject({ balance_cents: 0, status: "paid", hold_kind: null });
    });
  },
);
