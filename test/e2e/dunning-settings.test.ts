/**
 * The dunning settings in a real browser (Debian's Chromium through playwright-core) against the real server: a
 * step's day edited (refused first with the error on the field, then saved), a template broken (the error names its
 * line and column), fixed and previewed, a client given its own sequence, and the read-only view of a viewer.
 * Screenshots under test/artifacts/dunning-*.png for people to look at.
 */
import type { BrowserContext, Locator, Page } from "playwright-core";
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

interface Sequence {
  id: string;
  name: string;
  steps: { id: string; offset_days: number; template_key: string | null }[];
}

describe.skipIf(!available)(
  `dunning settings in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite(DESKTOP);

    async function signedIn(): Promise<{ context: BrowserContext; page: Page; account: Account }> {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      return { context, page, account };
    }

    async function sequences(context: BrowserContext, account: Account): Promise<Sequence[]> {
      const res = await apiCall(context, server.url, account, "GET", "/api/v1/dunning/sequences");
      expect(res.status).toBe(200);
      return (res.json as { data: Sequence[] }).data;
    }

    const card = (page: Page, name: string): Locator =>
      page.getByTestId("sequence-card").filter({ has: page.getByRole("heading", { name, exact: true }) });

    it("1. edits a step's day: refused out of order with the error on the field, then saved", async () => {
      const { context, page, account } = await signedIn();
      await page.goto("/settings");
      await page.getByRole("link", { name: "Paramétrer les relances" }).click();
      await page.getByRole("heading", { name: "Relances", exact: true, level: 1 }).waitFor();
      const b2b = card(page, "Professionnels (B2B)");
      await b2b.getByTestId("step-row").first().waitFor();
      expect(await b2b.getByTestId("step-row").count()).toBe(8);
      expect(await card(page, "Particuliers (B2C)").count()).toBe(1);
      await shot(page, "dunning-01-sequences");

      // J+1 → J+9: after J+8, refused on the field
      const second = b2b.getByLabel("Jour de l'étape 2 (par rapport à l'échéance)");
      expect(await second.inputValue()).toBe("1");
      await second.fill("9");
      await b2b.getByRole("button", { name: "Enregistrer la séquence" }).click();
      await b2b.getByTestId("sequence-errors").waitFor();
      const rowErrors = b2b.getByTestId("step-errors");
      await rowErrors.waitFor();
      expect(spaces(await rowErrors.innerText())).toBe(
        "Étape 3 — Jour : Les étapes doivent être dans l'ordre des jours : J+8 ne vient pas après l'étape précédente (J+9).",
      );
      expect(await second.getAttribute("aria-invalid")).toBe(null);
      expect(
        await b2b.getByLabel("Jour de l'étape 3 (par rapport à l'échéance)").getAttribute("aria-invalid"),
      ).toBe("true");
      expect((await sequences(context, account))[0]?.steps[1]?.offset_days).toBe(1);
      await b2b.scrollIntoViewIfNeeded();
      await shot(page, "dunning-02-step-error");

      // J+3 is in order: saved, the same step (same id) now at J+3
      await second.fill("3");
      await b2b.getByRole("button", { name: "Enregistrer la séquence" }).click();
      await page.getByText("Séquence enregistrée.").waitFor();
      await expect
        .poll(async () => (await sequences(context, account))[0]?.steps.map((s) => s.offset_days))
        .toEqual([-5, 3, 8, 15, 22, 30, 45, 60]);
      expect(await b2b.getByTestId("sequence-errors").count()).toBe(0);
      expect(await b2b.getByLabel("Jour de l'étape 2 (par rapport à l'échéance)").inputValue()).toBe("3");
      await shot(page, "dunning-03-step-saved");
    });

    it("2. opens a template, breaks it (error line and column), fixes it and sees the preview", async () => {
      const { context, page, account } = await signedIn();
      await page.goto("/settings/dunning");
      const b2b = card(page, "Professionnels (B2B)");
      await b2b.getByTestId("step-row").nth(1).getByRole("link", { name: "Modifier le texte" }).click();
      await page
        .getByRole("heading", { name: "Modèle : Professionnels · Première relance (Français)", level: 1 })
        .waitFor();
      await page.getByTestId("preview-frame").waitFor();
      // the sample case: the bakery's two invoices
      await expect
        .poll(async () => spaces(await page.getByTestId("preview-subject").innerText()))
        .toContain("F-2026-0112, F-2026-0127");
      const frame = page.frameLocator('[data-testid="preview-frame"]');
      await frame.getByText("F-2026-0112").first().waitFor();
      await shot(page, "dunning-04-template");

      const text = page.getByRole("textbox", { name: "Texte brut" });
      await text.fill(
        "Bonjour,\n\nMerci de régler {{ clent.name }} sans tarder.\n\n{{ organization.signature }}",
      );
      const errors = page.getByTestId("template-problems");
      await errors.getByText("Texte brut — Ligne 3, colonne 20 : variable inconnue « clent ».").waitFor();
      expect(await text.getAttribute("aria-invalid")).toBe("true");
      // saving is refused too, and nothing is saved
      await page.getByRole("button", { name: "Enregistrer le modèle" }).click();
      await errors.getByText("Le modèle n'a pas été enregistré : corrigez les erreurs signalées.").waitFor();
      const unchanged = await apiCall(
        context,
        server.url,
        account,
        "GET",
        "/api/v1/dunning/templates/b2b.reminder_1/fr",
      );
      expect((unchanged.json as { custom: boolean }).custom).toBe(false);
      await shot(page, "dunning-05-template-error");

      await text.fill("Bonjour {{ client.name }},\n\nMerci de régler {{ totals.balance_cents | money }}.\n");
      await errors.waitFor({ state: "detached" });
      await page.getByRole("tab", { name: "Texte brut" }).click();
      await expect
        .poll(async () => spaces(await page.getByTestId("preview-text").innerText()).trim())
        .toBe("Bonjour Boulangerie Durand SARL,\n\nMerci de régler 2 320,80 €.");
      await page.getByRole("tab", { name: "Message" }).click();
      await page.getByRole("button", { name: "Enregistrer le modèle" }).click();
      await page.getByText("Modèle enregistré.").waitFor();
      await page.getByText("Modifié", { exact: true }).waitFor();
      const saved = await apiCall(
        context,
        server.url,
        account,
        "GET",
        "/api/v1/dunning/templates/b2b.reminder_1/fr",
      );
      expect(saved.json).toMatchObject({
        custom: true,
        text: "Bonjour {{ client.name }},\n\nMerci de régler {{ totals.balance_cents | money }}.\n",
      });
      await shot(page, "dunning-06-template-fixed");

      // the list marks it as changed
      await page.getByRole("link", { name: "Retour aux relances" }).click();
      const row = page
        .getByTestId("templates-table")
        .getByRole("row")
        .filter({ hasText: "Professionnels · Première relance" });
      await row.getByText("Modifié").waitFor();
    });

    it("3. gives a client its own sequence", async () => {
      const { context, page, account } = await signedIn();
      const copy = await apiCall(context, server.url, account, "POST", "/api/v1/dunning/sequences", {
        name: "Grands comptes",
        seed: "business",
      });
      expect(copy.status).toBe(201);
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Hôtel du Parc",
      });
      const clientId = (client.json as { id: string }).id;
      await page.goto(`/clients/${clientId}`);
      const panel = page.getByTestId("client-sequence");
      const select = panel.getByRole("combobox", { name: "Séquence de relance" });
      await expect.poll(() => select.inputValue()).toBe("Par défaut : Professionnels (B2B)");
      await select.click();
      await page.getByRole("option", { name: "Grands comptes" }).click();
      await page.getByText("Séquence du client enregistrée.").waitFor();
      const detail = await apiCall(context, server.url, account, "GET", `/api/v1/clients/${clientId}`);
      expect((detail.json as { dunning_sequence_id: string }).dunning_sequence_id).toBe(
        (copy.json as { id: string }).id,
      );
      await panel.scrollIntoViewIfNeeded();
      await shot(page, "dunning-07-client-sequence");
    });

    it("4. shows the settings read-only to a viewer", async () => {
      const { context: ownerContext, account: owner } = await signedIn();
      const email = uniqueEmail("lecteur");
      const invite = await apiCall(ownerContext, server.url, owner, "POST", "/api/v1/invitations", {
        email,
        role: "viewer",
      });
      const token = new URL((invite.json as { accept_url: string }).accept_url, server.url).pathname
        .split("/")
        .pop();
      const { context, page } = await newPage();
      const accepted = await context.request.post(`${server.url}/api/v1/invitations/accept`, {
        data: { token, password: PASSWORD, name: "Luc Lecteur" },
      });
      expect(accepted.status()).toBe(200);
      await page.goto("/settings/dunning");
      await page.getByTestId("dunning-read-only").waitFor();
      const b2b = card(page, "Professionnels (B2B)");
      await b2b.getByTestId("step-row").first().waitFor();
      expect(await b2b.getByTestId("step-row").first().locator("td").first().innerText()).toBe("J\u22125");
      expect(await page.getByRole("button", { name: "Enregistrer la séquence" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Nouvelle séquence" }).count()).toBe(0);
      expect(await page.getByRole("textbox").count()).toBe(0);
      await shot(page, "dunning-08-read-only");
      await b2b.getByRole("link", { name: "Professionnels · Première relance" }).click();
      await page.getByTestId("preview-frame").waitFor();
      expect(await page.getByRole("button", { name: "Enregistrer le modèle" }).count()).toBe(0);
      expect(await page.getByRole("textbox", { name: "Texte brut" }).getAttribute("readonly")).not.toBeNull();
    });
  },
);
