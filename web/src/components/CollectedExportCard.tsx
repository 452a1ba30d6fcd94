import { Button, Group, Paper, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { collectedDownloadUrl } from "../api/cash";
import { isIsoDate } from "../format";
import { DateField } from "./DateField";

/**
 * The « Encaissée » (e-invoicing status 212) export: the payments received in a period, invoice by invoice, as
 * CSV or JSON for the user's approved platform (docs/cash.md).
 */
export function CollectedExportCard() {
  const { t } = useTranslation();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const ready = isIsoDate(from) && isIsoDate(to) && from <= to;
  const link = (format: "csv" | "json") =>
    ready
      ? { component: "a" as const, href: collectedDownloadUrl(format, from, to), download: true }
      : { disabled: true };
  return (
    <Paper withBorder p="md" radius="md" data-testid="collected-card">
      <Title order={2} size="h4" mb="xs">
        {t("cash.collected_title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("cash.collected_help")}
      </Text>
      <Group align="flex-end" gap="sm">
        <DateField label={t("cash.from")} value={from} onChange={setFrom} w={160} />
        <DateField label={t("cash.to")} value={to} onChange={setTo} w={160} />
        <Button variant="default" size="sm" data-testid="collected-csv" {...link("csv")}>
          {t("cash.csv")}
        </Button>
        <Button variant="default" size="sm" data-testid="collected-json" {...link("json")}>
          {t("cash.json")}
        </Button>
      </Group>
    </Paper>
  );
}
