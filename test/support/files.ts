import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";

/** A fresh temporary directory for a suite's files. */
export function tempDir(prefix = "relance-files-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes text as a Windows-1252 file, as French Excel saves "CSV (séparateur : point-virgule)". */
export function writeWindows1252(path: string, text: string): string {
  writeFileSync(path, iconv.encode(text.replace(/\n/g, "\r\n"), "win1252"));
  return path;
}

export function writeUtf8(path: string, text: string, bom = false): string {
  writeFileSync(path, (bom ? "\ufeff" : "") + text);
  return path;
}

/** A realistic export of a French tracking sheet: semicolons, accents, "1 234,56" with a no-break space. */
export const FRENCH_SHEET = [
  "Numéro;Client;SIREN;E-mail;Date d'émission;Échéance;Montant TTC;Déjà payé;Type",
  "F-2025-001;Boulangerie Dupont;732 829 320;compta@dupont.fr;02/01/2025;31/01/2025;1\u00a0234,56;;B2B",
  "F-2025-002;Boulangerie Dupont SARL;732829320;compta@dupont.fr;15/01/2025;14/02/2025;480,00;200,00;B2B",
  "F-2025-003;Café de la Gare;;gerant@cafe-gare.fr;20/01/2025;;2 400,00;2 400,00;",
  "F-2025-004;Mme Hélène Bérard;;helene.berard@orange.fr;03/02/2025;03/02/2025;350,00;;particulier",
  "F-2025-005;Électricité Générale Lyonnaise;552081317;;10/03/2025;30/04/2025;12 500,00;5 000,00;B2B",
].join("\n");
