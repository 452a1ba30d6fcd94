/**
 * The late-payment law pages in a real browser (Debian's Chromium through playwright-core) against the real
 * server: the claim panel and the mandatory mentions of an overdue invoice, the penalties calculator (B2B and B2C), the rates table and
 * the dashboard's prescription warnings, with screenshots test/artifacts/law-*.png for people to look at. The expected amounts are computed here by hand from
 * the seeded rates (src/core/law/rates-data.ts), not by the code under test.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { type Account, apiCall, apiSignUp, browserSuite, frenchEuros, shot, spaces } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

const DESKTOP = { width: 1280, height: 800 };

/** Seeded rates used below, in basis points (rates-data.ts, 2025-S1). */
const ECB_2025_S1 = 315n;
const LEGAL_OTHER_2025_S1 = 371n;

/** principal × rate × days / (10 000 × 365), rounded half up to the cent: the actual/365 convention. */
function byHand(principalCents: bigint, rateBp: bigint, days: bigint): number {
  const numerator = principalCents * rateBp * days;
  const denominator = 10_000n * 365n;
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

// 1 200,00 € due 31/01/2025, as of 30/06/2025 (the test clock), nothing paid.
const PRINCIPAL = 120_000;
// 2025-02-01 … 2025-06-30: 28 + 31 + 30 + 31 + 30 = 150 days, all in 2025-S1.
const DAYS_LATE = 28 + 31 + 30 + 31 + 30;
// B2B default clause: ECB 3,15 % + 10 points = 13,15 %. 120000 × 1315 × 150 / 3 650 000 = 6 484,93 → 6 485.
const PENALTY = byHand(BigInt(PRINCIPAL), ECB_2025_S1 + 1000n, BigInt(DAYS_LATE));
const INDEMNITY = 4_000;
// B2C, notice on 31/03/2025: 2025-04-01 … 2025-06-30 = 30 + 31 + 30 = 91 days at the taux légal "autres cas"
// 3,71 %: 120000 × 371 × 91 / 3 650 000 = 1 109,95 → 1 110.
const NOTICE_DAYS = 30 + 31 + 30;
const INTEREST = byHand(BigInt(PRINCIPAL), LEGAL_OTHER_2025_S1, BigInt(NOTICE_DAYS));

describe.skipIf(!available)(
  `late-payment law pages in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite(DESKTOP);

    async function signedIn(): Promise<{ context: BrowserContext; page: Page; account: Account }> {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url);
      return { context, page, account };
    }

    /** The text of a test id, with plain spaces. */
    async function text(page: Page, testId: string): Promise<string> {
      return spaces(await page.getByTestId(testId).innerText()).trim();
    }

    it("the hand-computed figures are the ones the brief gives", () => {
      expect(DAYS_LATE).toBe(150);
      expect(PENALTY).toBe(6_485);
      expect(INTEREST).toBe(1_110);
      expect(frenchEuros(PRINCIPAL + PENALTY + INDEMNITY)).toBe("1 304,85 €");
    });

    it("1. an overdue invoice: the claim panel shows the penalty, the 40 € indemnity and the total", async () => {
      const { context, page, account } = await signedIn();
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Garage Leroy",
      });
      expect(client.status).toBe(201);
      const clientId = (client.json as { id: string }).id;
      const invoice = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
        client_id: clientId,
        number: "F-2025-101",
        issue_date: "2025-01-01",
        due_date: "2025-01-31",
        total_ttc_cents: PRINCIPAL,
      });
      expect(invoice.status).toBe(201);
      const invoiceId = (invoice.json as { id: string }).id;

      await page.goto(`/invoices/${encodeURIComponent(invoiceId)}`);
      await page.getByRole("heading", { name: "Facture F-2025-101" }).waitFor();
      await page.getByRole("heading", { name: "Montant réclamable aujourd'hui" }).waitFor();
      await page.getByTestId("claim-total").waitFor();
      expect(await text(page, "claim-days-late")).toBe(String(DAYS_LATE));
      expect(await text(page, "claim-balance")).toBe("1 200,00 €");
      expect(await text(page, "claim-penalty")).toBe(frenchEuros(PENALTY));
      expect(await text(page, "claim-penalty")).toBe("64,85 €");
      expect(await text(page, "claim-indemnity")).toBe("40,00 €");
      expect(await text(page, "claim-total")).toBe(frenchEuros(PRINCIPAL + PENALTY + INDEMNITY));
      // One period, the whole semester's rate: 3,15 % + 10 points.
      const periods = page.getByRole("table", { name: "Périodes" });
      expect(await periods.locator("tbody tr").count()).toBe(1);
      const cells = (await periods.locator("tbody tr").first().locator("td").allInnerTexts()).map(spaces);
      expect(cells).toEqual(["Du 01/02/2025 au 30/06/2025 : 150 jours à 13,15 % sur 1 200,00 €", "64,85 €"]);
      // No consumer interest line for a professional.
      expect(await page.getByTestId("claim-interest").count()).toBe(0);
      await shot(page, "law-01-invoice-claim");

      // Mandatory mentions: an invoice with neither lines nor HT/VAT totals is not compliant and says what it lacks.
      const card = page.getByTestId("compliance-card");
      await card.getByRole("heading", { name: "Mentions obligatoires" }).waitFor();
      await card.getByTestId("compliance-summary").waitFor();
      expect(await card.getByTestId("compliance-ok").count()).toBe(0);
      // More than 3 points: collapsed behind "Voir le détail (N)", N the number of points in the summary.
      const summary = await text(page, "compliance-summary");
      const count = Number(/^(\d+) points à corriger$/.exec(summary)?.[1]);
      expect(count).toBeGreaterThan(3);
      expect(await card.getByTestId("compliance-items").count()).toBe(0);
      await card.getByRole("button", { name: `Voir le détail (${count})` }).click();
      const items = card.getByTestId("compliance-items").getByRole("listitem");
      await items.first().waitFor();
      expect(await items.count()).toBe(count);
      expect(await card.getByText("Totaux HT, TVA et TTC absents.", { exact: true }).count()).toBe(1);
      expect(await items.filter({ hasText: "Totaux HT, TVA et TTC absents." }).innerText()).toMatch(
        /L441-9|242/,
      );
      await card.scrollIntoViewIfNeeded();
      await shot(page, "law-04-compliance");
    });

    it("2. the calculator: the same penalty for a professional, then interest for a private individual", async () => {
      const { page } = await signedIn();
      await page.goto("/");
      await page.getByRole("navigation").getByRole("link", { name: "Pénalités" }).click();
      await page.getByRole("heading", { name: "Calculateur de pénalités" }).waitFor();
      await shot(page, "law-02-calculator-empty");

      await page.getByLabel(/^Montant TTC dû/).fill("1 200,00");
      await page.getByLabel(/^Échéance/).fill("31/01/2025");
      // "Calcul au" starts at the organization's today: the test clock, 30/06/2025.
      expect(await page.getByLabel(/^Calcul au/).inputValue()).toBe("30/06/2025");
      await page.getByLabel(/^Calcul au/).fill("30/06/2025");
      expect(await page.getByRole("combobox", { name: "Clause de pénalités" }).inputValue()).toBe(
        "Par défaut (taux BCE + 10 points)",
      );
      await page.getByRole("button", { name: "Calculer" }).click();
      await page.getByTestId("claim-total").waitFor();
      expect(await text(page, "claim-days-late")).toBe("150");
      expect(await text(page, "claim-penalty")).toBe("64,85 €");
      expect(await text(page, "claim-indemnity")).toBe("40,00 €");
      expect(await text(page, "claim-total")).toBe("1 304,85 €");
      await shot(page, "law-02-calculator-b2b");

      // A private individual: interest at the legal rate from the day after the formal notice, no indemnity.
      await page.getByText("Un particulier", { exact: true }).click();
      // The contract's penalty clause binds professionals only: not asked for a private individual.
      await expect.poll(() => page.getByRole("combobox", { name: "Clause de pénalités" }).count()).toBe(0);
      await page.getByLabel(/^Date de la mise en demeure/).fill("31/03/2025");
      await page.getByRole("button", { name: "Calculer" }).click();
      await page.getByTestId("claim-interest").waitFor();
      expect(await text(page, "claim-interest")).toBe(frenchEuros(INTEREST));
      expect(await text(page, "claim-interest")).toBe("11,10 €");
      expect(await page.getByTestId("claim-penalty").count()).toBe(0);
      expect(await page.getByTestId("claim-indemnity").count()).toBe(0);
      expect(await text(page, "claim-total")).toBe(frenchEuros(PRINCIPAL + INTEREST));
      expect(await text(page, "claim-total")).toBe("1 211,10 €");
      const periods = page.getByRole("table", { name: "Périodes" });
      expect(await periods.locator("tbody tr").count()).toBe(1);
      const cells = (await periods.locator("tbody tr").first().locator("td").allInnerTexts()).map(spaces);
      expect(cells).toEqual(["Du 01/04/2025 au 30/06/2025 : 91 jours à 3,71 % sur 1 200,00 €", "11,10 €"]);
      expect(await page.getByText("mise en demeure du 31/03/2025").count()).toBe(1);
      await shot(page, "law-02-calculator-b2c");
    });

    it("3. the rates table: sources, the unconfirmed 2026-S2 row marked ⚠, an owner's correction", async () => {
      const { context, page, account } = await signedIn();
      await page.goto("/settings");
      await page.getByRole("link", { name: "Voir le tableau des taux" }).click();
      await page.getByRole("heading", { name: "Taux de référence" }).waitFor();
      await page.getByTestId("rates-table").waitFor();
      expect(await page.getByTestId("rates-shared-warning").innerText()).toContain(
        "toutes les entreprises de ce serveur",
      );

      // 2025-S1: ECB 3,15 %, taux légal 7,21 % / 3,71 %, 3 × 3,71 = 11,13 %, 3,15 + 10 = 13,15 %.
      const s1 = page.getByTestId("rate-row-2025-S1");
      const s1Cells = (await s1.locator("td").allInnerTexts()).map(spaces);
      expect(s1Cells.slice(1, 6)).toEqual(["3,15 %", "7,21 %", "3,71 %", "11,13 %", "13,15 %"]);
      expect(await s1.innerText()).toContain("1er semestre 2025");
      expect(await page.getByTestId("rate-unconfirmed-2025-S1").count()).toBe(0);

      // 2026-S2: the ECB rate is unconfirmed (⚠, with its tooltip), the taux légal not published yet.
      const s2 = page.getByTestId("rate-row-2026-S2");
      const badge = page.getByTestId("rate-unconfirmed-2026-S2");
      await badge.waitFor();
      expect(await badge.innerText()).toContain("⚠");
      const s2Cells = (await s2.locator("td").allInnerTexts()).map(spaces);
      expect(s2Cells.slice(1, 6)).toEqual([
        "⚠ 2,40 %",
        "non publié",
        "non publié",
        "non publié",
        "⚠ 12,40 %",
      ]);
      expect(await page.getByTestId("rate-sources-2026-S2").innerText()).toContain("NON CONFIRMÉ");
      await shot(page, "law-03-rates");
      await badge.hover();
      await page
        .getByRole("tooltip")
        .getByText("Taux non confirmé : vérifiez-le avant de l'utiliser")
        .waitFor();
      await shot(page, "law-03-rates-tooltip");
      await page.mouse.move(0, 0);

      // The owner enters the 2026-S2 taux légal "autres cas"; a rate with 3 decimals is refused first.
      await page.getByRole("button", { name: "Saisir un taux" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("pas seulement la vôtre").waitFor();
      await dialog.getByRole("combobox", { name: "Taux", exact: true }).click();
      await page.getByRole("option", { name: "Taux légal, autres cas" }).click();
      await dialog.getByLabel(/^Année/).fill("2026");
      await dialog.getByRole("combobox", { name: "Semestre" }).click();
      await page.getByRole("option", { name: "2e semestre (juillet à décembre)" }).click();
      await dialog.getByText("Aucun taux enregistré pour ce semestre : il sera ajouté.").waitFor();
      await dialog.getByLabel(/^Taux annuel/).fill("2,405");
      await dialog.getByLabel(/^Source/).fill("Arrêté du 22/06/2026 (essai)");
      await dialog.getByRole("button", { name: "Enregistrer le taux" }).click();
      await dialog.getByText("Taux invalide : écrivez par exemple 2,40 (deux décimales au plus).").waitFor();
      await shot(page, "law-03-rate-modal-invalid");
      const unchanged = await apiCall(context, server.url, account, "GET", "/api/v1/rates");
      const before = (unchanged.json as { data: { kind: string; semester: string }[] }).data;
      expect(before.filter((r) => r.semester === "2026-S2").map((r) => r.kind)).toEqual(["ecb_refi"]);

      await dialog.getByLabel(/^Taux annuel/).fill("2,50");
      await dialog.getByRole("button", { name: "Enregistrer le taux" }).click();
      await dialog.waitFor({ state: "hidden" });
      await expect
        .poll(async () => (await s2.locator("td").allInnerTexts()).map(spaces).slice(1, 6))
        .toEqual(["⚠ 2,40 %", "non publié", "⚠ 2,50 %", "⚠ 7,50 %", "⚠ 12,40 %"]);
      const after = await apiCall(context, server.url, account, "GET", "/api/v1/rates");
      const saved = (
        after.json as { data: { kind: string; semester: string; rate_bp: number; confirmed: boolean }[] }
      ).data.find((r) => r.kind === "legal_other" && r.semester === "2026-S2");
      expect(saved).toMatchObject({ rate_bp: 250, confirmed: false, source: "Arrêté du 22/06/2026 (essai)" });
      await shot(page, "law-03-rates-after-edit");
    });

    it("4. the dashboard warns of invoices near or past prescription, each linking to its invoice", async () => {
      const { context, page, account } = await signedIn();
      const post = async (path: string, body: unknown) => {
        const res = await apiCall(context, server.url, account, "POST", path, body);
        expect(res.status, JSON.stringify(res.json)).toBe(201);
        return (res.json as { id: string }).id;
      };
      const pro = await post("/api/v1/clients", { kind: "business", name: "Menuiserie Vidal" });
      // due 31/01/2025: its last day to act is years away, no warning
      await post("/api/v1/invoices", {
        client_id: pro,
        number: "F-2025-001",
        issue_date: "2025-01-01",
        due_date: "2025-01-31",
        total_ttc_cents: 50_000,
      });
      await page.goto("/");
      await page.getByTestId("stat-outstanding").waitFor();
      await page.getByRole("heading", { name: "Balance âgée" }).waitFor();
      expect(await page.getByTestId("prescription-card").count()).toBe(0);

      // a professional's invoice due 15/08/2020: 5 years (C. com. L110-4), last day 15/08/2025 — in 46 days
      const soon = await post("/api/v1/invoices", {
        client_id: pro,
        number: "F-2020-042",
        issue_date: "2020-07-15",
        due_date: "2020-08-15",
        total_ttc_cents: 180_000,
      });
      // a consumer's invoice due 02/05/2023: 2 years (C. conso. L218-2), last day 02/05/2025 — passed
      const person = await post("/api/v1/clients", { kind: "consumer", name: "Claire Petit" });
      await post("/api/v1/invoices", {
        client_id: person,
        number: "F-2023-007",
        issue_date: "2023-04-02",
        due_date: "2023-05-02",
        total_ttc_cents: 42_000,
      });
      await page.reload();
      const card = page.getByTestId("prescription-card");
      await card.getByRole("heading", { name: "Prescription" }).waitFor();
      const rows = card.locator("tbody tr");
      expect(await rows.count()).toBe(2);
      const cells = async (i: number) =>
        (await rows.nth(i).locator("td").allInnerTexts()).map((c) => spaces(c).replace(/\s+/g, " ").trim());
      // soonest first: the one already prescribed
      expect(await cells(0)).toEqual(["F-2023-007", "Claire Petit", "420,00 €", "02/05/2025 prescrite"]);
      expect(await cells(1)).toEqual([
        "F-2020-042",
        "Menuiserie Vidal",
        "1 800,00 €",
        "15/08/2025 dans 46 jours",
      ]);
      expect(await card.getByText("F-2025-001").count()).toBe(0);
      await card.scrollIntoViewIfNeeded();
      await shot(page, "law-05-dashboard-prescription");

      await card.getByRole("link", { name: "F-2020-042" }).click();
      await page.waitForURL(`**/invoices/${soon}`);
      await page.getByRole("heading", { name: "Facture F-2020-042" }).waitFor();

      // taken to court: the recovery case holds the invoice, and its hold card offers no way to resume reminders
      await post("/api/v1/recovery-cases", { client_id: pro });
      await page.reload();
      const hold = page.getByTestId("hold-card");
      await hold.getByTestId("hold-held-by").waitFor();
      expect(spaces(await hold.getByTestId("hold-status").innerText())).toContain(
        "Dossier contentieux en cours : la procédure judiciaire remplace les relances.",
      );
      expect(spaces(await hold.getByTestId("hold-held-by").innerText())).toBe(
        "Suspendu : dossier contentieux en cours. Les relances reprennent à sa clôture. Ouvrir le dossier contentieux",
      );
      expect(await hold.getByRole("button", { name: "Reprendre les relances" }).count()).toBe(0);
      expect(await hold.getByRole("button", { name: "Modifier" }).count()).toBe(0);
      await hold.scrollIntoViewIfNeeded();
      await shot(page, "law-06-invoice-recovery-hold");
      // the line links to the case, where the reminders' fate is decided
      await hold.getByTestId("hold-held-by-link").click();
      await page.waitForURL(`**/clients/${pro}/recovery`);
      await page.getByRole("heading", { name: /^Contentieux/ }).waitFor();
    });
  },
);
