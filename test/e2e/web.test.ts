/**
 * The web app in a real browser (Debian's Chromium through playwright-core) against the real server: the
 * journeys a French plumber or agency owner takes, with screenshots under test/artifacts/ for people to look at.
 */
import { rmSync } from "node:fs";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/demo/load-demo.js";
import { newId } from "../../src/db/ids.js";
import { insertClients, newClientRow } from "../../src/db/repositories/clients.js";
import { insertInvoicesSkippingExisting } from "../../src/db/repositories/invoices.js";
import type { NewClient } from "../../src/db/schema.js";
import {
  browserAvailable,
  CHROMIUM,
  launchBrowser,
  startWebServer,
  type WebServer,
} from "../support/browser.js";
import { FRENCH_SHEET, tempDir } from "../support/files.js";
import {
  type Account,
  apiCall,
  apiImport,
  apiSignUp,
  frenchEuros,
  htmlLang,
  injectedMarkup,
  invoiceRows,
  overflowBeyond,
  PASSWORD,
  parseFrenchCents,
  shot,
  spaces,
  statValue,
  uniqueEmail,
  unpaidCentsOf,
  writeCsv,
} from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

describe.skipIf(!available)(
  `web app in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    let browser: Browser;
    let server: WebServer;
    let demo: WebServer;
    let files: string;
    /** Every context opened by the running test, closed after it. */
    let contexts: BrowserContext[] = [];
    /** What went wrong inside the pages of the running test (uncaught errors, dialogs). */
    let problems: string[] = [];

    beforeAll(async () => {
      files = tempDir("relance-e2e-");
      [browser, server, demo] = await Promise.all([
        launchBrowser(),
        startWebServer(),
        startWebServer({ demo: true, now: "2026-11-26T09:00:00Z" }),
      ]);
      await loadDemo({ ctx: demo.ctx });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await demo?.close();
      if (files) rmSync(files, { recursive: true, force: true });
    });

    afterEach(async () => {
      const seen = problems;
      problems = [];
      for (const c of contexts) await c.close();
      contexts = [];
      expect(seen).toEqual([]);
    });

    /** A fresh browser context (its own cookies and storage) on `base`, French, in Paris. */
    async function newContext(
      base: string = server.url,
      options: BrowserContextOptions = {},
    ): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({
        baseURL: base,
        viewport: DESKTOP,
        locale: "fr-FR",
        timezoneId: "Europe/Paris",
        ...options,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("dialog", (d) => {
        problems.push(`dialog: ${d.type()} ${d.message()}`);
        void d.dismiss();
      });
      return { context, page };
    }

    /** A signed-in account with the French tracking sheet imported, and its page on `path`. */
    async function accountWithSheet(
      path = "/",
      options: BrowserContextOptions = {},
    ): Promise<{ context: BrowserContext; page: Page; account: Account }> {
      const { context, page } = await newContext(server.url, options);
      const account = await apiSignUp(context, server.url);
      await apiImport(context, server.url, account);
      await page.goto(path);
      return { context, page, account };
    }

    function nav(page: Page) {
      return page.getByRole("navigation");
    }

    it("1. demo sign-in: the login page offers the demo, the dashboard is full", async () => {
      const { page } = await newContext(demo.url);
      await page.goto("/");
      const box = page.getByTestId("demo-box");
      await box.waitFor();
      expect(await box.innerText()).toContain("demo@relance.test");
      await shot(page, "01-demo-login");

      await box.getByRole("button", { name: "Se connecter à la démo" }).click();
      const outstanding = page.getByTestId("stat-outstanding");
      await outstanding.waitFor();
      for (const id of ["stat-outstanding", "stat-overdue"]) {
        const value = await statValue(page.getByTestId(id));
        expect(value).toMatch(/^[\d ]+,\d\d €$/);
        expect(value).not.toBe("0,00 €");
      }
      for (const id of ["stat-due-week", "stat-collected"]) {
        expect(await statValue(page.getByTestId(id))).toMatch(/^[\d ]+,\d\d €$/);
      }
      await page.getByRole("heading", { name: "Balance âgée" }).waitFor();
      await page.locator(".recharts-bar-rectangle").first().waitFor();
      expect(spaces(await page.getByTestId("dso").innerText())).toMatch(
        /^Délai moyen de paiement \(DSO\) : \d+ jours$/,
      );
      await page.getByRole("heading", { name: "Clients les plus en retard" }).waitFor();
      const actions = page.getByRole("heading", { name: "Actions du jour" });
      await actions.waitFor();
      expect(await page.locator("main ul > li").count()).toBeGreaterThan(0);
      expect(await page.getByText("26/11/2026").count()).toBeGreaterThan(0);
      await shot(page, "01-demo-dashboard");
    });

    it("2. sign up, import a CSV: the dashboard changes; a bad CSV changes nothing", async () => {
      const { page } = await newContext();
      await page.goto("/signup");
      await page.getByLabel("Votre nom").fill("Julie Martin");
      await page.getByLabel("E-mail").fill(uniqueEmail("julie"));
      await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
      await page.getByLabel("Nom de votre entreprise").fill("Plomberie Martin");
      await shot(page, "02-signup-form");
      await page.getByRole("button", { name: "Créer mon compte" }).click();

      await page.getByText("Aucune facture pour l'instant").waitFor();
      expect(await page.getByRole("link", { name: "Importer mes factures" }).count()).toBe(1);
      expect(await statValue(page.getByTestId("stat-outstanding"))).toBe("0,00 €");
      await shot(page, "02-signup-empty-dashboard");

      // The import, checked first, then for real.
      await nav(page).getByRole("link", { name: "Import" }).click();
      const csv = writeCsv(files, "suivi-factures.csv", FRENCH_SHEET);
      await page.getByLabel("Fichier à importer").setInputFiles(csv);
      await page.getByText("suivi-factures.csv", { exact: true }).waitFor();
      expect(await page.getByText("Choisir un fichier", { exact: true }).count()).toBe(1);
      const numberField = page.getByRole("combobox", { name: "Champ pour la colonne Numéro" });
      await numberField.waitFor();
      expect(await numberField.inputValue()).toBe("Numéro de facture");
      expect(
        await page.getByRole("combobox", { name: "Champ pour la colonne Montant TTC" }).inputValue(),
      ).toBe("Montant TTC");
      await page.getByRole("cell", { name: "Café de la Gare" }).waitFor();
      await shot(page, "02-import-preview");

      await page.getByRole("button", { name: "Vérifier" }).click();
      const result = page.getByTestId("import-result");
      await result.getByText("Vérification réussie").waitFor();
      expect(await result.innerText()).toContain("5 factures seraient créées");
      await shot(page, "02-import-dry-run");

      await page.getByRole("button", { name: "Importer", exact: true }).click();
      await result.getByText("Import terminé").waitFor();
      expect(await result.innerText()).toContain("5 factures créées");
      await shot(page, "02-import-done");

      const expected = frenchEuros(unpaidCentsOf(FRENCH_SHEET));
      expect(expected).toBe("9 364,56 €"); // the helper agrees with a sum done by hand
      await result.getByRole("link", { name: "Voir le tableau de bord" }).click();
      await page.getByRole("heading", { name: "Balance âgée" }).waitFor();
      await expect.poll(() => statValue(page.getByTestId("stat-outstanding"))).toBe(expected);
      await shot(page, "02-dashboard-after-import");

      // Two bad rows: the whole file is refused, both lines are listed, nothing is written.
      const bad = writeCsv(
        files,
        "suivi-erreurs.csv",
        [
          "Numéro;Client;Échéance;Montant TTC",
          "F-2025-201;Garage Leroy;31/02/2025;150,00",
          "F-2025-202;Garage Leroy;15/03/2025;douze euros",
          "F-2025-203;Garage Leroy;15/04/2025;90,00",
        ].join("\n"),
      );
      await nav(page).getByRole("link", { name: "Import" }).click();
      await page.getByLabel("Fichier à importer").setInputFiles(bad);
      await page.getByRole("cell", { name: "douze euros" }).waitFor();
      await page.getByTestId("import-preview-problems").waitFor();
      await page.getByRole("button", { name: "Importer", exact: true }).click();
      const errors = page.getByTestId("import-errors");
      await errors.waitFor();
      const rows = errors.locator("tbody tr");
      expect(await rows.count()).toBe(2);
      const cells = await Promise.all([0, 1].map(async (i) => rows.nth(i).locator("td").allInnerTexts()));
      expect(cells.map((c) => [c[0], c[1]])).toEqual([
        ["2", "Échéance"],
        ["3", "Montant TTC"],
      ]);
      for (const c of cells) expect(c[2]?.length ?? 0).toBeGreaterThan(5);
      expect(await errors.innerText()).toContain("Import refusé : 2 erreurs.");
      await shot(page, "02-import-errors");

      await nav(page).getByRole("link", { name: "Tableau de bord" }).click();
      await page.getByRole("heading", { name: "Balance âgée" }).waitFor();
      expect(await statValue(page.getByTestId("stat-outstanding"))).toBe(expected);
    });

    it("3. record a payment: partial in French format, then the rest; a bad amount records nothing", async () => {
      const { context, page, account } = await accountWithSheet("/invoices");
      // Due dates typed the French way filter the list.
      await invoiceRows(page).first().waitFor();
      await page.getByLabel(/^Échéance du/).fill("01/02/2025");
      await page.getByLabel(/^Échéance au/).fill("28/02/2025");
      await expect
        .poll(() => invoiceRows(page).locator("a").allInnerTexts())
        .toEqual(["F-2025-004", "F-2025-002", "F-2025-003"]);
      expect(new URL(page.url()).searchParams.get("due_to")).toBe("2025-02-28");
      await shot(page, "03-invoices-filtered");
      await page.getByRole("button", { name: "Effacer les filtres" }).first().click();
      await expect.poll(() => invoiceRows(page).count()).toBe(5);
      expect(await page.getByLabel(/^Échéance du/).inputValue()).toBe("");
      await invoiceRows(page).filter({ hasText: "F-2025-004" }).click();
      await page.getByRole("heading", { name: "Facture F-2025-004" }).waitFor();
      const balance = page.getByTestId("invoice-balance");
      const before = parseFrenchCents((await statValue(balance)).replace(" €", ""));
      expect(before).toBe(35_000);
      await shot(page, "03-invoice-open");

      // "abc": a French message under the field, nothing recorded.
      await page.getByRole("button", { name: "Enregistrer un paiement" }).click();
      const dialog = page.getByRole("dialog");
      const amount = dialog.getByLabel(/^Montant/);
      expect(await dialog.getByLabel(/^Date/).inputValue()).toBe("30/06/2025");
      await amount.fill("abc");
      await dialog.getByRole("button", { name: "Enregistrer le paiement" }).click();
      await dialog.getByText("Montant invalide : écrivez par exemple 1 234,56.").waitFor();
      await shot(page, "03-payment-invalid");
      const invoiceId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
      const none = await apiCall(
        context,
        server.url,
        account,
        "GET",
        `/api/v1/payments?invoice_id=${invoiceId}`,
      );
      expect((none.json as { data: unknown[] }).data).toEqual([]);

      // 100,50 €: the balance drops by exactly that.
      await dialog.getByLabel(/^Date/).fill("28/06/2025");
      await amount.fill("100,50");
      await dialog.getByRole("button", { name: "Enregistrer le paiement" }).click();
      await dialog.waitFor({ state: "hidden" });
      await expect.poll(() => statValue(balance)).toBe(frenchEuros(before - 10_050));
      const payments = page.getByTestId("invoice-payments");
      const paymentText = spaces(await payments.innerText());
      expect(paymentText).toContain("100,50 €");
      expect(paymentText).toContain("Virement");
      expect(paymentText).toContain("28/06/2025");
      await page.getByText("Payée en partie", { exact: true }).first().waitFor();
      await shot(page, "03-payment-partial");

      // The credit note form, looked at and closed.
      await page.getByRole("button", { name: "Émettre un avoir" }).click();
      await dialog.getByText("Motif").waitFor();
      await shot(page, "03-credit-note-form");
      await dialog.getByRole("button", { name: "Annuler" }).click();
      await dialog.waitFor({ state: "hidden" });

      // The rest: the form offers the balance; the invoice is paid.
      await page.getByRole("button", { name: "Enregistrer un paiement" }).click();
      expect(spaces(await amount.inputValue())).toBe("249,50");
      await dialog.getByRole("button", { name: "Enregistrer le paiement" }).click();
      await dialog.waitFor({ state: "hidden" });
      await expect.poll(() => statValue(balance)).toBe("0,00 €");
      await page.getByText("Payée", { exact: true }).first().waitFor();
      expect(await page.getByRole("button", { name: "Enregistrer un paiement" }).count()).toBe(0);
      expect(await payments.locator("tbody tr").count()).toBe(2);
      await shot(page, "03-payment-paid");
    });

    it("4. switch language: English everywhere, kept after a reload, then back to French", async () => {
      const { page } = await accountWithSheet("/");
      await page.getByRole("heading", { name: "Balance âgée" }).waitFor();
      expect(await htmlLang(page)).toBe("fr");

      await page.getByTestId("lang-switch").getByText("EN", { exact: true }).click();
      await page.getByRole("heading", { name: "Aged receivables" }).waitFor();
      expect(await htmlLang(page)).toBe("en");
      for (const label of ["Dashboard", "Invoices", "Clients", "Import", "Settings"]) {
        expect(await nav(page).getByRole("link", { name: label, exact: true }).count()).toBe(1);
      }
      expect((await page.getByTestId("stat-outstanding").innerText()).split("\n")[0]).toBe("Outstanding");
      expect((await page.getByTestId("stat-overdue").innerText()).split("\n")[0]).toBe("Overdue");
      expect(await statValue(page.getByTestId("stat-outstanding"))).toBe("€9,364.56");
      await shot(page, "04-lang-en-dashboard");

      await page.reload();
      await page.getByRole("heading", { name: "Aged receivables" }).waitFor();
      expect(await htmlLang(page)).toBe("en");
      await nav(page).getByRole("link", { name: "Invoices" }).click();
      await page.getByRole("heading", { name: "Invoices", level: 1 }).waitFor();
      await invoiceRows(page).first().waitFor();
      await shot(page, "04-lang-en-invoices");
      await invoiceRows(page).filter({ hasText: "F-2025-002" }).click();
      await page.getByRole("heading", { name: "Invoice F-2025-002" }).waitFor();
      await shot(page, "04-lang-en-invoice");

      await page.getByTestId("lang-switch").getByText("FR", { exact: true }).click();
      await page.getByRole("heading", { name: "Facture F-2025-002" }).waitFor();
      expect(await htmlLang(page)).toBe("fr");
      expect(await nav(page).getByRole("link", { name: "Tableau de bord" }).count()).toBe(1);
      await shot(page, "04-lang-fr-back");
    });

    it("5. escaping: a client named <script>alert(1)</script> shows as text, runs nothing", async () => {
      const name = "<script>alert(1)</script>";
      const { context, page, account } = await accountWithSheet("/");
      const created = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name,
        city: '<img src=x onerror="alert(2)">',
      });
      expect(created.status).toBe(201);
      const clientId = (created.json as { id: string }).id;
      const invoice = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
        client_id: clientId,
        number: "<b>F-XSS</b>",
        issue_date: "2025-05-01",
        due_date: "2025-05-31",
        total_ttc_cents: 12_000,
      });
      expect(invoice.status).toBe(201);

      await page.goto("/clients");
      const row = page.getByTestId("client-row").filter({ hasText: name });
      await row.waitFor();
      expect(await row.getByRole("link", { name, exact: true }).count()).toBe(1);
      expect(await row.getByText('<img src=x onerror="alert(2)">', { exact: true }).count()).toBe(1);
      await shot(page, "05-escaping-clients");

      // A look at the new-client form on the way (closed without saving).
      await page.getByRole("button", { name: "Nouveau client" }).click();
      const form = page.getByRole("dialog");
      await form.getByRole("button", { name: "Créer le client" }).waitFor();
      await shot(page, "05-client-form");
      await form.getByRole("button", { name: "Annuler" }).click();
      await form.waitFor({ state: "hidden" });

      await row.getByRole("link", { name }).click();
      await page.getByRole("heading", { name, level: 1 }).waitFor();
      await invoiceRows(page).filter({ hasText: "<b>F-XSS</b>" }).waitFor();
      await shot(page, "05-escaping-client-page");

      await page.goto("/");
      await page.getByRole("heading", { name: "Clients les plus en retard" }).waitFor();
      expect(await page.getByRole("link", { name, exact: true }).count()).toBeGreaterThan(0);
      const injected = await injectedMarkup(page);
      expect(injected).toEqual({ scripts: 0, images: 0, bold: 0 });
      await shot(page, "05-escaping-dashboard");
    });

    it("6. phone: the dashboard and the invoices are usable at 390×844, the menu opens", async () => {
      const { page } = await accountWithSheet("/", { viewport: PHONE, hasTouch: true, isMobile: true });
      await page.getByRole("heading", { name: "Balance âgée" }).waitFor();
      const overflow = () => overflowBeyond(page, PHONE.width);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await shot(page, "06-phone-dashboard");

      const burger = page.getByRole("button", { name: "Ouvrir le menu" });
      await burger.click();
      const link = nav(page).getByRole("link", { name: "Factures" });
      await expect.poll(async () => (await link.boundingBox())?.x ?? -1).toBeGreaterThanOrEqual(0);
      await shot(page, "06-phone-menu");

      await link.click();
      await page.getByRole("heading", { name: "Factures", level: 1 }).waitFor();
      await invoiceRows(page).first().waitFor();
      expect(await invoiceRows(page).count()).toBe(5);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await shot(page, "06-phone-invoices");

      await invoiceRows(page).filter({ hasText: "F-2025-005" }).click();
      await page.getByRole("heading", { name: "Facture F-2025-005" }).waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      // The amount of the imported payment is on screen, not behind a horizontal scroll.
      const paid = page.getByTestId("invoice-payments").getByRole("cell", { name: /5\s000,00\s€/ });
      const box = await paid.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await shot(page, "06-phone-invoice");
    });

    it("7. big ledger: 20,000 invoices, a few dozen rows in the DOM, more pages load on scroll", async () => {
      const { context, page } = await newContext();
      const account = await apiSignUp(context, server.url, { organization: "Grand Livre SARL" });
      const at = nowIso(server.ctx);
      const clients: NewClient[] = Array.from({ length: 40 }, (_, i) =>
        newClientRow(
          {
            id: newId(),
            organization_id: account.orgId,
            kind: "business",
            name: `Client ${String(i + 1).padStart(2, "0")}`,
          },
          at,
        ),
      );
      const TOTAL = 20_000;
      await server.ctx.db.transaction().execute(async (trx) => {
        await insertClients(trx, clients);
        for (let start = 0; start < TOTAL; start += 2_000) {
          const batch = Array.from({ length: Math.min(2_000, TOTAL - start) }, (_, k) => {
            const i = start + k;
            const due = new Date(Date.UTC(2024, 0, 1) + (i % 540) * 86_400_000).toISOString().slice(0, 10);
            const total = 10_000 + ((i * 7_919) % 500_000);
            return {
              id: newId(),
              organization_id: account.orgId,
              client_id: clients[i % clients.length]?.id ?? "",
              quote_id: null,
              kind: "invoice" as const,
              number: `F-${String(i + 1).padStart(6, "0")}`,
              issue_date: due,
              delivery_date: null,
              due_date: due,
              currency: "EUR",
              total_ht_cents: null,
              total_vat_cents: null,
              total_ttc_cents: total,
              paid_cents: 0,
              status: "open" as const,
              penalty_clause: "default",
              indemnity_applies: 1 as const,
              source: "imported" as const,
              disputed: 0 as const,
              notes: null,
              created_at: at,
              updated_at: at,
            };
          });
          const inserted = await insertInvoicesSkippingExisting(trx, batch);
          expect(inserted.size).toBe(batch.length);
        }
      });

      await page.goto("/invoices");
      await invoiceRows(page).first().waitFor();
      const label = page.getByText(/factures chargées/);
      expect(spaces(await label.innerText())).toBe(
        "200 factures chargées — la suite se charge en faisant défiler.",
      );
      expect(await invoiceRows(page).count()).toBeLessThan(100);
      const firstNumber = await invoiceRows(page).first().locator("a").innerText();
      await shot(page, "07-big-ledger-top");

      const scroller = page.getByRole("region", { name: "Liste des factures" });
      for (const loaded of ["400", "600"]) {
        await scroller.evaluate((el) => {
          el.scrollTop = el.scrollHeight;
        });
        await expect
          .poll(async () => spaces(await label.innerText()))
          .toContain(`${loaded} factures chargées`);
      }
      await invoiceRows(page).last().waitFor();
      expect(await invoiceRows(page).count()).toBeLessThan(100);
      const numbers = await invoiceRows(page).locator("a").allInnerTexts();
      expect(numbers).not.toContain(firstNumber);
      await shot(page, "07-big-ledger-scrolled");
    });

    it("8. roles: an invited viewer sees the invoice without payment, credit note or dispute buttons", async () => {
      const owner = await accountWithSheet("/");
      const viewerEmail = uniqueEmail("lecteur");
      const invited = await apiCall(owner.context, server.url, owner.account, "POST", "/api/v1/invitations", {
        email: viewerEmail,
        role: "viewer",
      });
      expect(invited.status).toBe(201);
      const acceptPath = new URL((invited.json as { accept_url: string }).accept_url).pathname;
      expect(acceptPath).toMatch(/^\/invitation\/.+/);

      await owner.page.goto("/settings");
      await owner.page.getByText(viewerEmail).waitFor();
      await shot(owner.page, "08-roles-owner-settings");

      const { page: guest } = await newContext();
      await guest.goto(acceptPath);
      await guest.getByText("Lecture seule", { exact: false }).waitFor();
      await guest.getByLabel("Votre nom").fill("Paul Lecteur");
      await guest.getByLabel("Choisissez un mot de passe").fill(PASSWORD);
      await shot(guest, "08-roles-invitation");
      await guest.getByRole("button", { name: "Accepter l'invitation" }).click();
      await guest.getByTestId("stat-outstanding").waitFor();

      // Signs in again from scratch, as the viewer would the next day.
      const { page } = await newContext();
      await page.goto("/login");
      await page.getByLabel("E-mail").fill(viewerEmail);
      await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.getByRole("heading", { name: "Balance âgée" }).waitFor();
      expect(await statValue(page.getByTestId("stat-outstanding"))).toBe(
        frenchEuros(unpaidCentsOf(FRENCH_SHEET)),
      );
      await shot(page, "08-roles-viewer-dashboard");

      await nav(page).getByRole("link", { name: "Factures" }).click();
      await invoiceRows(page).filter({ hasText: "F-2025-004" }).click();
      await page.getByRole("heading", { name: "Facture F-2025-004" }).waitFor();
      await page.getByTestId("invoice-balance").waitFor();
      for (const name of ["Enregistrer un paiement", "Émettre un avoir", "Marquer en litige"]) {
        const button = page.getByRole("button", { name });
        if ((await button.count()) > 0) expect(await button.isDisabled()).toBe(true);
      }
      expect(await page.getByLabel("Ajouter une note").count()).toBe(0);
      await shot(page, "08-roles-viewer-invoice");
    });
  },
);
