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
  // A professional owes penalties and the 40 € indemnity; a private individual owes interest at the legal rate.
  const consumer = claim.debtor === "consumer";
  const totals: [string, number, string][] = [
    [t("law.balance"), claim.balance_cents, "claim-balance"],
    ...(consumer
      ? ([[t("law.interest"), claim.interest_cents, "claim-interest"]] as [string, number, string][])
      : ([
          [t("law.penalty"), claim.penalty_cents, "claim-penalty"],
          [t("law.indemnity"), claim.indemnity_cents, "claim-indemnity"],
        ] as [string, number, string][])),
  ];
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        {consumer
          ? claim.notice_date
            ? t("law.basis_consumer", { date: formatDate(claim.notice_date) })
            : t("law.basis_consumer_no_notice")
          : t("law.basis_business", { date: formatDate(claim.as_of) })}
      </Text>
      {claim.periods.length > 0 && (
        <Table fz="sm" verticalSpacing={4} aria-label={t("law.periods")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("law.period")}</Table.Th>
              <Table.Th ta="right">{consumer ? t("law.interest_short") : t("law.penalty_short")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claim.periods.map((p) => (
              <Table.Tr key={`${p.kind}-${p.from}`}>
                <Table.Td>
                  {t("law.period_line", {
                    from: formatDate(p.from),
                    to: formatDate(p.to),
                    count: p.days,
                    rate: formatBp(p.rate_bp, lang),
                    base: formatMoney(p.base_cents, lang),
                  })}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: "nowrap", verticalAlign: "top" }}>
                  {formatMoney(p.amount_cents, lang)}
                </Table.Td>
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
            <Table.Td ta="right" data-testid="claim-days-late">
              {claim.days_late}
            </Table.Td>
          </Table.Tr>
          {totals.map(([label, cents, testId]) => (
            <Table.Tr key={label}>
              <Table.Th fw={500} c="dimmed">
                {label}
              </Table.Th>
              <Table.Td ta="right" data-testid={testId}>
                {formatMoney(cents, lang)}
              </Table.Td>
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
