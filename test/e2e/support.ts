import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { launchBrowser, screenshot, startWebServer, type WebServer } from "../support/browser.js";
import { FRENCH_SHEET } from "../support/files.js";

/** What the API answers to a sign-up / log-in: the parts the tests use. */
export interface Account {
  email: string;
  password: string;
  name: string;
  orgId: string;
  userId: string;
  csrf: string;
}

export const PASSWORD = "correct horse battery";

let counter = 0;

/** A unique e-mail address for this run. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${process.pid}@example.fr`;
}

/**
 * Signs up through the API with the context's own request client: the session cookie lands in the browser
 * context, so its pages are signed in.
 */
export async function apiSignUp(
  context: BrowserContext,
  base: string,
  options: { name?: string; organization?: string; email?: string } = {},
): Promise<Account> {
  const email = options.email ?? uniqueEmail("compte");
  const name = options.name ?? "Julie Martin";
  const res = await context.request.post(`${base}/api/v1/auth/signup`, {
    data: {
      email,
      password: PASSWORD,
      name,
      organization_name: options.organization ?? "Plomberie Martin",
      locale: "fr",
    },
  });
  if (res.status() !== 201) throw new Error(`sign-up failed ${res.status()}: ${await res.text()}`);
  const session = (await res.json()) as {
    user: { id: string };
    organization: { id: string };
    csrf_token: string;
  };
  return {
    email,
    password: PASSWORD,
    name,
    orgId: session.organization.id,
    userId: session.user.id,
    csrf: session.csrf_token,
  };
}

/** A JSON request made with the context's session (and its CSRF token on writes). */
export async function apiCall(
  context: BrowserContext,
  base: string,
  account: Account,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await context.request.fetch(`${base}${path}`, {
    method,
    headers: method === "GET" ? {} : { "x-csrf-token": account.csrf },
    ...(body !== undefined ? { data: body } : {}),
  });
  const text = await res.text();
  return { status: res.status(), json: text ? JSON.parse(text) : null };
}

/** Imports a CSV through the API (multipart, as the Import page sends it). */
export async function apiImport(
  context: BrowserContext,
  base: string,
  account: Account,
  text: string = FRENCH_SHEET,
): Promise<void> {
  const res = await context.request.post(`${base}/api/v1/imports/invoices`, {
    headers: { "x-csrf-token": account.csrf },
    multipart: { file: { name: "suivi.csv", mimeType: "text/csv", buffer: Buffer.from(text, "utf8") } },
  });
  if (res.status() !== 200) throw new Error(`import failed ${res.status()}: ${await res.text()}`);
}

export function writeCsv(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, "utf8");
  return path;
}

/** "1 234,56" / "480,00" / "" (a French spreadsheet cell) → integer cents, by string manipulation only. */
export function parseFrenchCents(cell: string): number {
  const s = cell.replace(/[\s\u00a0\u202f]/g, "");
  if (s === "") return 0;
  const m = /^(\d+)(?:,(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not a French amount: ${cell}`);
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** The outstanding balance of a tracking CSV: Σ (TTC − already paid) over the rows not fully paid. */
export function unpaidCentsOf(csv: string, totalHeader = "Montant TTC", paidHeader = "Déjà payé"): number {
  const [header, ...rows] = csv.split("\n").filter((l) => l.trim() !== "");
  const columns = (header ?? "").split(";");
  const total = columns.indexOf(totalHeader);
  const paid = columns.indexOf(paidHeader);
  if (total < 0) throw new Error(`no column ${totalHeader}`);
  let sum = 0;
  for (const row of rows) {
    const cells = row.split(";");
    const balance =
      parseFrenchCents(cells[total] ?? "") - (paid >= 0 ? parseFrenchCents(cells[paid] ?? "") : 0);
    if (balance > 0) sum += balance;
  }
  return sum;
}

/** 123456 → "1 234,56 €" with plain spaces (compare with `spaces()` of what the page shows). */
export function frenchEuros(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const euros = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${sign}${euros},${String(abs % 100).padStart(2, "0")} €`;
}

/** Intl's U+202F / U+00A0 spaces → plain spaces. */
export function spaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, " ");
}

/** The value shown by a stat card (its last line), with plain spaces. */
export async function statValue(card: Locator): Promise<string> {
  const lines = (await card.innerText()).split("\n").filter((l) => l.trim() !== "");
  return spaces(lines[1] ?? "").trim();
}

/** How many invoice rows the DOM holds right now. */
export function invoiceRows(page: Page): Locator {
  return page.getByTestId("invoice-row");
}

/**
 * What the tests use of the page's globals, inside `page.evaluate` (the project's TypeScript has no DOM library:
 * the server code must not see `window` or `document`). The functions run in the page: nothing from this module
 * can be called inside them.
 */
interface PageWindow {
  document: {
    documentElement: { lang: string; scrollWidth: number };
    body: { innerText: string };
    getAnimations(): { playState: string; effect: { getTiming(): { iterations?: number } } | null }[];
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  };
  scrollY: number;
  scrollTo(options: { top: number; behavior: "instant" }): void;
  requestAnimationFrame(callback: () => void): number;
}

/** `<html lang>` of the page. */
export function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as PageWindow).document.documentElement.lang);
}

/** How many pixels the page is wider than `width` (0 or less: no horizontal scrolling). */
export function overflowBeyond(page: Page, width: number): Promise<number> {
  return page.evaluate(
    (w) => (globalThis as unknown as PageWindow).document.documentElement.scrollWidth - w,
    width,
  );
}

/** Elements that user text would have created had it been rendered as HTML. */
export function injectedMarkup(page: Page): Promise<{ scripts: number; images: number; bold: number }> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as PageWindow).document;
    return {
      scripts: Array.from(d.querySelectorAll("script")).filter((s) => s.textContent?.includes("alert"))
        .length,
      images: d.querySelectorAll('img[src="x"]').length,
      bold: Array.from(d.querySelectorAll("b")).filter((b) => b.textContent === "F-XSS").length,
    };
  });
}

/**
 * A full-page screenshot taken from the top of the page: the fixed header and navigation then sit where a person
 * sees them (scrolled, a full-page capture paints them halfway down).
 */
export async function shot(page: Page, name: string): Promise<void> {
  // A smooth scroll the page started (scrollIntoView) may still be running: wait until the top stays the top.
  await page.evaluate(async () => {
    const w = globalThis as unknown as PageWindow;
    const frame = () => new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()));
    for (let i = 0; i < 60; i++) {
      w.scrollTo({ top: 0, behavior: "instant" });
      await frame();
      await frame();
      if (w.scrollY === 0) return;
    }
  });
  // Modals and drawers fade and slide in: shoot them once they stand still (spinners run forever: not those).
  await page
    .waitForFunction(
      () =>
        (globalThis as unknown as PageWindow).document
          .getAnimations()
          .every(
            (a) => a.playState !== "running" || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
          ),
      null,
      { timeout: 2_000 },
    )
    .catch(() => undefined);
  await screenshot(page, name);
  expect(await rawWords(page), `raw codes shown on ${name}`).toEqual([]);
}

/** Words from the API a person should never read: snake_case codes, JS leftovers, English codes in French. */
const JS_LEFTOVERS = /\b(undefined|null|NaN|\[object Object\])\b/g;
const SNAKE_CASE = /\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b/g;
const ENGLISH_CODES = /\b(open|paid|transfer|cheque|card|cash|other|business|consumer|invoice|payment)\b/g;

/** The raw codes visible on the page (its text, modals and notifications included). */
export async function rawWords(page: Page): Promise<string[]> {
  const { text, lang } = await page.evaluate(() => {
    const d = (globalThis as unknown as PageWindow).document;
    return { text: d.body.innerText, lang: d.documentElement.lang };
  });
  const found = [...(text.match(JS_LEFTOVERS) ?? []), ...(text.match(SNAKE_CASE) ?? [])];
  if (lang === "fr") found.push(...(text.match(ENGLISH_CODES) ?? []));
  return found;
}

/**
 * The set-up every browser suite shares, registered in the calling `describe`: one Chromium and one real server
 * for the suite, fresh contexts (French, Paris time) closed after each test, and each test failing on what went
 * wrong inside its pages (uncaught errors, dialogs, a sandboxed preview trying to run something).
 */
export function browserSuite(viewport: { width: number; height: number }): {
  server: { readonly url: string };
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
} {
  let browser: Browser;
  let web: WebServer;
  let contexts: BrowserContext[] = [];
  let problems: string[] = [];

  beforeAll(async () => {
    [browser, web] = await Promise.all([launchBrowser(), startWebServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });
  afterEach(async () => {
    const seen = problems;
    problems = [];
    for (const c of contexts) await c.close();
    contexts = [];
    expect(seen).toEqual([]);
  });

  return {
    server: {
      get url() {
        return web.url;
      },
    },
    async newPage() {
      const context = await browser.newContext({
        baseURL: web.url,
        viewport,
        locale: "fr-FR",
        timezoneId: "Europe/Paris",
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("dialog", (d) => {
        problems.push(`dialog: ${d.type()} ${d.message()}`);
        void d.dismiss();
      });
      page.on("console", (m) => {
        if (m.type() === "error" && /sandbox|Blocked script/i.test(m.text()))
          problems.push(`console: ${m.text()}`);
      });
      return { context, page };
    },
  };
}
