/**
 * The « Indicateurs » card of the dashboard in a real browser (server clock on 30/06/2025): two invoices paid in May
 * and June give the DSO and CEI lines, the stacked bars and the slowest clients. Screenshot
 * test/artifacts/indicators-dashboard.png.
 */
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { apiCall, apiSignUp, browserSuite, shot } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

describe.skipIf(!available)(
  `indicators card in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });

    it("shows DSO, CEI, collected per step and the slowest clients", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Roux",
      });
      expect(client.status).toBe(201);
      const clientId = (client.json as { id: string }).id;
      for (const [number, issue, due, cents, paid] of [
        ["F-1", "2025-04-01", "2025-05-01", 120_000, "2025-05-21"],
        ["F-2", "2025-05-02", "2025-06-01", 84_250, "2025-06-11"],
        ["F-3", "2025-06-02", "2025-07-02", 30_000, null],
      ] as const) {
        const res = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
          client_id: clientId,
          number,
          issue_date: issue,
          due_date: due,
          total_ttc_cents: cents,
        });
        expect(res.status).toBe(201);
        if (paid === null) continue;
        const pay = await apiCall(context, server.url, account, "POST", "/api/v1/payments", {
          date: paid,
          amount_cents: cents,
          method: "transfer",
          allocations: [{ invoice_id: (res.json as { id: string }).id, amount_cents: cents }],
        });
        expect(pay.status).toBe(201);
      }

      await page.goto("/");
      const card = page.getByTestId("indicators-card");
      await card.getByText("Indicateurs", { exact: true }).waitFor();
      await card.getByText("Relance 1").first().waitFor({ state: "attached" });
      const row = card.getByTestId("indicators-slowest").locator("tbody tr").first();
      expect(await row.innerText()).toContain("Boulangerie Roux");
      // (20 j × 1 200 € + 10 j × 842,50 €) ÷ 2 042,50 € = 15.9 days
      expect(await row.innerText()).toContain("15,9");
      await card.scrollIntoViewIfNeeded();
      await shot(page, "indicators-dashboard");
    });
  },
);
