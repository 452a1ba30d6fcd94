/**
 * A deterministic, realistic French demo ledger: a small Lyon web and design agency, its clients, 300 invoices
 * over the 18 months before `today` and the payments received. Pure: same `today` and seed, same ledger.
 */
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  endOfMonth,
  type PlainDate,
  toIso,
} from "../calendar.js";
import { isBusinessDay, nextBusinessDay } from "../holidays.js";
import { frenchVatFromSiren, sirenCheckDigit, siretCheckDigit } from "../identifiers.js";
import { computeTotals } from "../invoices/totals.js";
import { mulDiv } from "../money.js";
import {
  BUSINESSES,
  type BusinessSeed,
  CATALOGUE,
  type CatalogueItem,
  CONSUMERS,
  DISPUTE_REASONS,
  FRENCH_MONTHS,
  ORGANIZATION,
  type PayerProfile,
  type PreferredMethod,
  PUBLIC_BUYER,
  type Terms,
} from "./data.js";
import { createRandom, type Random } from "./random.js";

export { mulberry32 } from "./random.js";

export type DemoPaymentMethod =
  | "transfer"
  | "cheque"
  | "card"
  | "direct_debit"
  | "bill_of_exchange"
  | "cash"
  | "other";

export interface DemoOrganization {
  name: string;
  legal_form: string;
  siren: string;
  siret: string;
  vat_number: string;
  address: string;
  postal_code: string;
  city: string;
  email: string;
  phone: string;
  iban: string;
  bic: string;
  payment_term: string;
}

export interface DemoContact {
  name: string;
  role: string | null;
  email: string;
  phone: string | null;
  is_billing: boolean;
}

export interface DemoClient {
  key: string;
  kind: "business" | "consumer" | "public";
  name: string;
  siren: string | null;
  siret: string | null;
  vat_number: string | null;
  address: string;
  postal_code: string;
  city: string;
  contacts: DemoContact[];
}

export interface DemoInvoiceLine {
  description: string;
  quantity_milli: number;
  unit_price_cents: number;
  vat_rate_bp: number;
}

export interface DemoInvoice {
  key: string;
  client_key: string;
  /** F-YYYY-NNNN, gapless per year in issue-date order. */
  number: string;
  issue_date: string;
  due_date: string;
  lines: DemoInvoiceLine[];
  total_ht_cents: number;
  total_vat_cents: number;
  total_ttc_cents: number;
  disputed: boolean;
  notes: string | null;
}

export interface DemoPayment {
  key: string;
  client_key: string;
  date: string;
  amount_cents: number;
  method: DemoPaymentMethod;
  reference: string | null;
  allocations: { invoice_key: string; amount_cents: number }[];
}

export interface DemoLedger {
  organization: DemoOrganization;
  clients: DemoClient[];
  invoices: DemoInvoice[];
  payments: DemoPayment[];
}

export interface DemoOptions {
  today: PlainDate;
  seed?: number;
}

export const DEMO_DEFAULT_SEED = 20_240_611;
export const DEMO_INVOICE_COUNT = 300;
export const DEMO_WINDOW_MONTHS = 18;

// ─── helpers ────────────────────────────────────────────────────────────────────────────────────────────────────

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function ascii(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "");
}

/** "Cave L'Épicurien" → "cave-lepicurien". */
function slug(s: string, separator = "-"): string {
  return ascii(s)
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/&/g, " et ")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(separator);
}

function personEmail(first: string, last: string, domain: string): string {
  return `${slug(first)}.${slug(last)}@${domain}`;
}

function landline(rng: Random, prefix: string): string {
  return `${prefix} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`;
}

function mobile(rng: Random): string {
  return `0${rng.pick(["6", "7"])} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`;
}

function lastBusinessDayOnOrBefore(d: PlainDate): PlainDate {
  let day = d;
  while (!isBusinessDay(day)) day = addDays(day, -1);
  return day;
}

/** A business day in [lo, hi], as close to `d` as possible: forward first, else backward. */
function businessDayWithin(d: PlainDate, lo: PlainDate, hi: PlainDate): PlainDate | null {
  const clamped = compareDates(d, lo) < 0 ? lo : compareDates(d, hi) > 0 ? hi : d;
  const forward = nextBusinessDay(clamped);
  if (compareDates(forward, hi) <= 0) return forward;
  const backward = lastBusinessDayOnOrBefore(clamped);
  return compareDates(backward, lo) >= 0 ? backward : null;
}

function mod97(digits: string): number {
  let r = 0;
  for (const c of digits) r = (r * 10 + Number(c)) % 97;
  return r;
}

/** French RIB key: 97 − ((89 × bank + 15 × branch + 3 × account) mod 97), numeric account numbers. */
function ribKey(bank: string, branch: string, account: string): string {
  return pad(97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97), 2);
}

/** ISO 13616: check digits = 98 − (BBAN + "FR00" as digits) mod 97; F = 15, R = 27. */
function frenchIban(bank: string, branch: string, account: string): string {
  const bban = `${bank}${branch}${account}${ribKey(bank, branch, account)}`;
  return `FR${pad(98 - mod97(`${bban}152700`), 2)}${bban}`;
}

function siretOf(siren: string, nic4: string): string {
  const body = siren + nic4;
  return body + siretCheckDigit(body);
}

function newSiren(rng: Random, used: Set<string>): string {
  for (;;) {
    const body = rng.pick(["3", "4", "5", "7", "8", "9"]) + rng.digits(7);
    const siren = body + sirenCheckDigit(body);
    if (!used.has(siren)) {
      used.add(siren);
      return siren;
    }
  }
}

function dueDate(issue: PlainDate, terms: Terms): PlainDate {
  switch (terms) {
    case "net30":
      return addDays(issue, 30);
    case "eom45":
      return endOfMonth(addDays(issue, 45));
    case "net15":
      return addDays(issue, 15);
    case "receipt":
      return issue;
  }
}

// ─── organization and clients ───────────────────────────────────────────────────────────────────────────────────

function buildOrganization(used: Set<string>): DemoOrganization {
  const o = ORGANIZATION;
  const siren = o.siren_body + sirenCheckDigit(o.siren_body);
  used.add(siren);
  return {
    name: o.name,
    legal_form: o.legal_form,
    siren,
    siret: siretOf(siren, o.nic_body),
    vat_number: frenchVatFromSiren(siren),
    address: o.address,
    postal_code: o.postal_code,
    city: o.city,
    email: o.email,
    phone: o.phone,
    iban: frenchIban(o.bank.bank_code, o.bank.branch_code, o.bank.account),
    bic: o.bic,
    payment_term: o.payment_term,
  };
}

interface ClientPlan {
  record: DemoClient;
  profile: PayerProfile;
  terms: Terms;
  method: PreferredMethod;
  weight: number;
  /** Catalogue audiences: the kind plus the extra tags. */
  audiences: Set<string>;
  /** For bank references: "GARAGE DES BROTTEAUX". */
  short: string;
  retainer: BusinessSeed["retainer"] | undefined;
}

function buildClients(rng: Random, used: Set<string>): ClientPlan[] {
  const plans: ClientPlan[] = [];
  for (const b of BUSINESSES) {
    const siren = newSiren(rng, used);
    const domain = `${slug(b.trade)}.fr`;
    const contacts: DemoContact[] = [
      {
        name: `${b.billing.first} ${b.billing.last}`,
        role: b.billing.role,
        email: b.billing.mailbox
          ? `${b.billing.mailbox}@${domain}`
          : personEmail(b.billing.first, b.billing.last, domain),
        phone: landline(rng, b.phone_prefix),
        is_billing: true,
      },
    ];
    if (b.other) {
      contacts.push({
        name: `${b.other.first} ${b.other.last}`,
        role: b.other.role,
        email: personEmail(b.other.first, b.other.last, domain),
        phone: rng.chance(0.6) ? mobile(rng) : null,
        is_billing: false,
      });
    }
    plans.push({
      record: {
        key: slug(b.trade),
        kind: "business",
        name: b.name,
        siren,
        siret: siretOf(siren, `000${rng.int(1, 3)}`),
        vat_number: frenchVatFromSiren(siren),
        address: b.street,
        postal_code: b.postal_code,
        city: b.city,
        contacts,
      },
      profile: b.profile,
      terms: b.terms,
      method: b.method,
      weight: b.weight,
      audiences: new Set(["business", ...(b.extra ?? [])]),
      short: ascii(b.trade).toUpperCase().replace(/['’]/g, " ").slice(0, 24).trim(),
      retainer: b.retainer,
    });
  }

  for (const c of CONSUMERS) {
    const name = `${c.first} ${c.last}`;
    plans.push({
      record: {
        key: slug(name),
        kind: "consumer",
        name,
        siren: null,
        siret: null,
        vat_number: null,
        address: c.street,
        postal_code: c.postal_code,
        city: c.city,
        contacts: [
          {
            name,
            role: null,
            email: personEmail(c.first, c.last, c.email_domain),
            phone: mobile(rng),
            is_billing: true,
          },
        ],
      },
      profile: c.profile,
      terms: c.terms,
      method: c.method,
      weight: 0,
      audiences: new Set(["consumer"]),
      short: ascii(name).toUpperCase(),
      retainer: undefined,
    });
  }

  const p = PUBLIC_BUYER;
  const siren = p.siren_body + sirenCheckDigit(p.siren_body);
  used.add(siren);
  plans.push({
    record: {
      key: p.key,
      kind: "public",
      name: p.name,
      siren,
      siret: siretOf(siren, p.nic_body),
      // A commune acting as a public authority is not registered for VAT.
      vat_number: null,
      address: p.street,
      postal_code: p.postal_code,
      city: p.city,
      contacts: [
        {
          name: p.billing.name,
          role: p.billing.role,
          email: `${p.billing.mailbox}@${p.domain}`,
          phone: landline(rng, p.phone_prefix),
          is_billing: true,
        },
        {
          name: `${p.other.first} ${p.other.last}`,
          role: p.other.role,
          email: personEmail(p.other.first, p.other.last, p.domain),
          phone: landline(rng, p.phone_prefix),
          is_billing: false,
        },
      ],
    },
    profile: "slow",
    terms: "net30",
    method: "transfer",
    weight: 0,
    audiences: new Set(["public"]),
    short: "TRESORERIE MUNICIPALE",
    retainer: undefined,
  });
  return plans;
}

// ─── invoices ───────────────────────────────────────────────────────────────────────────────────────────────────

/** A drawn outcome; "open" leaves the invoice unpaid (anchors that keep every aging bucket populated). */
type Forced = "unpaid" | "partial" | "open";

interface InvoicePlan {
  client: ClientPlan;
  issue: PlainDate;
  lines: DemoInvoiceLine[];
  forced?: Forced;
  directDebit?: boolean;
  notes?: string;
}

function drawInRange([min, max, step]: readonly [number, number, number], rng: Random): number {
  return min + step * rng.int(0, Math.floor((max - min) / step + 1e-9));
}

function lineFrom(item: CatalogueItem, rng: Random): DemoInvoiceLine {
  const quantity = item.quantity ? drawInRange(item.quantity, rng) : 1;
  return {
    description: item.description,
    quantity_milli: Math.round(quantity * 1000),
    unit_price_cents: Math.round(drawInRange(item.price, rng) * 100),
    vat_rate_bp: item.vat_bp ?? 2000,
  };
}

function drawLines(client: ClientPlan, rng: Random): DemoInvoiceLine[] {
  const fits = (item: CatalogueItem) => (item.for ?? ["business"]).some((a) => client.audiences.has(a));
  const main = CATALOGUE.filter((i) => !i.addon && fits(i));
  const addons = CATALOGUE.filter((i) => i.addon && fits(i));
  const count = Math.min(
    main.length,
    rng.weighted([
      [1, 0.6],
      [2, 0.3],
      [3, 0.1],
    ] as const),
  );
  const items = rng.shuffle(main).slice(0, count);
  if (addons.length > 0 && rng.chance(0.2)) items.push(rng.pick(addons));
  return items.map((item) => lineFrom(item, rng));
}

function randomIssueDate(rng: Random, start: PlainDate, today: PlainDate): PlainDate {
  for (;;) {
    const d = businessDayWithin(addDays(start, rng.int(0, daysBetween(start, today))), start, today);
    if (d) return d;
  }
}

/** Days late (as of today) of the open invoices that guarantee every aging bucket, with who owes them. */
const OVERDUE_ANCHORS: readonly { late: number; profiles: readonly PayerProfile[]; forced: Forced }[] = [
  { late: 9, profiles: ["slow", "chronic"], forced: "unpaid" },
  { late: 23, profiles: ["chronic", "disputer"], forced: "unpaid" },
  { late: 38, profiles: ["slow", "chronic"], forced: "unpaid" },
  { late: 52, profiles: ["chronic"], forced: "partial" },
  { late: 68, profiles: ["chronic", "slow"], forced: "unpaid" },
  { late: 82, profiles: ["chronic"], forced: "unpaid" },
  { late: 130, profiles: ["chronic"], forced: "unpaid" },
  { late: 215, profiles: ["chronic"], forced: "partial" },
  { late: 395, profiles: ["chronic"], forced: "unpaid" },
  { late: 470, profiles: ["chronic"], forced: "unpaid" },
];

function planInvoices(rng: Random, clients: ClientPlan[], start: PlainDate, today: PlainDate): InvoicePlan[] {
  const plans: InvoicePlan[] = [];
  const businesses = clients.filter((c) => c.record.kind === "business");
  const project = (client: ClientPlan, issue: PlainDate): InvoicePlan => ({
    client,
    issue,
    lines: drawLines(client, rng),
  });

  // Monthly retainers, invoiced on the first business day of each month.
  for (const client of businesses) {
    const r = client.retainer;
    if (!r) continue;
    for (let m = r.from_month ?? 0; ; m++) {
      const first = addMonths(start.with({ day: 1 }), m);
      if (compareDates(first, today) > 0) break;
      const issue = nextBusinessDay(first);
      if (compareDates(issue, start) < 0 || compareDates(issue, today) > 0) continue;
      plans.push({
        client,
        issue,
        lines: [
          {
            description: `${r.description} – ${FRENCH_MONTHS[issue.month - 1]} ${issue.year}`,
            quantity_milli: 1000,
            unit_price_cents: r.price_cents,
            vat_rate_bp: 2000,
          },
        ],
        ...(r.direct_debit ? { directDebit: true } : {}),
      });
    }
  }

  // Anchors: open invoices at every age, so that every aging bucket has something in it.
  const net30 = businesses.filter((c) => c.terms === "net30");
  for (const anchor of OVERDUE_ANCHORS) {
    const client = rng.pick(net30.filter((c) => anchor.profiles.includes(c.profile)));
    const issue = businessDayWithin(addDays(today, -anchor.late - 30), start, today);
    if (issue) plans.push({ ...project(client, issue), forced: anchor.forced });
  }
  const recent = businesses.filter((c) => c.terms === "net30" || c.terms === "eom45");
  for (let i = 0; i < 3; i++) {
    const issue = businessDayWithin(addDays(today, -rng.int(0, 10)), addDays(today, -14), today);
    if (issue) plans.push({ ...project(rng.pick(recent), issue), forced: "open" });
  }

  for (const client of clients) {
    if (client.record.kind === "consumer") {
      const count = CONSUMERS.find((c) => `${c.first} ${c.last}` === client.record.name)?.invoices ?? 1;
      for (let i = 0; i < count; i++) plans.push(project(client, randomIssueDate(rng, start, today)));
    } else if (client.record.kind === "public") {
      for (let i = 0; i < PUBLIC_BUYER.invoices; i++) {
        const issue = randomIssueDate(rng, start, today);
        plans.push({
          ...project(client, issue),
          notes: `Bon de commande n° ${issue.year}-${rng.digits(4)} – Direction de la communication`,
        });
      }
    }
  }

  // Every business client has at least one project, the rest is spread by weight.
  for (const client of businesses) plans.push(project(client, randomIssueDate(rng, start, today)));
  if (plans.length > DEMO_INVOICE_COUNT) throw new Error(`demo: ${plans.length} planned invoices`);
  const byWeight = businesses.map((c) => [c, c.weight] as const);
  while (plans.length < DEMO_INVOICE_COUNT) {
    plans.push(project(rng.weighted(byWeight), randomIssueDate(rng, start, today)));
  }

  // Stable: same-day invoices keep their planning order.
  return plans.sort((a, b) => compareDates(a.issue, b.issue));
}

// ─── outcomes and payments ──────────────────────────────────────────────────────────────────────────────────────

type Outcome = "on_time" | "late" | "partial" | "instalments" | "unpaid" | "disputed";

const PROFILES: Record<
  PayerProfile,
  { outcomes: readonly (readonly [Outcome, number])[]; late: [number, number] }
> = {
  good: {
    outcomes: [
      ["on_time", 0.9],
      ["late", 0.09],
      ["partial", 0.01],
    ],
    late: [5, 20],
  },
  slow: {
    outcomes: [
      ["on_time", 0.48],
      ["late", 0.4],
      ["partial", 0.08],
      ["unpaid", 0.02],
      ["disputed", 0.02],
    ],
    late: [8, 60],
  },
  chronic: {
    outcomes: [
      ["on_time", 0.17],
      ["late", 0.45],
      ["partial", 0.23],
      ["unpaid", 0.08],
      ["disputed", 0.07],
    ],
    late: [20, 120],
  },
  disputer: {
    outcomes: [
      ["on_time", 0.52],
      ["late", 0.25],
      ["partial", 0.06],
      ["unpaid", 0.02],
      ["disputed", 0.15],
    ],
    late: [10, 60],
  },
};

interface Settlement {
  invoice: DemoInvoice;
  client: ClientPlan;
  date: PlainDate;
  amount: number;
  /** Pays the whole invoice in one go (may be grouped with another one). */
  whole: boolean;
  directDebit: boolean;
}

/** Part of an amount, rounded down to the euro, strictly between 0 and the amount. */
function share(total: number, percent: number): number {
  const part = Math.floor(mulDiv(total, percent, 100) / 100) * 100;
  return part > 0 && part < total ? part : 0;
}

function settle(
  rng: Random,
  plan: InvoicePlan,
  invoice: DemoInvoice,
  issue: PlainDate,
  due: PlainDate,
  today: PlainDate,
): Settlement[] {
  const total = invoice.total_ttc_cents;
  const client = plan.client;
  const profile = PROFILES[client.profile];
  const out: Settlement[] = [];
  /** Paid on a business day, never in the future. */
  const pay = (d: PlainDate, amount: number, whole: boolean) => {
    const date = nextBusinessDay(d);
    if (amount > 0 && compareDates(date, today) <= 0) {
      out.push({ invoice, client, date, amount, whole, directDebit: plan.directDebit === true });
    }
  };
  const partial = (after: PlainDate, from: number, to: number) => {
    const first = share(total, rng.int(from, to));
    const date = addDays(after, rng.int(0, 25));
    pay(date, first, false);
    if (client.profile === "chronic" && rng.chance(0.5)) {
      pay(addDays(date, rng.int(20, 45)), share(total, rng.int(15, 25)), false);
    }
  };

  if (plan.forced === "open" || plan.forced === "unpaid") return out;
  if (plan.forced === "partial") {
    partial(due, 30, 55);
    return out;
  }
  if (plan.directDebit) {
    // SEPA direct debit: collected on the due date (the business day before when it is a day off).
    const date = lastBusinessDayOnOrBefore(due);
    if (compareDates(date, today) <= 0)
      out.push({ invoice, client, date, amount: total, whole: true, directDebit: true });
    return out;
  }

  let outcome = rng.weighted(profile.outcomes);
  // A dispute is raised once the invoice has been looked at, i.e. not on an invoice that is barely out.
  if (outcome === "disputed" && daysBetween(due, today) < 10) outcome = "late";
  // Old debts mostly end up settled: only some of those drawn open long ago are still open.
  const age = daysBetween(due, today);
  if (outcome === "unpaid" && age > 180 && rng.chance(0.5)) outcome = "late";
  if (outcome === "disputed" && age > 240 && rng.chance(0.4)) outcome = "late";
  if (outcome === "partial" && age > 240 && rng.chance(0.5)) outcome = "instalments";
  switch (outcome) {
    case "on_time": {
      const span = daysBetween(issue, due);
      const d = addDays(issue, Math.round(span * (0.55 + 0.45 * rng.next())));
      const date = businessDayWithin(d, issue, due) ?? issue;
      if (compareDates(date, today) <= 0)
        out.push({ invoice, client, date, amount: total, whole: true, directDebit: false });
      break;
    }
    case "late":
      pay(addDays(due, rng.int(profile.late[0], profile.late[1])), total, true);
      break;
    case "partial":
      partial(due, 30, 60);
      break;
    case "instalments": {
      // Paid in two or three parts, the last one clearing the balance.
      const parts = rng.int(2, 3);
      let date = addDays(due, rng.int(0, 20));
      let left = total;
      for (let k = parts; k > 1; k--) {
        const part = share(left, Math.round(100 / k));
        pay(date, part, false);
        left -= part;
        date = addDays(date, rng.int(25, 40));
      }
      pay(date, left, false);
      break;
    }
    case "disputed":
      invoice.disputed = true;
      invoice.notes = rng.pick(DISPUTE_REASONS);
      // Some pay the part they do not dispute.
      if (rng.chance(0.35)) pay(addDays(due, rng.int(0, 20)), share(total, rng.int(50, 70)), false);
      break;
    case "unpaid":
      break;
  }
  return out;
}

function methodFor(rng: Random, s: Settlement): DemoPaymentMethod {
  if (s.directDebit) return "direct_debit";
  const kind = s.client.record.kind;
  if (kind === "public") return "transfer";
  if (rng.chance(0.85)) return s.client.method;
  if (kind === "consumer") {
    return rng.weighted([
      ["transfer", 0.5],
      ["cheque", 0.3],
      ["card", 0.15],
      ["cash", 0.05],
    ] as const);
  }
  return rng.weighted([
    ["transfer", 0.7],
    ["cheque", 0.25],
    ["card", 0.05],
  ] as const);
}

function referenceFor(
  rng: Random,
  method: DemoPaymentMethod,
  client: ClientPlan,
  numbers: string[],
  date: PlainDate,
) {
  const list = numbers.join(" ");
  switch (method) {
    case "transfer":
      if (client.record.kind === "public") return `Mandat n° ${date.year}-${rng.digits(5)} – ${list}`;
      return rng.weighted([
        [`VIR SEPA ${client.short} ${list}`, 0.45],
        [list, 0.2],
        [`Règlement facture${numbers.length > 1 ? "s" : ""} ${numbers.join(" et ")}`, 0.2],
        [null, 0.15],
      ] as const);
    case "cheque":
      return `Chèque n° ${rng.digits(7)}`;
    case "card":
      return `Carte bancaire – autorisation ${rng.digits(6)}`;
    case "direct_debit":
      return `Prélèvement SEPA ${list}`;
    case "bill_of_exchange":
      return `LCR n° ${rng.digits(7)} – ${list}`;
    case "cash":
      return null;
    case "other":
      return null;
  }
}

/** At most this many payments cover two invoices (a client settling two invoices with one transfer). */
const MAX_GROUPED = 6;
const GROUPING_WINDOW_DAYS = 12;

function buildPayments(rng: Random, settlements: Settlement[]): DemoPayment[] {
  // One payment per settlement, except a few pairs of whole payments close in time, grouped into one transfer.
  const groups: Settlement[][] = [];
  const taken = new Set<Settlement>();
  const byClient = new Map<ClientPlan, Settlement[]>();
  for (const s of settlements) {
    const list = byClient.get(s.client) ?? [];
    list.push(s);
    byClient.set(s.client, list);
  }
  let grouped = 0;
  for (const [client, list] of byClient) {
    if (client.record.kind !== "business" || client.method !== "transfer") continue;
    const candidates = list
      .filter((s) => s.whole && !s.directDebit)
      .sort((a, b) => compareDates(a.date, b.date));
    for (let i = 0; i + 1 < candidates.length && grouped < MAX_GROUPED; i++) {
      const a = candidates[i] as Settlement;
      const b = candidates[i + 1] as Settlement;
      if (taken.has(a) || daysBetween(a.date, b.date) > GROUPING_WINDOW_DAYS || !rng.chance(0.5)) continue;
      taken.add(a);
      taken.add(b);
      groups.push([a, b]);
      grouped++;
    }
  }
  for (const s of settlements) if (!taken.has(s)) groups.push([s]);

  const drafts = groups.map((group) => {
    const first = group[0] as Settlement;
    const date = group.reduce((d, s) => (compareDates(s.date, d) > 0 ? s.date : d), first.date);
    const method = group.length > 1 ? "transfer" : methodFor(rng, first);
    const numbers = group.map((s) => s.invoice.number);
    return {
      date,
      payment: {
        key: "",
        client_key: first.client.record.key,
        date: toIso(date),
        amount_cents: group.reduce((sum, s) => sum + s.amount, 0),
        method,
        reference: referenceFor(rng, method, first.client, numbers, date),
        allocations: group.map((s) => ({ invoice_key: s.invoice.key, amount_cents: s.amount })),
      } satisfies DemoPayment,
    };
  });
  // Stable sort: same-day payments keep the invoice order.
  drafts.sort((a, b) => compareDates(a.date, b.date));
  return drafts.map((d, i) => ({ ...d.payment, key: `pay-${pad(i + 1, 4)}` }));
}

// ─── the ledger ─────────────────────────────────────────────────────────────────────────────────────────────────

export function generateDemoLedger(options: DemoOptions): DemoLedger {
  const { today } = options;
  const rng = createRandom(options.seed ?? DEMO_DEFAULT_SEED);
  const start = addMonths(today, -DEMO_WINDOW_MONTHS);
  const used = new Set<string>();
  const organization = buildOrganization(used);
  const clients = buildClients(rng, used);
  const plans = planInvoices(rng, clients, start, today);

  const perYear = new Map<number, number>();
  const settlements: Settlement[] = [];
  const invoices = plans.map((plan, i): DemoInvoice => {
    const year = plan.issue.year;
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const due = dueDate(plan.issue, plan.client.terms);
    const totals = computeTotals(plan.lines);
    const invoice: DemoInvoice = {
      key: `inv-${pad(i + 1, 4)}`,
      client_key: plan.client.record.key,
      number: `F-${year}-${pad(n, 4)}`,
      issue_date: toIso(plan.issue),
      due_date: toIso(due),
      lines: plan.lines,
      total_ht_cents: totals.total_ht_cents,
      total_vat_cents: totals.total_vat_cents,
      total_ttc_cents: totals.total_ttc_cents,
      disputed: false,
      notes: plan.notes ?? null,
    };
    settlements.push(...settle(rng, plan, invoice, plan.issue, due, today));
    return invoice;
  });

  return {
    organization,
    clients: clients.map((c) => c.record),
    invoices,
    payments: buildPayments(rng, settlements),
  };
}
