import { BarChart } from "@mantine/charts";
import {
  Anchor,
  Badge,
  Button,
  ColorSwatch,
  EmptyState,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  type AgingBucket,
  type Dashboard,
  dashboardKey,
  getDashboard,
  type TodayAction,
} from "../api/dashboard";
import { DeclaredPaymentButtons } from "../components/DeclaredPaymentButtons";
import { ForecastCard } from "../components/ForecastCard";
import { IndicatorsCard } from "../components/IndicatorsCard";
import { PageTitle } from "../components/PageTitle";
import { PrescriptionCard } from "../components/PrescriptionCard";
import { QueryState } from "../components/QueryState";
import { StatCard } from "../components/StatCard";
import { useLang } from "../components/useLang";
import { formatDate, formatInteger, formatMoney } from "../format";
import { useCan } from "../session";

const BUCKET_COLORS: Record<AgingBucket, string> = {
  not_due: "teal.6",
  "1_30": "yellow.6",
  "31_60": "orange.6",
  "61_90": "red.6",
  over_90: "red.9",
};

/** "teal.6" → the CSS variable Mantine defines for it. */
function themeVar(color: string): string {
  const [name, shade] = color.split(".");
  return `var(--mantine-color-${name}-${shade ?? "6"})`;
}

const BUCKETS: readonly AgingBucket[] = ["not_due", "1_30", "31_60", "61_90", "over_90"];

/** "12 k€" for the axis: whole euros, rounded, from cents (display only). */
function compactEuros(cents: number, lang: string): string {
  const euros = Math.round(cents / 100);
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR", {
    style: "currency",
    currency: "EUR",
    notation: "compact",
    maximumFractionDigits: 1,
  }).format(euros);
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: dashboardKey, queryFn: getDashboard });
  return (
    <>
      <PageTitle title={t("dashboard.title")} />
      <QueryState query={query}>
        {(d) => (d.counts.invoices === 0 ? <Empty d={d} /> : <Board d={d} />)}
      </QueryState>
    </>
  );
}

function Empty({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const canImport = useCan("import");
  const canClients = useCan("clients");
  return (
    <Stack gap="lg">
      <StatCards d={d} />
      <Paper withBorder p="xl" radius="md">
        <EmptyState
          title={t("dashboard.empty_title")}
          description={d.counts.clients > 0 ? t("dashboard.empty_text_clients") : t("dashboard.empty_text")}
        >
          <EmptyState.Actions>
            {canImport && (
              <Button component={Link} to="/import">
                {t("dashboard.empty_import")}
              </Button>
            )}
            {canClients && (
              <Button component={Link} to="/clients?new=1" variant="default">
                {t("dashboard.empty_client")}
              </Button>
            )}
          </EmptyState.Actions>
          {!canImport && !canClients && (
            <Text size="sm" c="dimmed" mt="sm">
              {t("dashboard.empty_readonly")}
            </Text>
          )}
        </EmptyState>
      </Paper>
    </Stack>
  );
}

/** The four figures, also on the empty dashboard (all at 0 €), so that the first import visibly changes them. */
function StatCards({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: "xs", sm: "md" }}>
      <StatCard
        testId="stat-outstanding"
        label={t("dashboard.outstanding")}
        value={formatMoney(d.outstanding_cents, lang)}
      />
      <StatCard
        testId="stat-overdue"
        label={t("dashboard.overdue")}
        value={formatMoney(d.overdue_cents, lang)}
        color={d.overdue_cents > 0 ? "red.7" : undefined}
      />
      <StatCard
        testId="stat-due-week"
        label={t("dashboard.due_week")}
        value={formatMoney(d.due_this_week_cents, lang)}
      />
      <StatCard
        testId="stat-collected"
        label={t("dashboard.collected")}
        value={formatMoney(d.collected_this_month_cents, lang)}
        color="teal.7"
      />
    </SimpleGrid>
  );
}

function Board({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const lang = useLang();
  const byBucket = new Map(d.aging.map((a) => [a.bucket, a]));
  const chartData = BUCKETS.map((b) => ({
    bucket: t(`aging.${b}`),
    cents: byBucket.get(b)?.cents ?? 0,
    count: byBucket.get(b)?.count ?? 0,
    color: BUCKET_COLORS[b],
  }));

  return (
    <Stack gap="lg">
      <StatCards d={d} />

      <PrescriptionCard today={d.today} />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" radius="md" h="100%">
            <Group justify="space-between" mb="sm" align="baseline">
              <Title order={2} size="h4">
                {t("dashboard.aging")}
              </Title>
              <Text size="sm" c="dimmed" data-testid="dso">
                {d.dso_days === null
                  ? t("dashboard.dso_none")
                  : t("dashboard.dso", { n: formatInteger(d.dso_days, lang) })}
              </Text>
            </Group>
            <BarChart
              h={240}
              data={chartData}
              dataKey="bucket"
              series={[{ name: "cents", label: t("dashboard.amount") }]}
              valueFormatter={(v) => formatMoney(v, lang)}
              yAxisProps={{ tickFormatter: (v: number) => compactEuros(v, lang), width: 70 }}
              gridAxis="x"
              tickLine="none"
              maxBarWidth={56}
              aria-label={t("dashboard.aging")}
            />
            <Table mt="sm" fz="sm" verticalSpacing={4}>
              <Table.Tbody>
                {chartData.map((row) => (
                  <Table.Tr key={row.bucket}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Group gap={6} wrap="nowrap">
                        <ColorSwatch
                          color={themeVar(row.color)}
                          size={10}
                          withShadow={false}
                          aria-hidden="true"
                        />
                        {row.bucket}
                      </Group>
                    </Table.Td>
                    <Table.Td className="num">
                      {t("dashboard.invoices_count", { count: row.count, n: formatInteger(row.count, lang) })}
                    </Table.Td>
                    <Table.Td className="num">{formatMoney(row.cents, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" radius="md" h="100%">
            <Title order={2} size="h4" mb="sm">
              {t("dashboard.late_clients")}
            </Title>
            {d.late_clients.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t("dashboard.no_late_clients")}
              </Text>
            ) : (
              <Table fz="sm" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("clients.col.name")}</Table.Th>
                    <Table.Th className="num">{t("clients.col.overdue")}</Table.Th>
                    <Table.Th className="num">{t("dashboard.max_late")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.late_clients.map((c) => (
                    <Table.Tr key={c.client_id}>
                      <Table.Td style={{ overflowWrap: "anywhere" }}>
                        <Anchor component={Link} to={`/clients/${encodeURIComponent(c.client_id)}`} size="sm">
                          {c.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td className="num">{formatMoney(c.overdue_cents, lang)}</Table.Td>
                      <Table.Td className="num">
                        {t("common.days", { n: formatInteger(c.max_days_late, lang) })}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </Grid.Col>
      </Grid>

      <ForecastCard />

      <IndicatorsCard />

      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t("dashboard.today_actions")}
          </Title>
          <Group gap="sm">
            <Text size="sm" c="dimmed">
              {formatDate(d.today)}
            </Text>
            <Anchor component={Link} to="/today" size="sm" data-testid="today-link">
              {t("dunning.today.dashboard_link")} →
            </Anchor>
          </Group>
        </Group>
        {d.today_actions.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("dashboard.no_actions")}
          </Text>
        ) : (
          <Stack gap={0} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {d.today_actions.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole; an action has no id
              <ActionItem key={i} action={a} />
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

function ActionItem({ action: a }: { action: TodayAction }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Group
      component="li"
      justify="space-between"
      wrap="wrap"
      gap="xs"
      py="xs"
      style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}
    >
      <Stack gap={2} style={{ minWidth: 0, flex: "1 1 260px" }}>
        <Group gap="xs" wrap="nowrap">
          <Badge size="sm" variant="light" color="indigo">
            {t(`action_kinds.${a.kind}`, { defaultValue: t("action_kinds.other") })}
          </Badge>
          <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
            {a.invoice_id ? (
              <Anchor component={Link} to={`/invoices/${encodeURIComponent(a.invoice_id)}`} inherit>
                {a.title}
              </Anchor>
            ) : a.client_id ? (
              <Anchor component={Link} to={`/clients/${encodeURIComponent(a.client_id)}`} inherit>
                {a.title}
              </Anchor>
            ) : (
              a.title
            )}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {a.client_id && a.client ? (
            <Anchor component={Link} to={`/clients/${encodeURIComponent(a.client_id)}`} inherit c="dimmed">
              {a.client}
            </Anchor>
          ) : (
            a.client
          )}
          {a.number ? ` · ${t("invoices.number_short", { number: a.number })}` : ""}
          {a.due_on
            ? ` · ${
                a.kind === "declared_payment"
                  ? t("dashboard.declared_declared_on", { date: formatDate(a.due_on) })
                  : t("invoices.due_on", { date: formatDate(a.due_on) })
              }`
            : ""}
        </Text>
        {a.kind === "declared_payment" && a.payment_id && <DeclaredPaymentButtons paymentId={a.payment_id} />}
      </Stack>
      {a.amount_cents !== null && (
        <Text size="sm" fw={600} className="num">
          {formatMoney(a.amount_cents, lang)}
        </Text>
      )}
    </Group>
  );
}
