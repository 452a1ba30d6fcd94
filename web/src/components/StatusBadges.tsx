import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { InvoiceStatus } from "../api/invoices";

const COLORS: Record<InvoiceStatus, string> = {
  open: "blue",
  partially_paid: "cyan",
  paid: "teal",
  cancelled: "gray",
  written_off: "dark",
};

export function isLate(invoice: { status: string; days_late: number; balance_cents: number }): boolean {
  return (
    invoice.days_late > 0 &&
    invoice.balance_cents > 0 &&
    (invoice.status === "open" || invoice.status === "partially_paid")
  );
}

/** The status in words, then "En retard (N j)" and "Litige" when they apply. */
export function StatusBadges({
  invoice,
  size = "sm",
}: {
  invoice: { status: InvoiceStatus; days_late: number; balance_cents: number; disputed: boolean };
  size?: "xs" | "sm" | "md" | "lg";
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge size={size} variant="light" color={COLORS[invoice.status] ?? "gray"}>
        {t(`status.${invoice.status}`, { defaultValue: invoice.status })}
      </Badge>
      {isLate(invoice) && (
        <Badge size={size} variant="filled" color="red">
          {t("status.late", { n: invoice.days_late })}
        </Badge>
      )}
      {invoice.disputed && (
        <Badge size={size} variant="filled" color="orange">
          {t("status.disputed")}
        </Badge>
      )}
    </Group>
  );
}
