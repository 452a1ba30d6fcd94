/**
 * The « Rapprochement » page in a real browser (server clock on 30/06/2025): a CSV statement uploaded in the page is
 * imported and matched (the transfer naming its invoice recorded at once), a proposal confirmed, an unmatched line
 * split by hand over two invoices, a match undone — the invoice owed again. Screenshots test/artifacts/reconciliation-*.png.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { apiCall, apiSignUp, browserSuite, shot, spaces, writeCsv } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

const STATEMENT = [
  "Compte;FR76 3000 4005 6800 0123 4567 890",
  "Date;Libellé;Débit;Crédit",
  "20/06/2025;VIR SEPA RECU /DE SARL MARTIN MENUISERIE /MOTIF FACT F2025-0042;;1 440,00",
  "21/06/2025;VIR SEPA RECU /DE DURAND JEAN-PIERRE /MOTIF ACOMPTE F 2025 50;;500,00",
  "23/06/2025;VIR SEPA RECU /DE SCI LES TILLEULS /MOTIF REGLEMENT JUIN;;750,00",
  "24/06/2025;PRLV SEPA EDF;85,00;",
].join("\n");

describe.skipIf(!available)(
  `reconciliation in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });
    const files = mkdtempSync(join(tmpdir(), "relance-statement-"));
    afterAll(() => rmSync(files, { recursive: true, force: true }));

    it("imports a statement, confirms a proposal, matches a line by hand over two invoices, undoes a match", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const call = (method: "GET" | "POST", path: string, body?: unknown) =>
        apiCall(context, server.url, account, method, path, body);
      const client = async (name: string) =>
        ((await call("POST", "/api/v1/clients", { kind: "business", name })).json as { id: string }).id;
      const invoice = async (client_id: string, number: string, ht: number) => {
        const res = await call("POST", "/api/v1/invoices", {
          client_id,
          number,
          issue_date: "2025-05-15",
          due_date: "2025-06-14",
          lines: [{ description: "Travaux", quantity_milli: 1000, unit_price_cents: ht, vat_rate_bp: 2000 }],
        });
        expect(res.status, JSON.stringify(res.json)).toBe(201);
        return (res.json as { id: string }).id;
      };
      const status = async (id: string) =>
        ((await call("GET", `/api/v1/invoices/${id}`)).json as { status: string }).status;
      const f42 = await invoice(await client("SARL Martin Menuiserie"), "F2025-0042", 120_000);
      const f50 = await invoice(await client("Boulangerie Durand"), "F2025-0050", 100_000);
      const petit = await client("Garage Petit");
      const f60 = await invoice(petit, "F2025-0060", 25_000);
      const f61 = await invoice(petit, "F2025-0061", 37_500);

      await page.goto("/");
      await page.getByRole("navigation").getByRole("link", { name: "Rapprochement" }).click();
      await page.getByRole("heading", { name: "Rapprochement bancaire" }).waitFor();
      await page.getByLabel("Relevé bancaire").setInputFiles(writeCsv(files, "releve-juin.csv", STATEMENT));
      await page.getByRole("button", { name: "Importer le relevé" }).click();
      const summary = page.getByTestId("statement-summary");
      await summary.waitFor();
      expect(spaces(await summary.innerText())).toContain(
        "Opérations lues : 4 ; crédits : 3, dont nouveaux : 3. Enregistrés automatiquement : 1 · À confirmer : 1 · Non rapprochés : 1.",
      );
      expect(await status(f42)).toBe("paid");

      // À confirmer: the partial payment from the payer the bank names differently
      const proposal = page.getByTestId("bank-lines-proposed").getByTestId("bank-line");
      await proposal.waitFor();
      const text = spaces(await proposal.innerText());
      expect(text).toContain("21/06/2025");
      expect(text).toContain("500,00 €");
      expect(text).toContain("F2025-0050");
      expect(text).toContain("Boulangerie Durand");
      expect(text).toContain("sur 1 200,00 € restant dû");
      await shot(page, "reconciliation-01-imported");
      await proposal.getByRole("button", { name: "Confirmer" }).click();
      await page.getByTestId("bank-lines-empty").getByText("Aucune proposition à confirmer.").waitFor();
      expect(await status(f50)).toBe("partially_paid");

      // Non rapprochés: 750 € split by hand over two invoices of Garage Petit
      await page.getByRole("tab", { name: "Non rapprochés" }).click();
      const unmatched = page.getByTestId("bank-lines-unmatched").getByTestId("bank-line");
      await unmatched.waitFor();
      expect(spaces(await unmatched.innerText())).toContain("750,00 €");
      await unmatched.getByRole("button", { name: "Rapprocher à la main" }).click();
      const modal = page.getByTestId("manual-match");
      await modal.getByLabel("Chercher une facture ouverte").fill("Garage Petit");
      await modal.getByRole("button", { name: "Ajouter F2025-0060" }).click();
      await modal.getByRole("button", { name: "Ajouter F2025-0061" }).click();
      expect(await modal.getByLabel("Montant affecté à F2025-0060").inputValue()).toBe("300,00");
      expect(await modal.getByLabel("Montant affecté à F2025-0061").inputValue()).toBe("450,00");
      expect(spaces(await modal.getByTestId("manual-total").innerText())).toBe(
        "Affecté : 750,00 € sur 750,00 €",
      );
      await shot(page, "reconciliation-02-by-hand");
      await modal.getByRole("button", { name: "Confirmer le rapprochement" }).click();
      await page.getByTestId("bank-lines-empty").getByText("Aucune ligne non rapprochée.").waitFor();
      expect([await status(f60), await status(f61)]).toEqual(["paid", "paid"]);

      // Rapprochés: three lines, the invoices linked; the first match undone
      await page.getByRole("tab", { name: "Rapprochés", exact: true }).click();
      const matched = page.getByTestId("bank-lines-matched").getByTestId("bank-line");
      await expect.poll(() => matched.count()).toBe(3);
      expect(spaces(await matched.filter({ hasText: "F2025-0050" }).innerText())).toContain(
        "reste dû : 700,00 €",
      );
      const martin = matched.filter({ hasText: "F2025-0042" });
      expect(await martin.getByRole("link", { name: "F2025-0042" }).getAttribute("href")).toBe(
        `/invoices/${f42}`,
      );
      await shot(page, "reconciliation-03-matched");
      await martin.getByRole("button", { name: "Annuler" }).click();
      const dialog = page.getByRole("dialog", { name: "Annuler ce rapprochement ?" });
      expect(spaces(await dialog.innerText())).toContain("Le paiement de 1 440,00 € est retiré");
      await dialog.getByRole("button", { name: "Annuler" }).click();
      await expect.poll(() => matched.count()).toBe(2);
      expect(await status(f42)).toBe("open");
      await page.getByRole("tab", { name: "Non rapprochés" }).click();
      await page.getByTestId("bank-lines-unmatched").getByText("FACT F2025-0042", { exact: false }).waitFor();
      await shot(page, "reconciliation-04-undone");

      // a transfer for an invoice not entered yet: unmatched; once the invoice exists, « Rapprocher à nouveau »
      // records it, and leaves the match undone above to the user
      await page
        .getByLabel("Relevé bancaire")
        .setInputFiles(
          writeCsv(
            files,
            "releve-suite.csv",
            "Date;Libellé;Débit;Crédit\n26/06/2025;VIR SEPA RECU /DE GARAGE PETIT /MOTIF FACT F2025-0070;;360,00",
          ),
        );
      await page.getByRole("button", { name: "Importer le relevé" }).click();
      await page.getByTestId("statement-summary").getByText("Non rapprochés : 1").waitFor();
      const f70 = await invoice(petit, "F2025-0070", 30_000);
      await page.getByRole("button", { name: "Rapprocher à nouveau" }).click();
      const again = page.getByTestId("match-again-summary");
      await again.waitFor();
      expect(spaces(await again.innerText())).toBe(
        "Lignes rapprochées à nouveau : 1. Enregistrés automatiquement : 1 · À confirmer : 0 · Non rapprochés : 0.",
      );
      expect(await status(f70)).toBe("paid");
      expect(await status(f42)).toBe("open");
      await expect
        .poll(() => page.getByTestId("bank-lines-unmatched").getByTestId("bank-line").count())
        .toBe(1);
      await shot(page, "reconciliation-05-matched-again");

      // a bad file: refused whole, its line named
      const bad = writeCsv(
        files,
        "releve-faux.csv",
        [
          "Date;Libellé;Débit;Crédit",
          "25/06/2025;VIR SEPA RECU /DE X;;10,00",
          "31/02/2025;VIR SEPA RECU /DE Y;;12,00",
        ].join("\n"),
      );
      await page.getByLabel("Relevé bancaire").setInputFiles(bad);
      await page.getByRole("button", { name: "Importer le relevé" }).click();
      const refused = page.getByTestId("statement-refused");
      await refused.waitFor();
      expect(spaces(await refused.innerText())).toContain("Date invalide (ligne 3) : « 31/02/2025 »");
      expect(await refused.innerText()).toContain("Relevé refusé : rien n'a été importé.");
      expect(await page.getByTestId("statement-summary").count()).toBe(0);
      await shot(page, "reconciliation-06-refused");
    });
  },
);
