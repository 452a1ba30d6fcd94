import { Anchor, Badge, Group, Paper, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { listPrescriptionAlerts, PRESCRIPTION_KEY, type PrescriptionAlert } from "../api/law";
import { formatDate, formatInteger, formatMoney } from "../format";
import { useLang } from "./useLang";

/** Rows shown; the others are counted below the table. */
const SHOWN = 10;

/** Whole days from `from` to `to` (both YYYY-MM-DD), for display only. */
function daysUntil(from: string, to: string): number {
  const utc = (iso: string) =>
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/**
 * The dashboard's prescription warnings: owed invoices whose last day to act is within 90 days or passed
 * (GET /law/prescription, soonest first), each linking to its invoice; nothing at all when there is none.
 */
export function PrescriptionCard({ today }: { today: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const query = useQuery({ queryKey: [...PRESCRIPTION_KEY, 90], queryFn: () => listPrescriptionAlerts(90) });
  const alerts = query.data?.data ?? [];
  if (alerts.length === 0) return null;
  const more = alerts.length - SHOWN;
  return (
    <Paper withBorder p="md" radius="md" data-testid="prescription-card">
      <Group justify="space-between" mb={4} align="baseline">
        <Title order={2} size="h4">
          {t("prescription.title")}
        </Title>
        <Badge color="red" variant="light" tt="none">
          {t("dashboard.invoices_count", { count: alerts.length, n: formatInteger(alerts.length, lang) })}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t("prescription.help")}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table fz="sm" verticalSpacing={6} aria-label={t("prescription.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("prescription.col_invoice")}</Table.Th>
              <Table.Th>{t("prescription.col_client")}</Table.Th>
              <Table.Th className="num">{t("prescription.col_balance")}</Table.Th>
              <Table.Th>{t("prescription.col_date")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {alerts.slice(0, SHOWN).map((a) => (
              <Row key={a.invoice_id} alert={a} today={today} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more > 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          {t("prescription.more", { count: more, n: formatInteger(more, lang) })}
        </Text>
      )}
    </Paper>
  );
}

function Row({ alert: a, today }: { alert: PrescriptionAlert; today: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const left = daysUntil(today, a.prescription_date);
  return (
    <Table.Tr data-testid={`prescription-row-${a.number}`}>
      <Table.Td style={{ overflowWrap: "anywhere" }}>
        <Anchor component={Link} to={`/invoices/${encodeURIComponent(a.invoice_id)}`} size="sm">
          {a.number}
        </Anchor>
      </Table.Td>
      <Table.Td style={{ overflowWrap: "anywhere" }}>
        <Anchor component={Link} to={`/clients/${encodeURIComponent(a.client_id)}`} size="sm" c="inherit">
          {a.client}
        </Anchor>
      </Table.Td>
      <Table.Td className="num">{formatMoney(a.balance_cents, lang)}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" title={t("prescription.basis", { basis: a.basis, years: a.years })}>
            {formatDate(a.prescription_date)}
          </Text>
          {a.prescribed ? (
            <Badge
              color="red"
              variant="filled"
              size="sm"
              tt="none"
              title={t("prescription.prescribed_title", { date: formatDate(a.prescription_date) })}
            >
              {t("prescription.prescribed")}
            </Badge>
          ) : (
            <Text size="xs" c={left <= 30 ? "red.7" : "orange.8"} style={{ whiteSpace: "nowrap" }}>
              {left === 0
                ? t("prescription.today")
                : t("prescription.days_left", { count: left, n: formatInteger(left, lang) })}
            </Text>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
