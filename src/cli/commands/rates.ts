import type { Command } from "commander";
import { AppError } from "../../app/errors.js";
import { bpToPercent, isRateKind, parsePercentBp, RATE_KINDS } from "../../app/law/inputs.js";
import { listRatesDto, type RateDto } from "../../app/law/list-rates.js";
import { setRate } from "../../app/law/set-rate.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { withRuntime } from "../command.js";
import { formatTable, printJson, printLine } from "../output.js";

/** "4,50 %" in French, "4.50 %" in English. */
export function percentText(bp: number, locale: Locale): string {
  const s = bpToPercent(bp);
  return `${locale === "fr" ? s.replace(".", ",") : s} %`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One line per semester: ECB, both taux légal, 3 × taux légal (other cases), ECB + 10, the sources. */
export function ratesTable(rows: RateDto[], locale: Locale): string {
  const t = (code: MessageCode) => formatMessage(locale, code);
  const bySemester = new Map<string, Partial<Record<RateDto["kind"], RateDto>>>();
  for (const r of rows) {
    const entry = bySemester.get(r.semester) ?? {};
    entry[r.kind] = r;
    bySemester.set(r.semester, entry);
  }
  const cell = (r: RateDto | undefined, bp?: number) =>
    r ? `${percentText(bp ?? r.rate_bp, locale)}${r.confirmed ? "" : " ⚠"}` : "—";
  const semesters = [...bySemester.keys()].sort();
  return formatTable(
    [
      { title: t("lawui.col.semester") },
      { title: t("lawui.col.ecb"), right: true },
      { title: t("lawui.col.legal_individual"), right: true },
      { title: t("lawui.col.legal_other"), right: true },
      { title: t("lawui.col.three_legal"), right: true },
      { title: t("lawui.col.ecb_plus_10"), right: true },
      { title: t("lawui.col.source") },
    ],
    semesters.map((s) => {
      const e = bySemester.get(s) ?? {};
      const sources = [...new Set(RATE_KINDS.map((k) => e[k]?.source).filter((x): x is string => !!x))];
      return [
        s,
        cell(e.ecb_refi),
        cell(e.legal_individual),
        cell(e.legal_other),
        cell(e.legal_other, e.legal_other ? 3 * e.legal_other.rate_bp : undefined),
        cell(e.ecb_refi, e.ecb_refi ? e.ecb_refi.rate_bp + 1000 : undefined),
        shorten(sources.join(" ; "), 70),
      ];
    }),
  );
}

export function registerRates(program: Command): void {
  const rates = program
    .command("rates")
    .description("ECB and legal interest rates by semester / taux BCE et taux légal par semestre");
  rates
    .command("list")
    .description("the rates table, shared by every organization / la table des taux")
    .action(
      withRuntime(async (rt, env) => {
        const rows = await listRatesDto({ ctx: rt.ctx });
        if (env.json) return printJson(rows);
        if (rows.length === 0) return printLine(formatMessage(env.locale, "lawui.rates_empty"));
        printLine(ratesTable(rows, env.locale));
        printLine();
        printLine(formatMessage(env.locale, "lawui.rates_legend"));
      }),
    );
  rates
    .command("set")
    .description("set one rate of one semester (shared row, audited) / fixer un taux d'un semestre")
    .requiredOption("--kind <kind>", RATE_KINDS.join(" | "))
    .requiredOption("--semester <semester>", "e.g. 2026-S2")
    .requiredOption("--rate <percent>", "annual rate in percent, up to 2 decimals, e.g. 2.40")
    .requiredOption("--source <text>", "where the figure comes from (arrêté, ECB decision…)")
    .option("--confirmed", "the figure is confirmed by its source (default: unconfirmed)", false)
    .action(
      withRuntime(
        async (
          rt,
          env,
          opts: { kind: string; semester: string; rate: string; source: string; confirmed: boolean },
        ) => {
          if (!isRateKind(opts.kind))
            throw new AppError("invalid_input", "lawui.kind_invalid", { value: opts.kind });
          const bp = parsePercentBp(opts.rate);
          if (!bp.ok) throw new AppError("invalid_input", bp.problem.code, bp.problem.params ?? {});
          const org = await rt.organization();
          const dto = await setRate({
            ctx: rt.ctx,
            org,
            userId: null,
            kind: opts.kind,
            semester: opts.semester,
            rate_bp: bp.value,
            source: opts.source,
            confirmed: opts.confirmed,
          });
          if (env.json) return printJson(dto);
          printLine(
            formatMessage(env.locale, "lawui.rate_set", {
              kind: formatMessage(env.locale, `law.kind.${dto.kind}` as MessageCode),
              semester: dto.semester,
              rate: bpToPercent(dto.rate_bp).replace(".", env.locale === "fr" ? "," : "."),
              source: dto.source,
              unconfirmed: dto.confirmed ? "" : ` ⚠ ${formatMessage(env.locale, "lawui.unconfirmed")}`,
            }),
          );
        },
      ),
    );
}
