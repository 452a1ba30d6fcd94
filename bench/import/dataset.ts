import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { sirenCheckDigit } from "../../src/core/identifiers.js";

/** The benchmark's ledger: deterministic rows, as a tracking sheet would hold them. */
export interface BenchRow {
  number: string;
  client: number;
  issue: string;
  due: string;
  total_cents: number;
  paid_cents: number;
}

export const CLIENTS = 10_000;

export function clientName(k: number): string {
  return `Client ${k} SARL`;
}

export function clientSiren(k: number): string {
  const first8 = String(10_000_000 + k).slice(0, 8);
  return first8 + sirenCheckDigit(first8);
}

const BASE = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function benchRow(i: number): BenchRow {
  const issueMs = BASE + (i % 700) * DAY;
  const total = 1000 + ((i * 7919) % 500_000);
  const paid = i % 4 === 0 ? total : i % 4 === 1 ? Math.floor(total / 3) : 0;
  return {
    number: `F-${String(i).padStart(7, "0")}`,
    client: i % CLIENTS,
    issue: iso(issueMs),
    due: iso(issueMs + 30 * DAY),
    total_cents: total,
    paid_cents: paid,
  };
}

function frenchAmount(c: number): string {
  const euros = Math.floor(c / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  return `${euros},${String(c % 100).padStart(2, "0")}`;
}

function frenchDate(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

/** Writes the rows as a French CSV export: semicolons, decimal comma, DD/MM/YYYY. */
export async function writeBenchCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write("Numéro;Client;SIREN;Date d'émission;Échéance;Montant TTC;Déjà payé\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const r = benchRow(i);
    chunk += `${r.number};${clientName(r.client)};${clientSiren(r.client)};${frenchDate(r.issue)};${frenchDate(r.due)};${frenchAmount(r.total_cents)};${r.paid_cents ? frenchAmount(r.paid_cents) : ""}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}
