/**
 * The « Balance âgée » page in a real browser (server clock on 30/06/2025): two clients' open invoices fall in their
 * buckets of days past due, the totals row adds them up, an earlier date (through the URL) leaves out what was issued
 * after it, and the XLSX and PDF downloads answer. Screenshot test/artifacts/aging.png.
 */
import { describe, expect, it } from "vitest";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { apiCall, apiSignUp, browserSuite, shot, spaces } from "./support.js";

const available = browserAvailable();
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

describe.skipIf(!available)(
  `aging balance in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });

    it("shows each client's buckets and the totals as of today or an earlier day, with the downloads", async () => {
      const { context, page } = await newPage();
      const account = await apiSignUp(context, server.url, { organization: "Atelier Morel" });
      const clients: string[] = [];
      for (const name of ["Boulangerie Roux", "Garage Petit"]) {
        const res = await apiCall(context, server.url, account, "POST", "/api/v1/clients", {
          kind: "business",
          name,
        });
        expect(res.status).toBe(201);
        clients.push((res.json as { id: string }).id);
      }
      // as of 30/06/2025: F-1 45 days late (31–60), F-2 not due, F-3 10 days late (1–30)
      for (const [client, number, issue, due, cents] of [
        [clients[0], "F-1", "2025-04-01", "2025-05-16", 120_000],
        [clients[0], "F-2", "2025-06-20", "2025-07-20", 50_050],
        [clients[1], "F-3", "2025-05-20", "2025-06-20", 30_001],
      ] as const) {
        const res = await apiCall(context, server.url, account, "POST", "/api/v1/invoices", {
          client_id: client,
          number,
          issue_date: issue,
          due_date: due,
          total_ttc_cents: cents,
        });
        expect(res.status).toBe(201);
      }

      await page.goto("/aging");
      const table = page.getByTestId("aging-table");
      await table.waitFor();
      const rows = page.getByTestId("aging-row");
      expect(await rows.count()).toBe(2);
      const total = spaces(await page.getByTestId("aging-total").innerText());
      expect(total).toContain("500,50 €");
      expect(total).toContain("300,01 €");
      expect(total).toContain("1 200,00 €");
      expect(total).toContain("2 000,51 €");
      await shot(page, "aging");

      // on 01/06/2025: F-2 (issued on 20/06) is not there yet; F-1 is 16 days late, F-3 not due
      await page.goto("/aging?as_of=2025-06-01");
      await page.getByTestId("aging-table").waitFor();
      const earlier = spaces(await page.getByTestId("aging-total").innerText());
      expect(earlier).toContain("1 500,01 €");
      expect(earlier).not.toContain("500,50 €");

      for (const [id, type] of [
        ["aging-xlsx", "spreadsheetml"],
        ["aging-pdf", "pdf"],
      ] as const) {
        const href = (await page.getByTestId(id).getAttribute("href")) as string;
        const res = await context.request.get(new URL(href, server.url).toString());
        expect(res.status(), href).toBe(200);
        expect(res.headers()["content-type"]).toContain(type);
      }
    });
  },
);
