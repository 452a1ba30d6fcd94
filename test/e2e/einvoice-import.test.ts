/**
 * The Import page takes an e-invoice (a Factur-X PDF issued by another tool) like a tracking sheet: the preview shows
 * the one invoice it holds, the import creates it and says that the due date came from the default payment terms.
 * Screenshots test/artifacts/einvoice-*.png.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EINVOICE_SAMPLES, samplePath } from "../../src/formats/einvoice/test-samples.js";
import { browserAvailable, CHROMIUM } from "../support/browser.js";
import { tempDir } from "../support/files.js";
import { apiSignUp, browserSuite, shot, spaces } from "./support.js";

const available = browserAvailable() && EINVOICE_SAMPLES !== undefined;
if (!available) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} or no built web app (npm run build)`);
}

describe.skipIf(!available)(
  `e-invoice import in Chromium${available ? "" : " (skipped: no Chromium or no built web app)"}`,
  () => {
    const { server, newPage } = browserSuite({ width: 1440, height: 900 });

    it("previews and imports a Factur-X MINIMUM PDF, with the due-date warning", async () => {
      const { context, page } = await newPage();
      await apiSignUp(context, server.url, { organization: "Au bon moulin" });
      await page.goto("/import");
      // Under a name of its own: the page shows it, and the screenshots' check takes snake_case for a raw code.
      const pdf = join(tempDir(), "facture-ue-minimum.pdf");
      copyFileSync(samplePath("Facture_UE_MINIMUM.pdf"), pdf);
      await page.getByLabel("Fichier à importer").setInputFiles(pdf);
      await page.getByRole("cell", { name: "Me gusta olive" }).waitFor();
      await page.getByRole("cell", { name: "FA-2017-0008" }).waitFor();
      await shot(page, "einvoice-01-preview");

      await page.getByRole("button", { name: "Importer", exact: true }).click();
      const result = page.getByTestId("import-result");
      await result.getByText("Import terminé").waitFor();
      expect(await result.innerText()).toContain("1 facture créée");
      const warnings = page.getByTestId("import-warnings");
      expect(spaces(await warnings.innerText())).toContain(
        "Facture FA-2017-0008 sans date d'échéance : échéance fixée au 03/12/2017 selon vos conditions de paiement par défaut",
      );
      await shot(page, "einvoice-02-done");
    });
  },
);
