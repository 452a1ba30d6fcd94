/**
 * The dunning screens in a real browser (Debian's Chromium through playwright-core) against the real server, its
 * clock on 30/06/2025: an invoice 35 days late gets its mise en demeure on the day's run; "À faire aujourd'hui"
 * shows it awaiting approval, its preview opens (sandboxed HTML), it is approved and leaves the approvals; the next
 * run prepares the registered letter, whose LRAR number and dates are recorded (a wrong order refused on the
 * field); the outbox lists the messages (an e-mail kept in Relance without SMTP server); a client is put on a
 * promise to pay; the invoice shows its next reminder; the mail settings. Screenshots test/artifacts/dunning-today-*.png.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import {
  type Account,
  apiCall,
  apiSignUp,
  browserSuite,
  PASSWORD,
  shot,
  spaces,
  uniqueEmail,
} from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

const DESKTOP = { width: 1440, height: 900 };

interface OutboxRow {
  id: string;
  state: string;
  channel: string;
  client_name: string;
  transport: string | null;
  document_id: string | null;
  letter: { number: string | null; sent_on: string | null; received_on: string | null };
}

describe.skipIf(!available)(
  `dunning screens in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite(DESKTOP);

    async function signedIn(): Promise<{ context: BrowserContext; page: Page; account: Account }> {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      return { context, page, account };
    }

    async function seedClient(
      context: BrowserContext,
      account: Account,
      name: string,
      invoice: { number: string; due_date: string; total_ttc_cents: number },
    ): Promise<{ clientId: string; invoiceId: string }> {
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name,
        address: "12 rue des Lilas",
        postal_code: "69003",
        city: "Lyon",
        contacts: [{ name: "Service comptable", email: "compta@example.fr", is_billing: true }],
      });
      expect(client.status).toBe(201);
      const clientId = (client.json as { id: string }).id;
      const created = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
        client_id: clientId,
        issue_date: "2025-04-26",
        ...invoice,
      });
      expect(created.status).toBe(201);
      return { clientId, invoiceId: (created.json as { id: string }).id };
    }

    async function outbox(context: BrowserContext, account: Account): Promise<OutboxRow[]> {
      const res = await apiCall(context, server.url, account, "GET", "/api/v1/outbox");
      expect(res.status).toBe(200);
      return (res.json as { data: OutboxRow[] }).data;
    }

    it("approves a mise en demeure, records its LRAR, lists the outbox, holds a client", async () => {
      const { context, page, account } = await signedIn();
      // 35 days late on 30/06/2025: the mise en demeure (J+30, never skipped) awaits approval.
      const morel = await seedClient(context, account, "Hôtel du Parc", {
        number: "F-2025-201",
        due_date: "2025-05-26",
        total_ttc_cents: 150_000,
      });
      // 10 days late: the second reminder (J+8), an e-mail sent at once, kept in Relance without SMTP server.
      await seedClient(context, account, "Boulangerie Petit", {
        number: "F-2025-202",
        due_date: "2025-06-20",
        total_ttc_cents: 42_000,
      });
      const run = await apiCall(context, server.url, account, "POST", "/api/v1/dunning/run", {});
      expect(run.status).toBe(200);
      expect(run.json).toMatchObject({ date: "2025-06-30", awaiting_approval: 1, sent: 1 });

      // The dashboard leads to today's page; it is the first item of the navigation.
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Navigation principale" });
      expect(spaces(await nav.getByRole("link").first().innerText())).toMatch(/^À faire aujourd'hui/);
      await page.getByTestId("today-link").click();
      await page.getByRole("heading", { name: "À faire aujourd'hui", level: 1 }).waitFor();
      expect(await page.getByText("Le 30/06/2025").count()).toBe(1);

      const approvals = page.getByTestId("today-approvals");
      const approval = approvals.getByTestId("approval");
      await approval.waitFor();
      expect(await approval.count()).toBe(1);
      expect(spaces(await approval.innerText())).toContain("Hôtel du Parc");
      expect(spaces(await approval.innerText())).toContain("Facture F-2025-201");
      expect(spaces(await approval.innerText())).toContain("Lettre recommandée");
      expect(await page.getByTestId("today-failures").getByTestId("empty").innerText()).toBe(
        "Aucun échec : tout est parti.",
      );
      await shot(page, "dunning-today-01-approvals");

      // The preview: subject, HTML in a sandboxed frame, plain text.
      await approval.getByRole("button", { name: "Voir" }).click();
      const modal = page.getByRole("dialog", { name: "Message à Hôtel du Parc" });
      await modal.waitFor();
      await modal.getByTestId("outbox-state").getByText("En attente d'approbation").waitFor();
      const frameElement = modal.getByTestId("message-frame");
      await frameElement.waitFor();
      expect(await frameElement.getAttribute("sandbox")).toBe("");
      await modal.frameLocator('[data-testid="message-frame"]').getByText("F-2025-201").first().waitFor();
      expect(spaces(await modal.getByTestId("message-subject").innerText()).length).toBeGreaterThan(5);
      await shot(page, "dunning-today-02-preview");
      await modal.getByRole("tab", { name: "Texte brut" }).click();
      expect(spaces(await modal.getByTestId("message-text").innerText())).toContain("F-2025-201");

      // Approved: it leaves the approvals.
      await modal.getByRole("button", { name: "Approuver et envoyer" }).click();
      await page.getByText("Message approuvé : il partira au prochain passage des relances.").waitFor();
      await modal.waitFor({ state: "detached" });
      await approvals.getByText("Aucun message n'attend votre approbation.").waitFor();
      expect((await outbox(context, account)).find((m) => m.client_name === "Hôtel du Parc")?.state).toBe(
        "pending",
      );

      // The day's run from the page: the registered letter is prepared, to be posted.
      await page.getByRole("button", { name: "Lancer les relances du jour" }).click();
      const summary = page.getByTestId("run-summary");
      await summary.waitFor();
      expect(spaces(await summary.innerText())).toContain("Relances du 30/06/2025");
      expect(spaces(await summary.innerText())).toContain("1 message envoyé ou courrier préparé");
      const letter = page.getByTestId("today-letters").getByTestId("letter");
      await letter.waitFor();
      expect(spaces(await letter.innerText())).toContain("Hôtel du Parc");
      const pdf = letter.getByRole("link", { name: "Télécharger le PDF" });
      const href = (await pdf.getAttribute("href")) ?? "";
      expect(href).toMatch(/^\/api\/v1\/documents\/[^/]+\/content$/);
      const download = await context.request.get(`${server.url}${href}`);
      expect(download.status()).toBe(200);
      expect((await download.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

      // The LRAR: received before posted is refused on the field, then the number and dates are saved.
      const form = letter.getByTestId("letter-form");
      await form.getByLabel("Numéro du recommandé").fill("1A 123 456 7890 1");
      await form.getByLabel("Posté le").fill("30/06/2025");
      await form.getByLabel("Reçu (AR signé) le").fill("29/06/2025");
      await form.getByRole("button", { name: "Enregistrer le suivi" }).click();
      await form
        .getByText("Les dates doivent se suivre : envoi, présentation, réception", { exact: false })
        .waitFor();
      await form.getByLabel("Reçu (AR signé) le").fill("");
      await form.getByRole("button", { name: "Enregistrer le suivi" }).click();
      await page.getByText("Suivi du recommandé enregistré.").waitFor();
      const registered = (await outbox(context, account)).find((m) => m.channel === "registered_letter");
      expect(registered?.state).toBe("sent");
      expect(registered?.letter).toMatchObject({
        number: "1A 123 456 7890 1",
        sent_on: "2025-06-30",
        received_on: null,
      });
      await letter.scrollIntoViewIfNeeded();
      await shot(page, "dunning-today-03-letter");

      // The outbox: both messages, in French states; the e-mail stayed in Relance.
      await nav.getByRole("link", { name: "Boîte d'envoi" }).click();
      await page.getByRole("heading", { name: "Boîte d'envoi", level: 1 }).waitFor();
      const rows = page.getByTestId("outbox-row");
      await expect.poll(() => rows.count()).toBe(2);
      const cells = (await rows.allInnerTexts()).map((r) => spaces(r).replace(/\s+/g, " ").trim());
      expect(cells.some((r) => /Hôtel du Parc Lettre recommandée .* Envoyé$/.test(r))).toBe(true);
      expect(cells.some((r) => /Boulangerie Petit E-mail .* Envoyé$/.test(r))).toBe(true);
      await shot(page, "dunning-today-04-outbox");
      await page.getByTestId("outbox-filters").getByText("Échec", { exact: true }).click();
      await page.getByTestId("outbox-empty").getByText("Aucun message dans cet état.").waitFor();
      expect(page.url()).toContain("state=failed");
      await page.getByRole("button", { name: "Tous" }).click();
      await expect.poll(() => rows.count()).toBe(2);
      await rows.filter({ hasText: "Boulangerie Petit" }).click();
      const email = page.getByRole("dialog", { name: "Message à Boulangerie Petit" });
      await email.getByTestId("local-transport").waitFor();
      expect(spaces(await email.getByTestId("local-transport").innerText())).toContain(
        "Conservé dans Relance (aucun serveur SMTP configuré)",
      );
      expect(spaces(await email.innerText())).toContain("Service comptable <compta@example.fr>");
      // a message sent can no longer be approved, cancelled or retried
      expect(await email.getByRole("button", { name: "Annuler l'envoi" }).count()).toBe(0);
      await shot(page, "dunning-today-05-outbox-message");
      await email.getByRole("button", { name: "Fermer" }).first().click();

      // A promise to pay on the client: shown on its page, stored.
      await page.goto(`/clients/${morel.clientId}`);
      const hold = page.getByTestId("hold-card");
      await hold.getByText("Les relances suivent leur cours.").waitFor();
      await hold.getByRole("button", { name: "Suspendre les relances" }).click();
      await hold.getByText("Promesse de paiement", { exact: true }).click();
      await hold.getByLabel("Jusqu'au").fill("15/07/2025");
      await hold.getByLabel("Précisions (facultatif)").fill("Virement promis par M. Roux au téléphone");
      await hold.getByRole("button", { name: "Suspendre les relances" }).click();
      await page.getByText("Relances suspendues.", { exact: true }).first().waitFor();
      await hold
        .getByTestId("hold-status")
        .getByText("Promesse de paiement jusqu'au 15/07/2025 : relances suspendues.")
        .waitFor();
      expect(spaces(await hold.getByTestId("hold-status").innerText())).toContain(
        "Motif : Virement promis par M. Roux au téléphone",
      );
      const client = await apiCall(context, server.url, account, "GET", `/api/v1/clients/${morel.clientId}`);
      expect(client.json).toMatchObject({
        hold_kind: "promise",
        hold_until: "2025-07-15",
        hold_reason: "Virement promis par M. Roux au téléphone",
      });
      await hold.scrollIntoViewIfNeeded();
      await shot(page, "dunning-today-06-client-promise");

      // The invoice tells its next reminder.
      const detail = await apiCall(
        context,
        server.url,
        account,
        "GET",
        `/api/v1/invoices/${morel.invoiceId}`,
      );
      const next = (detail.json as { next_action_on: string | null }).next_action_on;
      expect(next).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await page.goto(`/invoices/${morel.invoiceId}`);
      const [y, m, d] = (next ?? "").split("-");
      await page.getByTestId("next-action").getByText(`Prochaine relance le ${d}/${m}/${y}`).waitFor();
      await page.getByTestId("hold-card").scrollIntoViewIfNeeded();
      await shot(page, "dunning-today-07-invoice");
    });

    it("lets a collector do the day's call but not approve the mise en demeure", async () => {
      const { context: ownerContext, account: owner } = await signedIn();
      await seedClient(ownerContext, owner, "Hôtel du Parc", {
        number: "F-2025-301",
        due_date: "2025-05-26",
        total_ttc_cents: 150_000,
      });
      // 16 days late: the call (J+15) becomes a task for today.
      await seedClient(ownerContext, owner, "Garage Leroy", {
        number: "F-2025-302",
        due_date: "2025-06-14",
        total_ttc_cents: 80_000,
      });
      const run = await apiCall(ownerContext, server.url, owner, "POST", "/api/v1/dunning/run", {});
      expect(run.json).toMatchObject({ awaiting_approval: 1 });
      const invite = await apiCall(ownerContext, server.url, owner, "POST", "/api/v1/invitations", {
        email: uniqueEmail("recouvrement"),
        role: "collector",
      });
      const token = new URL((invite.json as { accept_url: string }).accept_url, server.url).pathname
        .split("/")
        .pop();
      const { context, page } = await newPage();
      const accepted = await context.request.post(`${server.url}/api/v1/invitations/accept`, {
        data: { token, password: PASSWORD, name: "Chloé Collecte" },
      });
      expect(accepted.status()).toBe(200);

      await page.goto("/today");
      const approval = page.getByTestId("today-approvals").getByTestId("approval");
      await approval.waitFor();
      expect(await approval.getByRole("button", { name: "Approuver et envoyer" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Lancer les relances du jour" }).count()).toBe(0);
      const task = page.getByTestId("today-tasks").getByTestId("task");
      await task.waitFor();
      expect(spaces(await task.innerText())).toContain("Garage Leroy");
      expect(spaces(await task.innerText())).toContain("Appel");
      await shot(page, "dunning-today-09-collector");
      await task.getByRole("button", { name: "Fait" }).click();
      await page.getByText("Tâche terminée.").waitFor();
      await page.getByTestId("today-tasks").getByText("Aucun appel ni tâche pour aujourd'hui.").waitFor();
      // the preview opens, without the approval's buttons
      await approval.getByRole("button", { name: "Voir" }).click();
      const modal = page.getByRole("dialog", { name: "Message à Hôtel du Parc" });
      await modal.getByTestId("message-frame").waitFor();
      expect(await modal.getByRole("button", { name: "Approuver et envoyer" }).count()).toBe(0);
      expect(await modal.getByRole("button", { name: "Annuler l'envoi" }).count()).toBe(0);
    });

    it("shows the mail settings: none, then the organization's server (masked), then removed", async () => {
      const { page } = await signedIn();
      await page.goto("/settings");
      const card = page.getByTestId("smtp-card");
      await card.getByText("Aucun serveur", { exact: true }).waitFor();
      expect(spaces(await card.innerText())).toContain(
        "les e-mails restent dans la boîte d'envoi de Relance",
      );
      await card.getByLabel("Serveur SMTP").fill("ftp://nope");
      await card.getByRole("button", { name: "Enregistrer le serveur" }).click();
      expect(await card.getByLabel("Serveur SMTP").getAttribute("aria-invalid")).toBe("true");
      await card.getByText("L'adresse doit commencer par smtp:// ou smtps://.").waitFor();
      await card.getByLabel("Serveur SMTP").fill("smtp://smtp.example.fr:587");
      await card.getByRole("button", { name: "Enregistrer le serveur" }).click();
      await page.getByText("Serveur d'envoi enregistré.").waitFor();
      await card.getByText("Votre serveur", { exact: true }).waitFor();
      expect(await card.getByTestId("smtp-url").innerText()).toBe("smtp://smtp.example.fr:587");
      await card.scrollIntoViewIfNeeded();
      await shot(page, "dunning-today-08-smtp");
      await card.getByRole("button", { name: "Retirer le serveur" }).click();
      await page.getByText("Serveur retiré : les e-mails restent dans Relance.").waitFor();
      await card.getByText("Aucun serveur", { exact: true }).waitFor();
    });
  },
);
