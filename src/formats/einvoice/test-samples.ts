import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Where the tests find the four e-invoice samples (kept outside the repository, in the shared folder beside the
 * checkout): RELANCE_EINVOICE_SAMPLES, else ../shared/samples/einvoice from the working directory, else
 * /work/shared/samples/einvoice. Undefined when none holds them: the tests that need them are then skipped.
 */
export const EINVOICE_SAMPLES: string | undefined = [
  process.env.RELANCE_EINVOICE_SAMPLES,
  resolve(process.cwd(), "../shared/samples/einvoice"),
  "/work/shared/samples/einvoice",
].find((dir) => dir !== undefined && existsSync(join(dir, "Facture_FR_BASICWL.pdf")));

export function samplePath(name: string): string {
  if (!EINVOICE_SAMPLES) throw new Error("no e-invoice samples (set RELANCE_EINVOICE_SAMPLES)");
  return join(EINVOICE_SAMPLES, name);
}
