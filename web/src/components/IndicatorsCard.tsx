import { BarChart, LineChart } from "@mantine/charts";
import { Grid, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { COLLECTION_STEPS, getIndicators, type Indicators, indicatorsKey } from "../api/indicators";
import { formatMoney } from "../format";
import { QueryState } from "./QueryState";
import { useLang } from "./useLang";

const STEP_COLORS = [
  "teal.6",
  "blue.4",
  "blue.6",
  "indigo.6",
  "violet.6",
  "orange.6",
  "yellow.6",
  "grape.6",
  "red.7",
] as const;

/** "12 k€" for an axis: whole euros, rounded, from cents (display only). */
function compactEuros(cents: number, lang: string): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", {
    style: "currency",
    currency: "EUR",
    notation: "compact",
    maximumFractionDigits: 1,
  }).format(Math.round(cents / 100));
}

/** "03/25" from "2025-03". */
const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(2, 4)}`;

/** The « Indicateurs » card: DSO and CEI per month, collected per month by step, the clients paying latest. */
export function IndicatorsCard() {
  const query = useQuery({ queryKey: indicatorsKey, queryFn: getIndicators });
  return (
    <Paper withBorder p="md" radius="md" data-testid="indicators-card">
      <QueryState query={query}>{(data) => <IndicatorsBody data={data} />}</QueryState>
    </Paper>
  );
}

function IndicatorsBody({ data }: { data: Indicators }) {
  const { t } = useTranslation();
  const lang = useLang();
  const number = (n: number) => new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR").format(n);
  const months = data.months.map((m) => ({
    month: monthLabel(m.month),
    dso: m.dso_days,
    cei: m.cei_percent,
    ...m.collected_by_step,
  }));
  return (
    <Stack gap="sm">
      <div>
        <Title order={2} size="h4">
          {t("indicators.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("indicators.subtitle")}
        </Text>
      </div>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Text size="sm" fw={500} title={t("indicators.dso_help")}>
            {t("indicators.dso")}
          </Text>
          <LineChart
            h={200}
            data={months}
            dataKey="month"
            series={[{ name: "dso", label: t("indicators.dso"), color: "blue.6" }]}
            connectNulls={false}
            curveType="linear"
            valueFormatter={(v) => number(v)}
            tickLine="none"
            gridAxis="y"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Text size="sm" fw={500}>
            {t("indicators.cei")}
          </Text>
          <LineChart
            h={200}
            data={months}
            dataKey="month"
            series={[{ name: "cei", label: t("indicators.cei"), color: "teal.6" }]}
            connectNulls={false}
            curveType="linear"
            valueFormatter={(v) => `${number(v)} %`}
            tickLine="none"
            gridAxis="y"
          />
        </Grid.Col>
      </Grid>
      <Text size="sm" fw={500}>
        {t("indicators.collected")}
      </Text>
      <BarChart
        h={260}
        data={months}
        dataKey="month"
        type="stacked"
        withLegend
        series={COLLECTION_STEPS.map((step, i) => ({
          name: step,
          label: t(`indicators.step.${step}`),
          color: STEP_COLORS[i] ?? "gray.6",
        }))}
        valueFormatter={(v) => formatMoney(v, lang)}
        yAxisProps={{ tickFormatter: (v: number) => compactEuros(v, lang), width: 70 }}
        tickLine="none"
        gridAxis="y"
      />
      <Text size="sm" fw={500}>
        {t("indicators.slowest")}
      </Text>
      {data.slowest_clients.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("indicators.no_payment")}
        </Text>
      ) : (
        <Table striped data-testid="indicators-slowest">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("indicators.client")}</Table.Th>
              <Table.Th className="num">{t("indicators.delay")}</Table.Th>
              <Table.Th className="num">{t("indicators.amount")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.slowest_clients.map((c) => (
              <Table.Tr key={c.client_id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td className="num">{t("common.days", { n: number(c.average_days_late) })}</Table.Td>
                <Table.Td className="num">{formatMoney(c.collected_cents, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
