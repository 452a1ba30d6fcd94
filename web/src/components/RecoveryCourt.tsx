import { Alert, Badge, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { LitigationView } from "../api/recovery";

/**
 * The court of an injonction de payer: its kind from the debtor's type, its seat from the debtor's postcode through
 * a small unverified table (core/recovery/court-data.ts) — hence "à vérifier" and the server's warnings.
 */
export function RecoveryCourt({ view }: { view: LitigationView }) {
  const { t } = useTranslation();
  const c = view.court;
  const kind = c.court === "tribunal_de_commerce" || c.court === "tribunal_judiciaire" ? c.court : null;
  const rows: [string, string][] = [
    ...(kind ? ([[t("recovery.court.kind"), t(`recovery.courts.${kind}`)]] as [string, string][]) : []),
    [t("recovery.court.cerfa"), t("recovery.eligibility.cerfa", { cerfa: c.cerfa })],
    ...(c.seat_city ? ([[t("recovery.court.seat"), c.seat_city]] as [string, string][]) : []),
    ...(c.cour_d_appel ? ([[t("recovery.court.appeal"), c.cour_d_appel]] as [string, string][]) : []),
    [t("recovery.court.basis"), c.basis],
  ];
  return (
    <Paper withBorder p="md" radius="md" data-testid="recovery-court">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {t("recovery.court.title")}
        </Title>
        {c.warnings.length > 0 && (
          <Badge color="orange" variant="light" tt="none" data-testid="court-to-verify">
            {c.known ? t("recovery.court.to_verify") : t("recovery.court.unknown")}
          </Badge>
        )}
      </Group>
      <Text fw={700} data-testid="court-name" style={{ overflowWrap: "anywhere" }}>
        {c.name}
      </Text>
      <Table fz="sm" verticalSpacing={2} mt={4}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th fw={500} c="dimmed" w="40%">
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {c.warnings.length > 0 && (
        <Stack gap={4} mt="xs">
          {c.warnings.map((w) => (
            <Alert key={w.code} color="orange" p="xs" data-testid="court-warning">
              <Text size="xs">{w.message}</Text>
            </Alert>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
