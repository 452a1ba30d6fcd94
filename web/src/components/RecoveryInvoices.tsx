import { Alert, Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { LitigationView } from "../api/recovery";
import { formatDate, formatMoney } from "../format";
import { useLang } from "./useLang";

/** The invoices a case is about (amounts and last day to act), then the prescribed ones, flagged and left out. */
export function RecoveryInvoices({ view }: { view: LitigationView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const consumer = view.client.kind === "consumer";
  const money = (c: number) => formatMoney(c, lang);
  return (
    <Paper withBorder p="md" radius="md" data-testid="recovery-invoices">
      <Title order={2} size="h4" mb="sm">
        {t("recovery.invoices_title")}
      </Title>
      {view.invoices.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("recovery.invoices_none")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" verticalSpacing={6} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("recovery.col.invoice")}</Table.Th>
                <Table.Th>{t("recovery.col.due")}</Table.Th>
                <Table.Th className="num">{t("recovery.col.principal")}</Table.Th>
                <Table.Th className="num">
                  {consumer ? t("recovery.col.interest") : t("recovery.col.penalties")}
                </Table.Th>
                {!consumer && <Table.Th className="num">{t("recovery.col.indemnity")}</Table.Th>}
                <Table.Th className="num">{t("recovery.col.total")}</Table.Th>
                <Table.Th>{t("recovery.col.prescription")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.invoices.map((i) => (
                <Table.Tr key={i.id} data-testid="recovery-invoice">
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Anchor component={Link} to={`/invoices/${encodeURIComponent(i.id)}`} size="sm">
                      {i.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(i.due_date)}</Table.Td>
                  <Table.Td className="num">{money(i.balance_cents)}</Table.Td>
                  <Table.Td className="num">{money(i.interest_cents)}</Table.Td>
                  {!consumer && <Table.Td className="num">{money(i.indemnity_cents)}</Table.Td>}
                  <Table.Td className="num" fw={600}>
                    {money(i.total_claim_cents)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }} title={i.prescription_basis}>
                    {i.prescription_date
                      ? formatDate(i.prescription_date)
                      : t("recovery.prescription_suspended")}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Stack gap="xs" mt="xs">
        {view.prescription_date && (
          <Text size="xs" c="dimmed" data-testid="recovery-prescription">
            {t("recovery.prescription_first", { date: formatDate(view.prescription_date) })}
          </Text>
        )}
        {view.failures.length > 0 && (
          <Alert color="yellow" p="xs">
            <Text size="sm" fw={500}>
              {t("recovery.failures")}
            </Text>
            {view.failures.map((f) => (
              <Text key={f.invoice_id} size="sm">
                {f.number} : {f.message}
              </Text>
            ))}
          </Alert>
        )}
        {view.disputed.length > 0 && (
          <Alert color="orange" p="xs" data-testid="recovery-disputed">
            <Text size="sm" fw={600} mb={4}>
              {t("recovery.disputed_title")}
            </Text>
            <Text size="sm">
              {view.disputed.map((i) => `${i.number} · ${money(i.balance_cents)}`).join(" ; ")}
            </Text>
          </Alert>
        )}
        {view.prescribed.length > 0 && (
          <Alert color="red" p="xs" data-testid="recovery-prescribed">
            <Text size="sm" fw={600} mb={4}>
              {t("recovery.prescribed_title")}
            </Text>
            {view.prescribed.map((i) => (
              <Group key={i.id} gap="xs" wrap="nowrap" align="flex-start">
                <Badge color="red" size="sm" tt="none" style={{ flexShrink: 0 }}>
                  {t("recovery.prescribed_badge")}
                </Badge>
                <Text size="sm">
                  {t("recovery.prescribed_line", {
                    number: i.number,
                    balance: money(i.balance_cents),
                    date: formatDate(i.prescription_date),
                    basis: i.prescription_basis,
                    years: i.prescription_years,
                  })}
                </Text>
              </Group>
            ))}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
