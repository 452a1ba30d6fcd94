import { Badge, Group } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { InvoiceStatus } from "../api/invoices";

const COLORS: Record<InvoiceStatus, string> = {
  open: "blue",
  partially_paid: "cyan",
  paid: "teal",
  cancelled: "gray",
  written_off: "dark",
};

type Holder = "plans" | "bills" | "calls" | "recovery";

/** The holds that settle an invoice another way, each with its strings (i18n plans, bills, calls, recovery). */
const HELD: Record<string, Holder> = { plan: "plans", bill: "bills", promise: "calls", recovery: "recovery" };

/** The badge of an invoice held by a plan, a bill of exchange, a promise to pay or a recovery case; else null. */
export function heldBy(invoice: { hold_kind?: string | null }): Holder | null {
  return (invoice.hold_kind && HELD[invoice.hold_kind]) || null;
}

export function isLate(invoice: { status: string; days_late: number; balance_cents: number }): boolean {
  return (
    invoice.days_late > 0 &&
    invoice.balance_cents > 0 &&
    (invoice.status === "open" || invoice.status === "partially_paid")
  );
}

/**
 * The status in words, then "En retard (N j)", "Litige" and what holds the reminders (a payment plan, a bill of
 * exchange, a promise to pay) when they apply.
 */
export function StatusBadges({
  invoice,
  size = "sm",
  compact = false,
}: {
  invoice: {
    status: InvoiceStatus;
    days_late: number;
    balance_cents: number;
    disputed: boolean;
    hold_kind?: string | null;
  };
  size?: "xs" | "sm" | "md" | "lg";
  /** Where room is short: "En retard" stands for the status it implies. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const late = isLate(invoice);
  const held = heldBy(invoice);
  return (
    <Group gap={4} wrap="nowrap" justify={compact ? "flex-end" : undefined}>
      {!(compact && late) && (
        <Badge size={size} variant="light" color={COLORS[invoice.status] ?? "gray"} tt="none">
          {t(`status.${invoice.status}`, { defaultValue: invoice.status })}
        </Badge>
      )}
      {late && (
        <Badge size={size} variant="filled" color="red" tt="none">
          {t("status.late", { n: invoice.days_late })}
        </Badge>
      )}
      {invoice.disputed && (
        <Badge size={size} variant="filled" color="orange" tt="none">
          {t("status.disputed")}
        </Badge>
      )}
      {held && (
        <Badge
          size={size}
          variant="light"
          color="violet"
          tt="none"
          title={t(`${held}.held_title`)}
          data-testid="held-badge"
        >
          {t(`${held}.held_badge`)}
        </Badge>
      )}
    </Group>
  );
}

/**
 * The same badges as plain spans, for the virtualised table: hundreds of rows come and go while scrolling,
 * and a styled span costs far less to mount than a Mantine component.
 */
export function StatusPills({
  invoice,
  t,
  compact = false,
}: {
  invoice: {
    status: InvoiceStatus;
    days_late: number;
    balance_cents: number;
    disputed: boolean;
    hold_kind?: string | null;
  };
  /** Passed down rather than taken from the hook: one subscription for the table, not one per row. */
  t: TFunction;
  compact?: boolean;
}) {
  const late = isLate(invoice);
  const held = heldBy(invoice);
  return (
    <span className={compact ? "pills pills-end" : "pills"}>
      {!(compact && late) && (
        <span className={`pill pill-${invoice.status}`}>
          {t(`status.${invoice.status}`, { defaultValue: invoice.status })}
        </span>
      )}
      {late && <span className="pill pill-late">{t("status.late", { n: invoice.days_late })}</span>}
      {invoice.disputed && <span className="pill pill-disputed">{t("status.disputed")}</span>}
      {held && (
        <span className="pill pill-held" title={t(`${held}.held_title`)} data-testid="held-badge">
          {t(`${held}.held_badge`)}
        </span>
      )}
    </span>
  );
}
