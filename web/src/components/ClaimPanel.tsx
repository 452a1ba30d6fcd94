import { Alert, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { type Claim, formatBp, invoiceClaim } from "../api/law";
import { formatDate, formatMoney } from "../format";
import { errorMessage } from "./errors";
import { useLang } from "./useLang";

/** The breakdown of a claim: periods, then penalty, indemnity, interest and the total, then the warnings. */
export function ClaimBreakdown({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const lang = useLang();
  const totals: [string, number][] = [
    [t("law.balance"), claim.balance_cents],
    [t("law.penalty"), claim.penalty_cents],
    [t("law.indemnity"), claim.indemnity_cents],
    [t("law.interest"), claim.interest_cents],
  ];
  return (
    <Stack gap="sm">
      {claim.periods.length > 0 && (
        <Table fz="sm" verticalSpacing={4} aria-label={t("law.periods")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("law.period")}</Table.Th>
              <Table.Th ta="right">{t("law.days")}</Table.Th>
              <Table.Th ta="right">{t("law.rate")}</Table.Th>
              <Table.Th ta="right">{t("law.base")}</Table.Th>
              <Table.Th ta="right">{t("law.amount")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claim.periods.map((p) => (
              <Table.Tr key={`${p.kind}-${p.from}`}>
                <Table.Td>
                  {formatDate(p.from)} → {formatDate(p.to)}
                </Table.Td>
                <Table.Td ta="right">{p.days}</Table.Td>
                <Table.Td ta="right">{formatBp(p.rate_bp, lang)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.base_cents, lang)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.amount_cents, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Table fz="sm" verticalSpacing={4}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th fw={500} c="dimmed">
              {t("law.days_late")}
            </Table.Th>
            <Table.Td ta="right">{claim.days_late}</Table.Td>
          </Table.Tr>
          {totals.map(([label, cents]) => (
            <Table.Tr key={label}>
              <Table.Th fw={500} c="dimmed">
                {label}
              </Table.Th>
              <Table.Td ta="right">{formatMoney(cents, lang)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th>{t("law.total")}</Table.Th>
            <Table.Td ta="right" fw={700} data-testid="claim-total">
              {formatMoney(claim.total_claim_cents, lang)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {claim.warnings.map((w) => (
        <Alert key={w.code} color="yellow" p="xs">
          <Text size="sm">{w.message}</Text>
        </Alert>
      ))}
    </Stack>
  );
}

/** What can be claimed today on an overdue invoice (GET /invoices/:id/claim). */
export function ClaimPanel({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ["invoices", "claim", invoiceId],
    queryFn: () => invoiceClaim(invoiceId),
  });
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t("law.claim_title")}
        </Title>
      </Group>
      {query.isPending && <Text size="sm">{t("common.loading")}</Text>}
      {query.isError && (
        <Alert color="yellow" p="xs">
          <Text size="sm">{errorMessage(query.error, t)}</Text>
        </Alert>
      )}
      {query.data && <ClaimBreakdown claim={query.data} />}
    </Paper>
  );
}
