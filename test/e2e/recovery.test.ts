/**
 * The "Contentieux" page of a client in a real browser (server clock on 30/06/2025): a user opens the litigation
 * view of an overdue business client from its page — amounts, invoices with their last day to act, the procedures
 * possible, the court flagged "à vérifier", the missing evidence with why it matters — opens a recovery case, starts
 * an injonction de payer, sees a filing date refused on its field, records it, downloads the ZIP of the file (the
 * bordereau inside, naming the invoices), hands the case over to a lawyer and closes it as written off, the VAT note
 * shown. A client whose only invoice is prescribed gets the refusal, on a phone. Screenshots
 * test/artifacts/recovery-*.png.
 */
import { readFile } from "node:fs/promises";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { pdfText } from "../support/pdf-text.js";
import {
  apiCall,
  apiSignUp,
  browserSuite,
  frenchEuros,
  overflowBeyond,
  shot,
  spaces,
  statValue,
} from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

const PHONE = { width: 390, height: 844 };

/** Closes the notifications shown (they would cover the page in the screenshots). */
async function closeNotifications(page: Page): Promise<void> {
  for (const button of await page.locator(".mantine-Notification-root button").all()) await button.click();
}

interface View {
  amounts: { principal_cents: number; total_cents: number };
  open_case_id: string | null;
}

describe.skipIf(!available)(
  `judicial recovery in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });

    it("opens a case, files an injonction de payer, downloads the file, hands it over and writes it off", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const org = await apiCall(context, server.url, account, "PATCH", "/api/v1/organization", {
        address: "12 rue de la République",
        postal_code: "69002",
        city: "Lyon",
      });
      expect(org.status).toBe(200);
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Dupont",
        address: "4 place des Victoires",
        postal_code: "75002",
        city: "Paris",
      });
      expect(client.status).toBe(201);
      const clientId = (client.json as { id: string }).id;
      const invoices: [string, string, number][] = [
        ["F-2025-0042", "2025-03-31", 180_000],
        ["F-2025-0057", "2025-04-30", 96_050],
      ];
      for (const [number, due, cents] of invoices) {
        const made = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
          client_id: clientId,
          number,
          issue_date: "2025-03-01",
          due_date: due,
          total_ttc_cents: cents,
        });
        expect(made.status).toBe(201);
      }
      const principal = invoices.reduce((sum, [, , cents]) => sum + cents, 0);
      const api = await apiCall(
        context,
        server.url,
        account,
        "GET",
        `/api/v1/clients/${clientId}/litigation`,
      );
      const view = api.json as View;
      expect(view.amounts.principal_cents).toBe(principal);

      // from the client page
      await page.goto(`/clients/${clientId}`);
      await page.getByTestId("open-recovery").click();
      await page.getByRole("heading", { name: "Contentieux : Boulangerie Dupont", level: 1 }).waitFor();
      expect(page.url()).toBe(`${server.url}/clients/${clientId}/recovery`);
      const amounts = page.getByTestId("recovery-amounts");
      expect(await statValue(amounts.getByText("Principal (reste dû)").locator(".."))).toBe(
        frenchEuros(principal),
      );
      expect(await statValue(page.getByTestId("recovery-total"))).toBe(frenchEuros(view.amounts.total_cents));
      expect(await page.getByTestId("recovery-invoice").count()).toBe(2);
      const invoicesCard = spaces(await page.getByTestId("recovery-invoices").innerText());
      // B2B: 5 years from the due date; the earliest last day to act is named
      expect(invoicesCard).toContain("31/03/2030");
      expect(invoicesCard).toContain("Agir avant le 31/03/2030");
      // the procedures
      const eligibility = page.getByTestId("recovery-eligibility");
      expect(await eligibility.getByTestId("eligibility-small_claims").innerText()).toContain("Possible");
      expect(await eligibility.getByTestId("eligibility-injonction_de_payer").innerText()).toContain(
        "Possible",
      );
      expect(await eligibility.getByTestId("eligibility-lawyer_required").innerText()).toContain(
        "Non obligatoire",
      );
      // the court, from an unverified table
      const court = page.getByTestId("recovery-court");
      expect(await court.getByTestId("court-name").innerText()).toBe("Tribunal judiciaire de Paris");
      expect(await court.getByTestId("court-to-verify").innerText()).toBe("À vérifier");
      expect(await court.getByTestId("court-warning").first().innerText()).toContain("table non vérifiée");
      // the evidence: only the invoices are there
      const evidence = page.getByTestId("recovery-evidence");
      expect(await evidence.getByTestId("evidence-summary").innerText()).toBe(
        "4 pièces manquantes ou incomplètes",
      );
      expect(await evidence.locator('[data-status="missing"]').count()).toBe(4);
      expect(await evidence.locator('[data-status="present"]').count()).toBe(1);
      const agreement = evidence.locator('[data-testid="evidence-item"]', {
        hasText: "Devis signé, contrat ou bon de commande",
      });
      expect(await agreement.innerText()).toContain("Manquante");
      expect(await agreement.getByTestId("evidence-why").innerText()).toContain(
        "Prouve l'accord du débiteur",
      );
      await shot(page, "recovery-01-view");

      // opening a case
      await page.getByTestId("recovery-open-case").click();
      const kase = page.getByTestId("recovery-case");
      await kase.getByTestId("case-stage").getByText("À l'étude").waitFor();
      expect(spaces(await kase.innerText())).toContain("Ouvert le 30/06/2025");
      expect(await page.getByTestId("recovery-open-case").count()).toBe(0);

      // an injonction de payer, nothing filed yet
      await kase.getByTestId("case-start").click();
      const start = kase.getByTestId("recovery-start-form");
      expect(await start.getByLabel("Tribunal", { exact: true }).inputValue()).toBe(
        "Tribunal judiciaire de Paris",
      );
      await closeNotifications(page);
      await shot(page, "recovery-02-start");
      await start.getByTestId("start-submit").click();
      const procedure = kase.getByTestId("procedure");
      await procedure.getByTestId("procedure-status").getByText("À lancer").waitFor();
      await kase.getByTestId("case-stage").getByText("Injonction de payer").waitFor();

      // an order before the filing: refused on its field, nothing changed
      const form = procedure.getByTestId("procedure-form");
      await form.getByLabel("Requête déposée au greffe").fill("02/06/2025");
      await form.getByLabel("Ordonnance rendue").fill("01/06/2025");
      await form.getByTestId("procedure-save").click();
      await form.getByText(/ne peut pas précéder requête déposée \(02\/06\/2025\)/).waitFor();
      expect(await procedure.getByTestId("procedure-status").innerText()).toBe("À lancer");
      await closeNotifications(page);
      await shot(page, "recovery-03-refused-date");
      const stored = await apiCall(
        context,
        server.url,
        account,
        "GET",
        `/api/v1/clients/${clientId}/litigation`,
      );
      const caseId = (stored.json as View).open_case_id;
      expect(caseId).toBeTruthy();
      const unchanged = await apiCall(
        context,
        server.url,
        account,
        "GET",
        `/api/v1/recovery-cases/${caseId}`,
      );
      expect(
        (unchanged.json as { procedures: { filed_on: string | null }[] }).procedures[0]?.filed_on,
      ).toBeNull();

      // the filing date alone
      await form.getByLabel("Ordonnance rendue").fill("");
      await form.getByTestId("procedure-save").click();
      await procedure.getByTestId("procedure-status").getByText("Requête déposée").waitFor();
      await page.getByText("Procédure mise à jour.").first().waitFor();
      // filing interrupts prescription: the last day to act moves (Code civil 2241)
      await expect
        .poll(async () => spaces(await page.getByTestId("recovery-invoices").innerText()))
        .not.toContain("31/03/2030");

      // the ZIP of the file, with the bordereau inside
      const downloads = kase.getByTestId("recovery-downloads");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        downloads.getByTestId("recovery-zip-injunction").click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.zip$/);
      const path = await download.path();
      const zip = await readFile(path);
      expect([...zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
      const files = unzipSync(new Uint8Array(zip));
      const names = Object.keys(files).sort();
      expect(names).toContain("00-bordereau-de-pieces.pdf");
      expect(names).toContain("00-requete-injonction-de-payer.pdf");
      expect(names.filter((n) => n.startsWith("pieces/"))).toHaveLength(2);
      const bordereau = await pdfText(files["00-bordereau-de-pieces.pdf"] ?? new Uint8Array());
      for (const [number] of invoices) expect(bordereau).toContain(number);
      // the requête's PDF opens with the session
      const href = await downloads.getByTestId("recovery-pdf-requete").getAttribute("href");
      expect(href).toBe(`/api/v1/recovery-cases/${caseId}/requete.pdf`);
      const requete = await context.request.get(`${server.url}${href}`);
      expect(requete.status()).toBe(200);
      expect(requete.headers()["content-type"]).toBe("application/pdf");
      expect(await pdfText(await requete.body())).toContain("Boulangerie Dupont");
      await closeNotifications(page);
      await shot(page, "recovery-04-filed");

      // handed over to a lawyer, with fees
      await kase.getByTestId("case-handover").click();
      const handover = kase.getByTestId("recovery-handover-form");
      await handover.getByText("Avocat", { exact: true }).click();
      expect(await handover.getByLabel("Date du mandat").inputValue()).toBe("30/06/2025");
      await handover.getByLabel("Nom").fill("Maître Anne Lefèvre");
      await handover.getByLabel("Étude ou cabinet").fill("Cabinet Lefèvre & Associés");
      await handover.getByLabel("E-mail").fill("contact@lefevre-avocats.fr");
      await handover.getByLabel("Frais et honoraires").fill("600");
      await handover.getByTestId("handover-submit").click();
      await kase.getByTestId("case-stage").getByText("Confié").waitFor();
      const lawyer = kase.locator('[data-testid="procedure"][data-kind="lawyer"]');
      expect(await lawyer.getByTestId("procedure-status").innerText()).toBe("Mandat confié");
      expect(await lawyer.getByTestId("procedure-who").innerText()).toContain("Maître Anne Lefèvre");
      expect(spaces(await kase.innerText())).toContain(`Frais de procédure : ${frenchEuros(60_000)}`);

      // closed as written off: the VAT note comes back
      await kase.getByTestId("case-close").click();
      const close = kase.getByTestId("recovery-close-form");
      expect(await close.getByTestId("close-help").innerText()).toContain("Les relances reprennent");
      await close.getByText("Passé en perte (irrécouvrable)").click();
      await close
        .getByTestId("close-help")
        .getByText(/passé en perte.*régularisation de TVA/)
        .waitFor();
      await close.getByLabel("Note (facultative)").fill("Liquidation judiciaire du débiteur.");
      await closeNotifications(page);
      await shot(page, "recovery-05-close");
      await close.getByTestId("close-submit").click();
      const closed = page.getByTestId("recovery-closed-case");
      await closed.getByTestId("case-outcome").getByText("Passé en perte (irrécouvrable)").waitFor();
      const note = await closed.getByTestId("case-close-note").innerText();
      expect(note).toContain("Liquidation judiciaire du débiteur.");
      expect(note).toContain("CGI art. 272");
      // what the invoices still owed is written off: nothing left to claim
      await page
        .getByTestId("recovery-refusal")
        .getByText(/rien à recouvrer/)
        .waitFor();
      expect(await page.getByTestId("recovery-open-case").count()).toBe(0);
      expect(await page.getByTestId("recovery-evidence").count()).toBe(0);
      // a closed case has nothing to file
      expect(await closed.getByTestId("recovery-downloads").count()).toBe(0);
      await closeNotifications(page);
      await shot(page, "recovery-06-closed");

      // the client's timeline tells the story
      await page.getByRole("link", { name: "Boulangerie Dupont" }).click();
      await page.getByText("Dossier de recouvrement clos").first().waitFor();
      expect(await page.getByTestId("open-recovery").innerText()).toBe("Contentieux");
      await shot(page, "recovery-09-client");
    });

    it("refuses a case when every invoice is prescribed, and fits a phone", async () => {
      const { context, page } = await newPage();
      await page.setViewportSize(PHONE);
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "consumer",
        name: "Paul Ancien",
        postal_code: "01250",
        city: "Ceyzériat",
      });
      const clientId = (client.json as { id: string }).id;
      const made = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
        client_id: clientId,
        number: "P-2022-0001",
        issue_date: "2022-05-01",
        due_date: "2022-06-01",
        total_ttc_cents: 50_000,
      });
      expect(made.status).toBe(201);

      await page.goto(`/invoices/${(made.json as { id: string }).id}`);
      await page.getByTestId("invoice-recovery").click();
      const refusal = page.getByTestId("recovery-refusal");
      await refusal.getByText("Aucun dossier ne peut être ouvert").waitFor();
      const text = spaces(await refusal.innerText());
      expect(text).toContain("sont prescrites");
      expect(text).toContain("01/06/2024");
      expect(text).toContain("L218-2");
      expect(await page.getByTestId("recovery-open-case").count()).toBe(0);
      const prescribed = page.getByTestId("recovery-prescribed");
      expect(spaces(await prescribed.innerText())).toContain("P-2022-0001");
      expect(await prescribed.getByText("Prescrite", { exact: true }).count()).toBe(1);
      expect(await page.getByTestId("recovery-court").count()).toBe(0);
      expect(await overflowBeyond(page, PHONE.width)).toBeLessThanOrEqual(0);
      await shot(page, "recovery-07-phone-refused");

      // a debtor in a town outside the court table: the court is to look up
      const garage = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Garage Vincent",
        address: "3 route de Bourg",
        postal_code: "01250",
        city: "Ceyzériat",
      });
      const garageId = (garage.json as { id: string }).id;
      const owed = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
        client_id: garageId,
        number: "F-2025-0090",
        issue_date: "2025-04-15",
        due_date: "2025-05-15",
        total_ttc_cents: 1_250_000,
      });
      expect(owed.status).toBe(201);
      await page.goto(`/clients/${garageId}/recovery`);
      const court = page.getByTestId("recovery-court");
      await court.waitFor();
      expect(await court.getByTestId("court-name").innerText()).toBe(
        "Tribunal judiciaire compétent pour 01250 Ceyzériat",
      );
      expect(await court.getByTestId("court-to-verify").innerText()).toBe("Adresse à rechercher");
      expect(await court.getByTestId("court-warning").innerText()).toContain("justice.fr");
      // 12 500 €: too much for a small claim, a lawyer required
      const eligibility = page.getByTestId("recovery-eligibility");
      expect(await eligibility.getByTestId("eligibility-small_claims").innerText()).toContain("Impossible");
      expect(await eligibility.getByTestId("eligibility-lawyer_required").innerText()).toContain(
        "Obligatoire",
      );
      expect(await overflowBeyond(page, PHONE.width)).toBeLessThanOrEqual(0);
      await shot(page, "recovery-08-phone-view");

      // in English, the server's words too once reloaded
      await page.getByTestId("lang-switch").getByText("EN", { exact: true }).click();
      await page.getByRole("heading", { name: "Litigation: Garage Vincent", level: 1 }).waitFor();
      await page.reload();
      await page.getByTestId("recovery-court").getByText("Address to look up").waitFor();
      expect(await page.getByTestId("evidence-summary").innerText()).toBe("4 pieces missing or incomplete");
      expect(await page.getByTestId("recovery-evidence").innerText()).toContain(
        "Missing: no mise en demeure sent",
      );
      expect(await overflowBeyond(page, PHONE.width)).toBeLessThanOrEqual(0);
      await shot(page, "recovery-10-phone-en");
    });
  },
);
