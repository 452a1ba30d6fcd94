/**
 * The « Trésorerie » card of the dashboard in a real browser (server clock on 30/06/2025): three open invoices
 * (no payment history, so each is expected at its due date, the overdue one this week) give the weekly bars, the
 * 13-week total and the XLSX download. Screenshot test/artifacts/forecast-dashboard.png.
 */
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { apiCall, apiSignUp, browserSuite, shot, spaces } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

describe.skipIf(!available)(
  `cash-flow forecast card in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });

    it("shows the weeks ahead, the total and the XLSX link", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const client = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Roux",
      });
      expect(client.status).toBe(201);
      const clientId = (client.json as { id: string }).id;
      for (const [number, due, cents] of [
        ["F-1", "2025-06-15", 120_000],
        ["F-2", "2025-07-10", 84_250],
        ["F-3", "2025-08-20", 30_001],
      ] as const) {
        const res = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
          client_id: clientId,
          number,
          issue_date: "2025-05-15",
          due_date: due,
          total_ttc_cents: cents,
        });
        expect(res.status).toBe(201);
      }

      await page.goto("/");
      const card = page.getByTestId("forecast-card");
      await card.getByText("Trésorerie", { exact: true }).waitFor();
      // 1 200 € overdue at 900 ‰ (1 080 €), 842,50 € and 300,01 € not due at 1 000 ‰.
      expect(spaces(await card.getByTestId("forecast-total").innerText())).toBe(
        "Total sur 13 semaines : 2 222,51 €",
      );
      expect(await card.getByTestId("forecast-xlsx").getAttribute("href")).toBe("/api/v1/forecast.xlsx");
      expect(await card.locator(".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(3);
      await card.getByText("Prévu et encaissé, semaines passées").waitFor();

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        card.getByTestId("forecast-xlsx").click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^tresorerie-atelier-morel-2025-06-30\.xlsx$/);
      await card.scrollIntoViewIfNeeded();
      await shot(page, "forecast-dashboard");
    });
  },
);
