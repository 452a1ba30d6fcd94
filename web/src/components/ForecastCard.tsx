import { BarChart } from "@mantine/charts";
import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { FORECAST_XLSX_URL, type Forecast, forecastKey, getForecast } from "../api/forecast";
import { formatDate, formatMoney } from "../format";
import { QueryState } from "./QueryState";
import { useLang } from "./useLang";

/** "12 k€" for an axis: whole euros, rounded, from cents (display only). */
function compactEuros(cents: number, lang: string): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", {
    style: "currency",
    currency: "EUR",
    notation: "compact",
    maximumFractionDigits: 1,
  }).format(Math.round(cents / 100));
}

/** "08/06" from "2026-06-08". */
const dayMonth = (iso: string) => formatDate(iso).slice(0, 5);

/** The « Trésorerie » card: the weeks ahead (expected, with the low–high band) and the past weeks' forecast vs received. */
export function ForecastCard() {
  const query = useQuery({ queryKey: forecastKey, queryFn: getForecast });
  return (
    <Paper withBorder p="md" radius="md" data-testid="forecast-card">
      <QueryState query={query}>{(f) => <ForecastBody f={f} />}</QueryState>
    </Paper>
  );
}

function ForecastBody({ f }: { f: Forecast }) {
  const { t } = useTranslation();
  const lang = useLang();
  const total = f.weeks.reduce((s, w) => s + w.expected_cents, 0);
  const weeks = f.weeks.map((w) => ({
    week: dayMonth(w.start),
    start: w.start,
    expected: w.expected_cents,
    low: w.low_cents,
    high: w.high_cents,
    band: [w.expected_cents - w.low_cents, w.high_cents - w.expected_cents],
  }));
  const past = f.past.map((p) => ({
    week: dayMonth(p.start),
    expected: p.expected_cents,
    actual: p.actual_cents,
  }));
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="baseline">
        <div>
          <Title order={2} size="h4">
            {t("forecast.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("forecast.subtitle", { n: f.weeks.length })}
          </Text>
        </div>
        <Button
          component="a"
          href={FORECAST_XLSX_URL}
          download
          variant="default"
          size="xs"
          data-testid="forecast-xlsx"
        >
          {t("forecast.download")}
        </Button>
      </Group>
      <div
        style={{ width: "100%", height: 260 }}
        role="img"
        aria-label={t("forecast.subtitle", { n: f.weeks.length })}
      >
        <ResponsiveContainer>
          <ComposedChart data={weeks} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="week" tickLine={false} fontSize={12} />
            <YAxis
              tickFormatter={(v: number) => compactEuros(v, lang)}
              width={70}
              fontSize={12}
              tickLine={false}
            />
            <Tooltip
              labelFormatter={(_, payload) => {
                const start = payload?.[0]?.payload?.start as string | undefined;
                return start ? t("forecast.week_of", { date: formatDate(start) }) : "";
              }}
              formatter={(value, _name, item) => {
                const row = item.payload as { low: number; high: number };
                return [
                  `${formatMoney(Number(value), lang)} (${t("forecast.range", {
                    low: formatMoney(row.low, lang),
                    high: formatMoney(row.high, lang),
                  })})`,
                  t("forecast.expected"),
                ];
              }}
            />
            <Bar
              isAnimationActive={false}
              dataKey="expected"
              fill="var(--mantine-color-teal-6)"
              maxBarSize={40}
              name={t("forecast.expected")}
            >
              <ErrorBar
                isAnimationActive={false}
                dataKey="band"
                width={6}
                stroke="var(--mantine-color-gray-7)"
                direction="y"
              />
            </Bar>
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <Group gap="lg" wrap="wrap">
        <Text size="sm" fw={600} data-testid="forecast-total">
          {t("forecast.total", { n: f.weeks.length, amount: formatMoney(total, lang) })}
        </Text>
        <Text size="sm" c="dimmed">
          {t("forecast.beyond", { amount: formatMoney(f.beyond_cents, lang) })}
        </Text>
        <Text size="sm" c={f.litigation_cents > 0 ? "red.7" : "dimmed"}>
          {t("forecast.litigation", { amount: formatMoney(f.litigation_cents, lang) })}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {t("forecast.help")}
      </Text>
      {past.length > 0 && (
        <>
          <Title order={3} size="h5" mt="sm">
            {t("forecast.past_title")}
          </Title>
          <BarChart
            h={200}
            data={past}
            dataKey="week"
            series={[
              { name: "expected", label: t("forecast.expected"), color: "gray.5" },
              { name: "actual", label: t("forecast.actual"), color: "teal.6" },
            ]}
            valueFormatter={(v) => formatMoney(v, lang)}
            yAxisProps={{ tickFormatter: (v: number) => compactEuros(v, lang), width: 70 }}
            gridAxis="x"
            tickLine="none"
            withLegend
            maxBarWidth={24}
            aria-label={t("forecast.past_title")}
          />
        </>
      )}
    </Stack>
  );
}
